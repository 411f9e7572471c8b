"""What a question asks for: its weighted search terms, typo fixes and expected answer type."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from qa_bot.cues import tells_own_state
from qa_bot.index import Index
from qa_bot.spelling import Speller
from qa_bot.synonyms import Synonyms
from qa_bot.text import STOPWORDS, stem, words

__all__ = ["Query", "QueryWord", "analyze_question", "coverage", "found", "names_topic", "without_topic"]

SYNONYM_WEIGHT = 0.5  # BM25 weight of a synonym, against 1 for the question's own word
SYNONYM_CREDIT = 0.8  # how much a synonym's match counts towards covering a question word
MIN_REDUCED_SPECIFICITY = 0.55  # "lie down" may stand for "lie"; "put up" may not stand for "put"
PHRASE_ONLY_SPECIFICITY = 0.5  # weight of a phrase of function words, against its synonyms' IDF
UNKNOWN_FACTOR = 1.5  # weight of a word the corpus lacks, against its rarest word

# Answer types: the wording asks for a number of some kind; the words named are not search terms.
_TYPES = [
    ("duration", re.compile(r"\bhow (long|many (seconds|minutes|hours|days|weeks|months|years))\b|\bfor how long\b"),
     {"long", "many", "much"}),
    ("frequency", re.compile(r"\bhow (often|frequently|many times)\b"), {"often", "frequently", "many"}),
    ("distance", re.compile(r"\bhow (far|high|low|deep|wide|big|much higher|many (inches|feet|centimeters|cm))\b"),
     {"far", "high", "low", "deep", "wide", "big"}),
    ("quantity", re.compile(r"\bhow (many|much)\b"), {"many", "much"}),
]
_NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|once|twice)"
_SATISFIES = {
    "duration": re.compile(rf"\b{_NUMBER}\b[\s\S]{{0,12}}\b(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b"),
    "frequency": re.compile(rf"\b({_NUMBER}[\s\S]{{0,8}}\btimes?\b|once|twice|daily|every \w+|{_NUMBER} (a|per) (day|week))"),
    "distance": re.compile(r"\d+\s*(inches|inch|in\b|cm|mm|centimeters?|feet|foot|ft|meters?|m\b|yards?)"),
    "quantity": re.compile(rf"\b{_NUMBER}\b"),
}


# What kind of fact a why/when/who/where question asks for, and words that mark a sentence giving one.
_ASKS = [
    # "When should I call my doctor?", "is this something to get checked?": the answer says to get help, and when.
    # ("When do I see the surgeon for my follow-up?" asks for a date: after a plain "when do/can", only calling counts.)
    ("help", re.compile(r"^(when (do|can|to|does) (i |we |you |he |she |they )?(?=(call|contact|phone|ring)\b)"
                        r"|when (should|must|do i need|do i have|would i need|is|are)|should|do i need"
                        r"|does (he|she|it|this) need|is (it|this|that)|how (do|will|would) i know)\b.*"
                        r"\b((call|calling|see|seeing|contact|phone|ring|tell|go (back )?to)( a| my| the| your| our)?"
                        r" (doctor|gp|nurse|provider|health care|healthcare|surgeon|specialist|someone|hospital|er|911"
                        r"|emergency|care team|team)|get (help|hold of|checked|seen|looked at|medical)|seek"
                        r"|worry|worried|serious|an emergency|looked at|checked out)\b"),
     re.compile(r"\b(call|see|contact|talk (to|with)|tell|check with|consult\w*|seek|get|go to)\b.{0,60}"
                r"\b(doctor|provider|health care|911|team|nurse|help|care|professional|emergency|surgeon|pharmacist)\b")),
    ("why", re.compile(r"^(why|how come)\b|\bwhat (is|are) the (reason|point|purpose)\b"),
     re.compile(r"\b(because|since|so that|so you|due to|caus\w*|leads? to|helps?|in order to|reasons?|prevents?"
                r"|protects?|can make)\b")),
    ("when", re.compile(r"^(when|how soon|at what (age|point|time)|what age)\b"),
     re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\s-]*(days?|weeks?|months?|years?|hours?)\b"
                r"|\b(before|after|until|once|during|age|ages|older|younger|right away|immediately|as soon as)\b")),
    ("who", re.compile(r"^(who|which (people|person|patients|children|kids))\b|\bwhat kind of (people|person|patients)\b"),
     re.compile(r"\b(people|persons?|adults?|children|child|kids|women|men|babies|infants|anyone|patients|older|younger)\b")),
    ("where", re.compile(r"^where\b"),
     re.compile(r"\b(at|in|on|to) (the|a|an|your|home|hospital|clinic|office|center|pharmacy)\b|\blocated\b")),
]


_CUES = {name: cue for name, _, cue in _ASKS}


# What shape of answer the wording asks for, when the answer is a list: all of it, or all the steps.
_FORMS = [
    ("procedure", re.compile(r"\bhow (do|should|can|could|would|to|does)\b|\bwalk me through\b|\btalk me through\b"
                             r"|\bstep by step\b|\bsteps\b|\b(every|each) step (of|for|to|in)\b|\binstructions\b|\bwhat do i do\b"
                             r"|\bstart to finish\b|\b(right|correct|proper|best) way to\b"
                             r"|\bwhat happens (during|in|at)\b|\bhow (is|are)\b.*\b(done|performed|carried out)\b")),
    ("list", re.compile(r"^(what|which) (are|were)\b|\b(what|which) (other |different |main |common )?"
                        r"(kinds?|types?|sorts?|signs|symptoms|causes|things|ways|foods|drinks|exercises|medicines|medications|drugs|treatments|options|tests|tips|"
                        r"risk factors|complications|side effects|problems)\b|\blist\b|\bname (the|all|some)\b"
                        r"|\binclude\b|\ball the\b"
                        # "What diseases can lead to ...", "which changes should I look for": a plural asked about.
                        # (Not "what virus can", "what diagnosis should": -us, -is and -ss are singulars.)
                        # (Not "what if my symptoms come back?" nor "what does diabetes cause?": no plural asked about.)
                        r"|\b(what|which) (?!(if|does|do|did|is|are|was|were|can|could|will|would|should|has|have)\b)"
                        r"(\w+ ){0,2}\w+[^sui\W]s( of( \w+){1,4})? (can|could|should|do|did|are|were|might|may|will"
                        r"|would|must|put|make|help|raise|cause|come|count|increase|lower)\b"
                        # "Who is at higher risk?", "who has a higher chance of ...": the answer names groups.
                        r"|^who (is|are|has|have|gets?) (at )?(an? )?(more|most|higher|greater|increased|bigger)? ?"
                        r"(risk|likely|chance)")),
]


@dataclass
class QueryWord:
    """A content word (or matched phrase) of the question, and what counts as finding it."""

    word: str
    stems: frozenset[str]  # all of these present = found
    weight: float  # its share of the question: corpus IDF times how specific the word is
    alternatives: tuple[frozenset[str], ...] = ()  # synonyms: any one present = found (partly)
    specificity: float = 1.0  # how much the word says in general English (see specificity())


@dataclass
class Query:
    """A question ready for retrieval."""

    text: str
    words: list[QueryWord]
    terms: dict[str, float]  # stem -> weight for BM25
    expect: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # content words the corpus lacks entirely
    form: str | None = None  # "list" or "procedure" when the wording asks for a whole list
    asks: str | None = None  # "why", "when", "who" or "where": the kind of fact asked for
    original: str = ""  # the question as asked, before typo repair and synonyms
    own_state: bool = False  # the writer tells of their own state now ("my wound is red"), not asks

    def cued_by(self, text: str) -> bool:
        """True if the text has words that give the kind of fact a why/when/who/where question asks for."""
        return bool(self.asks) and bool(_CUES[self.asks].search(text.lower()))

    def satisfied_by(self, text: str) -> bool:
        """True if the text has the kind of answer the wording asks for (a duration, ...)."""
        return self.expect is None or bool(_SATISFIES[self.expect].search(text.lower()))


def without_topic(text: str, topic: frozenset[str]) -> str:
    """The text with the words naming the documents' topics put as "this" ("How is this diagnosed?").

    Handouts write "How is this treated?"; a question that names the condition is closest in
    meaning to whatever sentence names it too, not to the one that answers. A text that names no
    topic comes back unchanged.
    """
    out: list[str] = []
    replaced = False
    for word in words(text):
        if word not in STOPWORDS and stem(word) in topic:
            replaced = True
            if not out or out[-1] != "this":
                out.append("this")
        else:
            out.append(word)
    return " ".join(out) if replaced else text


def coverage(query: Query, stems: frozenset[str] | set[str], skip: frozenset[str] = frozenset()) -> float:
    """Share of the question's content (weighted) that a set of stems contains.

    Words inside ``skip`` (a document's title words, say) are left out unless nothing else is left.
    """
    counted = [not names_topic(w, skip) for w in query.words]
    if not any(counted):
        counted = [True] * len(query.words)
    total = got = 0.0
    for w, credit, keep in zip(query.words, found(query, stems), counted, strict=True):
        if keep:
            total += w.weight
            got += w.weight * credit
    return got / total if total else 0.0


def names_topic(word: QueryWord, title: frozenset[str]) -> bool:
    """True if the word, or a synonym of it, is in the document's title: it names the topic."""
    return bool(title) and (word.stems <= title or any(alt <= title for alt in word.alternatives))


def found(query: Query, stems: frozenset[str] | set[str]) -> list[float]:
    """For each question word, 1 if the stems contain it, SYNONYM_CREDIT for a synonym, else 0."""
    return [1.0 if w.stems <= stems else SYNONYM_CREDIT if any(a <= stems for a in w.alternatives) else 0.0
            for w in query.words]


def specificity(speller: Speller, word: str) -> float:
    """How much a word says, from its frequency in general English: "need" little, "sciatica" a lot."""
    count = speller.english.get(word, 0)
    if not count:
        return 1.0
    return min(1.0, max(0.15, (9.5 - math.log10(count)) / 3))


def _correct(text: str, speller: Speller, synonyms: Synonyms) -> tuple[list[str], dict[str, str]]:
    tokens, corrections = [], {}
    for position, word in enumerate(words(text)):
        rewritten = synonyms.rewrite(word)
        if rewritten != (word,):
            tokens.extend(rewritten)
        elif word in STOPWORDS or word in synonyms.known_words or speller.is_known(word):
            tokens.append(word)
        else:
            fixed = speller.correct(word, opening=position == 0)
            if fixed != [word]:
                corrections[word] = " ".join(fixed)
            tokens.extend(fixed)
    return tokens, corrections


def _add_synonym_terms(terms: dict[str, float], alternatives: tuple[frozenset[str], ...]) -> None:
    """Synonyms search at reduced weight, a phrase's weight shared among its words."""
    for alt in alternatives:
        for s in alt:
            terms[s] = max(terms.get(s, 0.0), SYNONYM_WEIGHT / len(alt))


# Phrases that ask for a whole procedure in order ("step by step", "walk me through"): they say what
# shape of answer is wanted, not what it is about, so they are no search words.
# ("every step" only before of/for/to/in: "my knee hurts with every step" is about walking.)
_FRAMING = [tuple(p.split()) for p in ("step by step", "start to finish", "beginning to end", "walk me through",
                                       "talk me through", "all the steps",
                                       *(f"{e} step {p}" for e in ("every", "each") for p in ("of", "for", "to", "in")))]


def _framing(tokens: list[str]) -> set[int]:
    """Positions of the tokens that belong to a phrase of _FRAMING."""
    out: set[int] = set()
    for phrase in _FRAMING:
        for i in range(len(tokens) - len(phrase) + 1):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                out.update(range(i, i + len(phrase)))
    return out


def analyze_question(text: str, index: Index, speller: Speller, synonyms: Synonyms) -> Query:
    """Correct typos, find the answer type, expand synonyms, and weight the content words."""
    tokens, corrections = _correct(text, speller, synonyms)
    joined = " ".join(tokens)
    expect, consumed = None, set()
    for name, pattern, skip in _TYPES:
        if pattern.search(joined):
            expect, consumed = name, skip
            break
    matches = {i: (n, targets) for i, n, targets in synonyms.matches(tokens)}
    framing = _framing(tokens)
    query_words: list[QueryWord] = []
    terms: dict[str, float] = {}
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        n, targets = matches.get(i, (1, ()))
        phrase = tokens[i:i + n]
        span = [t for k, t in enumerate(phrase, i) if t not in STOPWORDS and t not in consumed and k not in framing]
        i += n
        own = frozenset(stem(t) for t in span)
        alternatives = tuple(
            t for t in targets if all(index.knows(s) for s in t) and t != own
            and specificity(speller, synonyms.reduced.get(t, "")) >= MIN_REDUCED_SPECIFICITY)
        if not span:
            # A phrase of function words can still mean something ("how do I know" = symptoms).
            if alternatives and n > 1:
                idf = max(index.cover_idf(s) for alt in alternatives for s in alt)
                query_words.append(QueryWord(" ".join(phrase), frozenset({" ".join(phrase)}),
                                             idf * PHRASE_ONLY_SPECIFICITY, alternatives))
                _add_synonym_terms(terms, alternatives)
            continue
        own_known = all(index.knows(s) for s in own)
        if own_known:
            idf = sum(index.cover_idf(s) for s in own) / len(own)
        elif alternatives:
            idf = max(index.cover_idf(s) for alt in alternatives for s in alt)
        else:
            # A word the documents never use is the strongest sign they don't answer the question.
            idf = UNKNOWN_FACTOR * index.max_cover_idf
            unknown.append(" ".join(span))
        specific = max(specificity(speller, t) for t in span)
        weight = idf * specific
        if any(own == w.stems for w in query_words):
            continue
        query_words.append(QueryWord(" ".join(span), own, weight, alternatives, specific))
        for s in own:
            terms[s] = max(terms.get(s, 0.0), 1.0 if n == 1 else SYNONYM_WEIGHT)
        _add_synonym_terms(terms, alternatives)
    form = next((name for name, pattern in _FORMS if pattern.search(joined)), None)
    asks = next((name for name, pattern, _ in _ASKS if pattern.search(joined)), None)
    return Query(joined, query_words, terms, expect, corrections, unknown, form, asks, text, tells_own_state(text))
