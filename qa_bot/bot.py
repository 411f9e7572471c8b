"""``Bot.ask``: the one entry point every channel calls."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from qa_bot import replies
from qa_bot.answer import Span, find_span
from qa_bot.compose import compose
from qa_bot.conversation import HISTORY_TURNS, history_weights, is_followup, leans_on_last_turn
from qa_bot.documents import Document
from qa_bot.embedding import Encoder, shared_encoder
from qa_bot.errors import InvalidQuestionError, QuestionTooLongError
from qa_bot.exemplars import SAFETY_KINDS, Exemplars
from qa_bot.features import Meaning
from qa_bot.index import Index
from qa_bot.intents import SAFETY_WORDS, Intent, detect_safety
from qa_bot.library import load_library
from qa_bot.models import Answer
from qa_bot.query import Query, QueryWord, analyze_question, without_topic
from qa_bot.ranker import Ranker
from qa_bot.spelling import Speller
from qa_bot.surrogates import has_lone_surrogate, storable
from qa_bot.synonyms import Synonyms
from qa_bot.text import STOPWORDS, replace_words
from qa_bot.triage import Triage

__all__ = ["MAX_QUESTION_CHARS", "Bot"]

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000
ANSWER_CACHE = 4096  # recent (question, history) pairs whose answers are kept
TOPICS = 5  # questions the bot suggests when it greets or cannot answer
SUBJECT_SPECIFICITY = 0.9  # a title word this specific names a document's subject ("toxoplasmosis", not "care")
HISTORY_SHARE = 0.6  # earlier turns weigh at most this much against the new question's words
PRIOR_BONUS = 0.3  # how much a follow-up prefers the section the conversation is about


def _check_question(question: object, limit: int = MAX_QUESTION_CHARS) -> str:
    if not isinstance(question, str):
        raise InvalidQuestionError("the question must be text")
    question = question.strip()
    if not question:
        raise InvalidQuestionError("the question is empty; type a question about the documents")
    if has_lone_surrogate(question):
        raise InvalidQuestionError("the question holds a broken character (half of a UTF-16 pair); send it as valid Unicode text")
    if len(question) > limit:
        raise QuestionTooLongError(f"the question is {len(question)} characters long; the limit is {limit}")
    return question


def _check_history(history: object) -> list[str]:
    if history is None:
        return []
    if isinstance(history, str) or not isinstance(history, Sequence):
        raise InvalidQuestionError("history must be a list of earlier questions")
    if not all(isinstance(h, str) for h in history):
        raise InvalidQuestionError("every history entry must be text")
    turns = [storable(h.strip()[:MAX_QUESTION_CHARS]) for h in history if h.strip()]
    return turns[-HISTORY_TURNS:]


class Bot:
    """Answers questions from a set of documents with their own words and a citation."""

    def __init__(self, documents: list[Document], synonyms: Synonyms | None = None,
                 variant: str = "plus", threshold: float | None = None,
                 max_question_chars: int = MAX_QUESTION_CHARS, index: Index | None = None,
                 answer_cache: int = ANSWER_CACHE, ranker: Ranker | None = None,
                 encoder: Encoder | None = None, triage: Triage | None = None,
                 contacts: replies.Contacts | None = None) -> None:
        self.documents = documents
        self.synonyms = synonyms or Synonyms.load()
        self.encoder = encoder or shared_encoder()
        self.index = index or Index(documents, variant=variant, encoder=self.encoder)
        self.ranker = ranker or Ranker.load()
        self.triage = triage or _triage(self.encoder, self.index)
        self.contacts = contacts or replies.Contacts()
        # Answers below this confidence become "abstain"; fitted with the ranker unless given.
        self.threshold = self.ranker.threshold if threshold is None else threshold
        self.max_question_chars = max_question_chars
        self._answer_cached = lru_cache(maxsize=answer_cache)(self._uncached) if answer_cache else self._uncached
        self.speller = Speller(self.index.words, STOPWORDS | self.synonyms.known_words | SAFETY_WORDS)
        self.speller.english  # noqa: B018 - load the word list now, not on the first question
        self._question_forms = replies.QuestionForms(self.index)
        self._document_topics: dict[str, list[str]] = {}
        self.topics = self._answerable(replies.topics(self.index, 3 * TOPICS), TOPICS)

    @classmethod
    def from_folder(cls, folder: str | Path, cache_dir: str | Path | None = None, progress: bool = False,
                    **options: Any) -> Bot:
        """Load every document of a corpus folder, with the folder's own synonyms.

        With ``cache_dir`` the built index is kept on disk and reused while the files are unchanged.
        """
        variant = options.get("variant", "plus")
        cache = Path(cache_dir) if cache_dir else None
        documents, index = load_library(Path(folder), variant, cache, progress)
        encoder = options.pop("encoder", None) or shared_encoder()
        triage = options.pop("triage", None) or _triage(encoder, index, Path(folder) / "intents", cache)
        return cls(documents, Synonyms.load(folder), index=index, encoder=encoder, triage=triage, **options)

    def _answerable(self, questions: list[str], limit: int) -> list[str]:
        """The first questions that this bot answers itself: a suggestion must never lead to "I don't know"."""
        self.topics = questions[:limit]  # what an abstain lists while the candidates are tried
        answered: list[str] = []
        for question in questions:
            if len(answered) == limit:
                break
            if self._uncached(question, ()).kind == "answer":
                answered.append(question)
        return answered or questions[:limit]

    def _topics_in(self, turns: tuple[str, ...]) -> list[str]:
        """What an abstain suggests: in a conversation, questions its document answers; else the corpus's topics."""
        if not turns or len(self.documents) < 2:
            return self.topics
        previous = self._find(self._query(turns[-1]), list(turns[:-1]))[0]
        if previous is None:
            return self.topics
        document = self.index.doc_of_section[previous.section].id
        if document not in self._document_topics:  # checked once per document, as the corpus's topics are
            questions = replies.topics(self.index, 3 * TOPICS, document)
            answered = [q for q in questions if self._uncached(q, ()).kind == "answer"][:TOPICS]
            self._document_topics[document] = answered or self.topics
        return self._document_topics[document]

    def ask(self, question: str, history: Sequence[str] | None = None, *, after_safety: str | None = None) -> Answer:
        """Answer one message, given the user's earlier questions in the conversation.

        ``after_safety`` is the kind of safety reply ("crisis", "emergency") the conversation's last message got,
        for a caller that keeps no text of it: a follow-up ("what should I do?") then gets that reply again.
        """
        question = _check_question(question, self.max_question_chars)
        turns = _check_history(history)
        # Answers depend only on the words and the corpus, and are immutable: repeats are free.
        return self._answer_cached(question, tuple(turns), after_safety if after_safety in SAFETY_KINDS else None)

    def _uncached(self, question: str, turns: tuple[str, ...], after_safety: str | None = None) -> Answer:
        verdict = self.triage.classify(question, followup=bool(turns))
        if verdict.kind in SAFETY_KINDS:
            # Which reply the model chose, a rule on the repaired words may correct: "i cant breth" is no crisis.
            rule = detect_safety(self._repaired(question, self._query(question))) if verdict.nearest != "(rule)" else None
            return replies.safety(Intent(rule.name if rule else verdict.kind), self.contacts)
        if verdict.kind == "smalltalk":
            # "I'm such a burdn to everyone" reads as small talk until its misspelt safety word is repaired.
            rule = detect_safety(self._repaired(question, self._query(question)))
            if rule:
                return replies.safety(rule, self.contacts)
            # "ok" or "thanks" after a crisis or emergency reply is no cue for "Glad that helps, anything else about …?":
            # the person still needs the numbers. Not once help has come ("thanks, they're here", "we're at A&E now").
            if verdict.intent in _ACKNOWLEDGED and not _HELP_CAME.search(question):
                earlier = self._earlier_kind(turns, after_safety)
                if earlier in SAFETY_KINDS:
                    # The message's own intent goes with it: a goodbye still ends a chat, after the reply.
                    reply = replies.safety(Intent(earlier), self.contacts)
                    return replace(reply, extra={**reply.extra, "intent": verdict.intent})
            return replies.smalltalk(Intent(verdict.intent), self.documents, self.topics)
        query = self._query(verdict.rest)
        if (turns or after_safety) and (leans_on_last_turn(question) or query.asks == "help"):
            # "what should I do?" right after "my chest is crushing and my arm is numb": the danger is still the subject.
            earlier = self._earlier_kind(turns, after_safety)
            if earlier in SAFETY_KINDS:
                return replies.safety(Intent(earlier), self.contacts)
        # The rules again, on the safety words with their typos repaired ("chst", "ibuprofin"), run only when there
        # are some.
        repaired = self._repaired(verdict.rest, query)
        intent = detect_safety(repaired) if repaired else None
        if intent and self.triage.classify(repaired).kind in SAFETY_KINDS:
            return replies.safety(intent, self.contacts)
        span, query = self._find(query, list(turns))
        confidence = self._confidence(span, query)
        if span is None or confidence < self.threshold:
            return replies.abstain(self.documents, self._topics_in(turns), confidence)
        return self._answer(span, confidence)

    def _earlier_kind(self, turns: Sequence[str], after_safety: str | None) -> str | None:
        """The kind of the conversation's last message: the safety reply it got if the caller says, else classified."""
        return after_safety or (self.triage.classify(turns[-1]).kind if turns else None)

    @staticmethod
    def _repaired(text: str, query: Query) -> str:
        """``text`` with its misspelt safety words repaired, or "" when it has none."""
        # The punctuation stays, for it tells a question ("my chest felt tight last week, should I see someone?") from
        # a statement. Other words stay as typed: "tooke" is no nearer "take" than "took".
        fixes = {w: c for w, c in query.corrections.items() if all(part in SAFETY_WORDS for part in c.split())}
        return replace_words(text, fixes) if fixes else ""

    def _query(self, question: str) -> Query:
        return analyze_question(question, self.index, self.speller, self.synonyms)

    def _find(self, query: Query, turns: list[str]) -> tuple[Span | None, Query]:
        """Retrieve for a query; a follow-up is read with the earlier turns and alone, and the surer reading wins."""
        # "Is there a blood test for it?" after "what causes it?" is about the condition, not the cause: read
        # alone it is answered surely, in the same document, so the conversation must not pull it away.
        read, vector, prior = self.context(query, turns)
        found = find_span(self.index, read, vector, self.ranker, prior)
        if read is query or not prior or (found is not None and found.blank):
            return found, read  # a blank in context ("Repeat ____ times") is the document's answer: ask the clinician
        alone, _ = self._find(replace(query, own_state=read.own_state), [])
        about = self.index.doc_of_section[next(iter(prior))].id  # the document the conversation is about
        if (alone is not None and self.index.doc_of_section[alone.section].id == about
                and self._confidence(alone, query) > self._confidence(found, read)):
            return alone, query
        return found, read

    def context(self, query: Query, turns: list[str]) -> tuple[Query, Meaning, dict[int, float]]:
        """The query with what a follow-up takes from earlier turns (a copy), its vectors, and the prior section."""
        known = len(query.words) - len(query.unknown)
        prior: dict[int, float] = {}
        # The words as asked (the triage has embedded them already) unless typos were repaired.
        meaning = _as_asked(query)
        earlier = self._query(turns[-1]) if turns and is_followup(query.text, known) else None
        previous = self._find(earlier, turns[:-1])[0] if earlier is not None else None
        if earlier is not None and not (previous is not None and self._switches_subject(query, turns, previous)):
            # "is that bad?" after "my incision is red" is still told of the writer's own state.
            query = replace(query, words=list(query.words), terms=dict(query.terms),
                            own_state=query.own_state or earlier.own_state)
            if previous is not None:
                prior[previous.section] = PRIOR_BONUS
            own_weight = sum(w.weight for w in query.words) or 1.0
            context: list[QueryWord] = []
            for weight, turn in zip(history_weights(len(turns)), reversed(turns), strict=False):
                past = earlier if turn is turns[-1] else self._query(turn)
                for term, w in past.terms.items():
                    query.terms[term] = max(query.terms.get(term, 0.0), w * weight)
                seen = {w.stems for w in query.words + context}
                context.extend(
                    QueryWord(w.word, w.stems, w.weight * weight, w.alternatives, w.specificity)
                    for w in past.words if w.stems not in seen and w.word not in past.unknown)
            # Earlier turns set the scene; the new question's own words must still decide.
            scale = min(1.0, HISTORY_SHARE * own_weight / (sum(w.weight for w in context) or 1.0))
            query.words.extend(QueryWord(w.word, w.stems, w.weight * scale, w.alternatives, w.specificity)
                               for w in context)
            # In meaning too, a follow-up is read together with the question it follows.
            meaning = f"{_as_asked(earlier)} {meaning}"
        asked = self.encoder.question(meaning)
        topical = without_topic(meaning, self.index.topic_terms)
        return query, Meaning(asked, asked if topical == meaning else self.encoder.question(topical)), prior

    def _switches_subject(self, query: Query, turns: Sequence[str], previous: Span) -> bool:
        """True if the question names another document's subject that the conversation has not named
        ("what about toxoplasmosis?" after answers about scabies): a new topic, not a follow-up."""
        index = self.index
        own = index.title_terms[index.doc_of_section[previous.section].id]
        # Only a word that says much in general English names a subject: "pain" in a "Cancer Pain" title does not.
        named = {s for w in query.words if w.specificity >= SUBJECT_SPECIFICITY for s in w.stems
                 if s in index.topic_terms and s not in own}
        if not named:
            return False
        said = {s for turn in turns for w in self._query(turn).words for s in w.stems}
        return bool(named - said)

    def _confidence(self, span: Span | None, query: Query) -> float:
        """How likely the span answers the question: the fitted model over the answer's evidence."""
        if span is None or not query.words or span.blank:
            return 0.0  # a fill-in-the-blank line leaves the value to the clinician: the document can't say
        if all(w.word in query.unknown for w in query.words):
            # Nothing asked (nor a synonym of it) is in the documents: "what is asthma" of a bronchitis page
            # is linked to it only by the model's sense of closeness. The fit sets hold few such questions
            # (6 of 7 not answerable right), so the fitted confidence cannot be trusted on them. A follow-up
            # is read with the conversation's words: "and in a baby?" after "signs of dehydration" (the page
            # says "infants") is answerable, and so it is not judged on its own words.
            return 0.0
        return self.ranker.confidence(span.signals)

    def _answer(self, span: Span, confidence: float) -> Answer:
        section = self.index.sections[span.section]
        text, citation = compose(self.index.doc_of_section[span.section], section, span.shape)
        # Follow-on questions stay with the answer's document: another page's "Points to remember" is not its own.
        document = self.index.doc_of_section[span.section].id
        same = tuple(sid for sid in span.ranked_sections if self.index.doc_of_section[sid].id == document)
        suggestions = replies.suggestions(self._question_forms, same)
        # A warning sign's lead-in ("Get help right away if:") is the instruction: channels may stress it.
        extra = {"warning": True} if span.shape.warning else {}
        return Answer("answer", text, confidence, (citation,), suggestions, extra)


# Small talk that acknowledges a reply, and words that say help has come or the danger is dealt with.
_ACKNOWLEDGED = ("ack", "thanks", "goodbye")
_HELP_CAME = re.compile(r"\b(here|arrived|came|come|coming|on (their|the|its) way|at (the )?(a ?& ?e|a and e|er|hospital|ed)"
                        r"|called|rang|phoned|spoke|spoken|talked|safer|safe now|better now|ok now|okay now|fine now)\b",
                        re.IGNORECASE)


def _triage(encoder: Encoder, index: Index, intents: Path | None = None, cache: Path | None = None) -> Triage:
    """The message-kind classifier: bundled exemplars, plus a corpus folder's own intents/*.txt if given."""
    return Triage(encoder, Exemplars.load(encoder, intents, cache), index.vectors.topics(), cache)


def _as_asked(query: Query) -> str:
    """The question's words as asked, or as repaired when a typo was."""
    return query.text if query.corrections else query.original
