"""``Bot.ask``: the one entry point every channel calls."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from qa_bot import replies
from qa_bot.answer import Span, find_span
from qa_bot.conversation import HISTORY_TURNS, history_weights, is_followup
from qa_bot.documents import Document
from qa_bot.errors import InvalidQuestionError, QuestionTooLongError
from qa_bot.index import Index
from qa_bot.intents import SAFETY_WORDS, detect_safety, detect_smalltalk
from qa_bot.library import load_library
from qa_bot.models import Answer, Citation
from qa_bot.query import Query, QueryWord, analyze_question
from qa_bot.spelling import Speller
from qa_bot.synonyms import Synonyms
from qa_bot.text import STOPWORDS

__all__ = ["MAX_QUESTION_CHARS", "Bot"]

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000
ANSWER_CACHE = 4096  # recent (question, history) pairs whose answers are kept
THRESHOLD = 0.41  # answers below this confidence become "abstain"; calibrated on the dev set
HISTORY_SHARE = 0.6  # earlier turns weigh at most this much against the new question's words
PRIOR_BONUS = 0.3  # how much a follow-up prefers the section the conversation is about


def _check_question(question: object, limit: int = MAX_QUESTION_CHARS) -> str:
    if not isinstance(question, str):
        raise InvalidQuestionError("the question must be text")
    question = question.strip()
    if not question:
        raise InvalidQuestionError("the question is empty; type a question about the documents")
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
    turns = [h.strip()[:MAX_QUESTION_CHARS] for h in history if h.strip()]
    return turns[-HISTORY_TURNS:]


class Bot:
    """Answers questions from a set of documents with their own words and a citation."""

    def __init__(self, documents: list[Document], synonyms: Synonyms | None = None,
                 variant: str = "plus", threshold: float = THRESHOLD,
                 max_question_chars: int = MAX_QUESTION_CHARS, index: Index | None = None,
                 answer_cache: int = ANSWER_CACHE) -> None:
        self.documents = documents
        self.synonyms = synonyms or Synonyms.load()
        self.index = index or Index(documents, variant=variant)
        self.threshold = threshold
        self.max_question_chars = max_question_chars
        self._answer_cached = lru_cache(maxsize=answer_cache)(self._uncached) if answer_cache else self._uncached
        self.speller = Speller(self.index.words, STOPWORDS | self.synonyms.known_words | SAFETY_WORDS)
        self.speller.english  # noqa: B018 - load the word list now, not on the first question
        self._question_forms = replies.QuestionForms(self.index)
        self.topics = replies.topics(self.index, 5)

    @classmethod
    def from_folder(cls, folder: str | Path, cache_dir: str | Path | None = None, progress: bool = False,
                    **options: Any) -> Bot:
        """Load every document of a corpus folder, with the folder's own synonyms.

        With ``cache_dir`` the built index is kept on disk and reused while the files are unchanged.
        """
        variant = options.get("variant", "plus")
        documents, index = load_library(Path(folder), variant, Path(cache_dir) if cache_dir else None, progress)
        return cls(documents, Synonyms.load(folder), index=index, **options)

    def ask(self, question: str, history: Sequence[str] | None = None) -> Answer:
        """Answer one message, given the user's earlier questions in the conversation."""
        question = _check_question(question, self.max_question_chars)
        turns = _check_history(history)
        # Answers depend only on the words and the corpus, and are immutable: repeats are free.
        return self._answer_cached(question, tuple(turns))

    def _uncached(self, question: str, turns: tuple[str, ...]) -> Answer:
        intent = detect_safety(question)
        if intent:
            return replies.safety(intent)
        small = detect_smalltalk(question)
        if small and not small.rest:
            return replies.smalltalk(small, self.documents, self.topics)
        if small:
            question = small.rest
        query = self._query(question)
        intent = detect_safety(query.text)
        if intent:
            return replies.safety(intent)
        span, query = self._find(query, list(turns))
        confidence = self._confidence(span, query)
        if span is None or confidence < self.threshold:
            return replies.abstain(self.documents, self.topics, confidence)
        return self._answer(span, confidence)

    def _query(self, question: str) -> Query:
        return analyze_question(question, self.index, self.speller, self.synonyms)

    def _find(self, query: Query, turns: list[str]) -> tuple[Span | None, Query]:
        """Retrieve for a query, folding in earlier turns when it is a follow-up."""
        known = len(query.words) - len(query.unknown)
        prior: dict[int, float] = {}
        if turns and is_followup(query.text, known):
            earlier = self._query(turns[-1])
            previous, _ = self._find(earlier, turns[:-1])
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
                    QueryWord(w.word, w.stems, w.weight * weight, w.alternatives)
                    for w in past.words if w.stems not in seen and w.word not in past.unknown)
            # Earlier turns set the scene; the new question's own words must still decide.
            scale = min(1.0, HISTORY_SHARE * own_weight / (sum(w.weight for w in context) or 1.0))
            query.words.extend(QueryWord(w.word, w.stems, w.weight * scale, w.alternatives) for w in context)
        return find_span(self.index, query, prior), query

    def _confidence(self, span: Span | None, query: Query) -> float:
        """How likely the span answers the question, from how much of it the span covers."""
        if span is None or not query.words:
            return 0.0
        confidence = span.coverage
        if span.blank or (query.expect and not span.typed):
            confidence *= 0.4  # asked "how long" and the passage names no duration, or leaves a blank
        return max(0.0, min(1.0, confidence))

    def _answer(self, span: Span, confidence: float) -> Answer:
        section = self.index.sections[span.section]
        doc = self.index.doc_of_section[span.section]
        units = [section.units[i] for i in span.units]
        lines: list[str] = []
        for k, (i, unit) in enumerate(zip(span.units, units, strict=False)):
            joined_to_previous = k and span.units[k - 1] == i - 1 and unit.block == units[k - 1].block
            if joined_to_previous:
                lines[-1] += " " + unit.text
            else:
                lines.append(unit.text)
        quote = " … ".join(
            " ".join(u.text for u in run) for run in _runs(span.units, units))
        citation = Citation(
            document=doc.id, title=doc.title, section=section.heading, quote=quote,
            start=units[0].start, end=units[-1].end,
            url=f"/docs/{doc.id}?hl={units[0].start}-{units[-1].end}#{section.anchor}",
            spans=tuple((u.start, u.end) for u in units),
        )
        suggestions = replies.suggestions(self._question_forms, span.ranked_sections)
        return Answer("answer", "\n".join(lines), confidence, (citation,), suggestions)


def _runs(indices: tuple[int, ...], units: list) -> list[list]:
    """Group units into runs of consecutive indices (a gap becomes an ellipsis in the quote)."""
    runs: list[list] = []
    for k, unit in enumerate(units):
        if k and indices[k] == indices[k - 1] + 1:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs
