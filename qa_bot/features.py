"""What speaks for each candidate answer: words in common, BM25, and closeness in meaning.

Candidates are the units of the sections that BM25 or the embedding search put near the top; every
candidate gets the same row of features, and the ranker (qa_bot.ranker) weighs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qa_bot.index import Index
from qa_bot.lists import in_list
from qa_bot.query import Query, coverage, found, names_topic
from qa_bot.shape import window
from qa_bot.text import stem, words

__all__ = ["BLANK", "FEATURES", "Candidates", "Meaning", "gather"]

TOP_PASSAGES = 8  # BM25's best passages whose sections become candidates
DENSE_UNITS = 40  # the embedding search's nearest units ...
DENSE_SECTIONS = 8  # ... whose first few sections become candidates
FEATURES = (
    "context_coverage",  # share of the question in the unit, its heading and title
    "unit_coverage",  # share of the question's topical words in the unit itself
    "heading_coverage",  # share of the question in the heading (title words aside)
    "opening_heading",  # the heading's share, for a section's first unit
    "bm25",  # the section's best passage score against the best passage's
    "bm25_top",  # the section holds BM25's best passage
    "cosine",  # closeness in meaning of question and "heading: unit"
    "section_cosine",  # the closest unit of the section
    "section_mean_cosine",  # closeness in meaning of the question and the section as a whole
    "heading_cosine",  # closeness in meaning of the question and the heading alone
    "topic_cosine",  # "cosine" for the question with the documents' title words put as "this"
    "topic_section_cosine",  # ... and "section_cosine"
    "topic_heading_cosine",  # ... and "heading_cosine"
    "dense_top",  # the section holds the embedding search's nearest unit
    "typed",  # the question asks for a duration, count ... and the unit has one
    "cued",  # a why/when/who/where question, and the unit has words that give that kind of fact
    "advice",  # "should I ...?" and the unit is an instruction
    "definition",  # "what is ...?" and the unit defines the asked-about words
    "prior",  # a follow-up, and the section is the one the conversation is about
    "lead_in",  # the unit ends with a colon: it introduces a list
    "list_item",  # the unit is a list item
    "novelty",  # share of the unit's words that are not the question's: a unit that only echoes it says nothing
    "length",  # the unit's length, up to a long sentence
    "window_cosine",  # the closest in meaning of the sentences shown with the unit (it and the next)
    "window_coverage",  # share of the question's topical words in those sentences
    "asks",  # the unit is itself a question ("What signs of infection should I look for?"): it echoes, never answers
    "opening",  # the section's first unit: it often answers what the heading asks (fit sets: +0.006 chosen right)
)
_COLUMN = {name: i for i, name in enumerate(FEATURES)}
_ADVICE_QUESTION = re.compile(
    r"^(should|can|could|must|may|do|is it (ok|okay|safe|fine|alright|bad)|am i allowed|what should)\b")
_DIRECTIVE = re.compile(r"^(do not|don\W?t|never|avoid|try|you should|you may|ask|keep|make sure)\b", re.IGNORECASE)
_DEFINITION_QUESTION = re.compile(r"^(what (is|are|does)|whats|define|meaning of)\b")
# A term glossed where it is used: "neutropenia (a condition in which ...)", "DVT, a blood clot that ...",
# "tennis elbow, also called ...". The gloss names a kind of thing; "If you have neutropenia, a fever can ..." does not.
_KIND_OF_THING = (r"(condition|disease|disorder|syndrome|illness|infection|type|kind|form|test|procedure|treatment|therapy"
                  r"|medicine|drug|substance|chemical|protein|hormone|enzyme|sugar|cells?|gland|organ|muscle|tissue|tube|vein"
                  r"|blood clot|clot|part|area|layer|state|problem|group|process|measure|virus|bacteri\w*|germ|parasite|mite)")
_APPOSITIVE = re.compile(r"([A-Za-z][\w-]*)\s*(?:\(\s*(?:a|an) (?!(?:few|little|bit|lot|day|week|month|year|hour|minute)\b)"
                         rf"(?:(?:[\w-]+ ){{0,3}}{_KIND_OF_THING}\b|[\w-]+(?: [\w-]+){{0,7}}\))"
                         rf"|(?:, | — | – )(?:a|an) (?:[\w-]+ ){{0,3}}{_KIND_OF_THING} (?:that|which|who|in which|where|of|in"
                         r"|caused|marked)\b|(?:\(|, | — | – )(?:also (?:called|known as)\b|which (?:is|are) (?:a|an|the)\b))",
                         re.I)
# A glossary entry: "Refractory anemia: There are too few red blood cells ..." (its words all asked about).
# "If you have leukopenia, an infection ..." uses the term, it does not gloss it.
_HAVING = re.compile(r"\b(have|has|had|with|after|during|if|when|from|without|before)\s+(\w+\s+)?\S*$", re.I)
_GLOSSARY_ENTRY = re.compile(r"\W*((?:[\w'-]+ ){0,5}[\w'-]+):\s+(?!(?:call|see|contact|get|go|take|ask|talk|tell|do|don't|avoid|use"
                             r"|keep|stop|check|seek|wash|eat|drink|rest|apply|stay|try|make|wear|follow|read|remember|be"
                             r"|have|put|change|clean|cover|give|let|watch|look|never|always)\b)", re.I)
_DEFINES = re.compile(r"\b(is|are) (a|an|the)\b|\b(termed|called|known as|refers to|defined as|means)\b")
BLANK = re.compile(r"_{3,}")  # a fill-in-the-blank line: "Hold for ____ seconds"


@dataclass(frozen=True)
class Meaning:
    """The question's vectors: as asked, and with the documents' title words put as "this"."""

    asked: np.ndarray
    topical: np.ndarray


@dataclass
class Candidates:
    """Rows of features, one per candidate unit, and where each unit is."""

    sections: np.ndarray  # section id of each row
    units: np.ndarray  # unit index within its section
    matrix: np.ndarray  # (rows, len(FEATURES))

    def column(self, name: str) -> np.ndarray:
        return self.matrix[:, _COLUMN[name]]


def _definition_bonus(text: str, query: Query) -> float:
    """How plainly a sentence defines the asked-about words: "The trigger point is ..." most."""
    tokens = words(text)[:10]
    while tokens and tokens[0] in ("the", "a", "an"):
        tokens = tokens[1:]
    asked = {s for w in query.words for s in w.stems}
    k = 0
    while k < len(tokens) and stem(tokens[k]) in asked:
        k += 1
    if k and k < len(tokens) and tokens[k] in ("is", "are", "refers", "means", "describes"):
        return 1.0
    entry = _GLOSSARY_ENTRY.match(text)
    if entry and all(stem(w) in asked or w in ("the", "a", "an") for w in words(entry.group(1))):
        return 1.0
    if any(stem(m.group(1)) in asked and not _HAVING.search(text, 0, m.start(1)) for m in _APPOSITIVE.finditer(text)):
        return 1.0
    return 0.5 if _DEFINES.search(text) else 0.0


def typed(index: Index, sid: int, j: int, query: Query) -> bool:
    """Whether unit j of section sid states the kind of fact asked for; the same for every question."""
    key = (sid, j, query.expect)
    if key not in index.memo:
        text = index.sections[sid].units[j].text
        index.memo[key] = query.satisfied_by(text) and not BLANK.search(text)
    return index.memo[key]


def _window(index: Index, sid: int, j: int) -> tuple[int, ...]:
    """The units unit j of section sid is shown with (the same for every question, so computed once)."""
    key = ("window", sid, j)
    if key not in index.memo:
        index.memo[key] = tuple(window(index.sections[sid], j))
    return index.memo[key]


def _sections(index: Index, query: Query, vector: np.ndarray,
              prior: dict[int, float]) -> tuple[dict[int, float], int | None, int | None]:
    """Candidate sections with their BM25 share, and the top section of each retriever."""
    bm25: dict[int, float] = {}
    top, scores = index.top(query.terms, TOP_PASSAGES)
    best_score = float(scores[0]) if len(scores) and scores[0] else 1.0
    for pid, score in zip(top.tolist(), scores.tolist(), strict=True):
        sid = int(index.p_section[pid])
        bm25[sid] = max(bm25.get(sid, 0.0), score / best_score)
    units, _ = index.vectors.nearest(vector, DENSE_UNITS)
    dense: list[int] = []
    for sid in index.vectors.section_of(units).tolist():
        if sid not in dense:
            dense.append(sid)
    candidates = dict(bm25)
    for sid in [*dense[:DENSE_SECTIONS], *prior]:
        candidates.setdefault(sid, 0.0)
    return candidates, (int(index.p_section[top[0]]) if len(top) else None), (dense[0] if dense else None)


def gather(index: Index, query: Query, meaning: Meaning, prior: dict[int, float]) -> Candidates:
    """Every unit of every candidate section, with its features."""
    vector, topic_vector = meaning.asked, meaning.topical
    candidates, bm25_top, dense_top = _sections(index, query, vector, prior)
    wants_definition = bool(_DEFINITION_QUESTION.search(query.text))
    wants_advice = bool(_ADVICE_QUESTION.search(query.text))
    weights = [w.weight for w in query.words]
    total = sum(weights) or 1.0
    asked = frozenset(s for w in query.words for group in (w.stems, *w.alternatives) for s in group)
    # What a unit sharing no stem with the question contains of it (found() is the slow way to say so).
    nothing = [0.0] * len(query.words) if all(w.stems for w in query.words) else None
    rows: list[list[float]] = []
    sids: list[int] = []
    units: list[int] = []
    for sid, passage_score in candidates.items():
        section = index.sections[sid]
        title = index.title_terms[index.doc_of_section[sid].id]
        context = index.heading_terms(sid) | title
        head_cov = coverage(query, context)
        head_only = coverage(query, index.heading_terms(sid), skip=title)
        in_context = found(query, context)
        # Title words pick the document; inside it they say nothing about which unit answers.
        topical = [not names_topic(w, title) for w in query.words]
        if not any(topical):
            topical = [True] * len(query.words)
        topical_total = sum(w for w, t in zip(weights, topical, strict=True) if t) or 1.0
        sims = index.vectors.section_similarities(sid, vector)
        section_best = float(sims.max()) if len(sims) else 0.0
        section_mean = index.vectors.section_mean_similarity(sid, vector, sims)
        heading_cos = float(index.vectors.heading(sid) @ vector)
        topic_sims = sims if topic_vector is vector else index.vectors.section_similarities(sid, topic_vector)
        topic_heading = float(index.vectors.heading(sid) @ topic_vector)
        topic_best = float(topic_sims.max()) if len(topic_sims) else 0.0
        all_terms = index.unit_terms(sid)
        for j, (unit, terms) in enumerate(zip(section.units, all_terms, strict=True)):
            in_unit = nothing if nothing is not None and terms.isdisjoint(asked) else found(query, terms)
            unit_cov = sum(w * f for w, f, t in zip(weights, in_unit, topical, strict=True) if t) / topical_total
            shown = _window(index, sid, j)
            if len(shown) > 1:
                around = frozenset().union(*(all_terms[k] for k in shown))
                in_window = nothing if nothing is not None and around.isdisjoint(asked) else found(query, around)
                window_cov = sum(w * f for w, f, t in zip(weights, in_window, topical, strict=True) if t) / topical_total
            else:
                window_cov = unit_cov
            ctx_cov = sum(w * max(f, c) for w, f, c in zip(weights, in_unit, in_context, strict=True)) / total
            is_typed = bool(query.expect) and typed(index, sid, j, query)
            item = in_list(section, j)
            rows.append([
                ctx_cov, unit_cov, head_only, head_cov if j == 0 else 0.0, passage_score, float(sid == bm25_top),
                float(sims[j]), section_best, section_mean, heading_cos,
                float(topic_sims[j]), topic_best, topic_heading, float(sid == dense_top), float(is_typed),
                float(query.cued_by(unit.text)),
                float(wants_advice and unit_cov > 0 and (item or bool(_DIRECTIVE.search(unit.text)))),
                _definition_bonus(unit.text, query) if wants_definition and unit_cov > 0 else 0.0,
                float(sid in prior), float(unit.text.endswith(":")), float(item),
                len(terms - asked) / len(terms) if terms else 0.0, min(1.0, len(unit.text) / 200),
                float(max(sims[k] for k in shown)), window_cov, float(unit.text.rstrip("”\"' ").endswith("?")),
                float(j == 0),
            ])
            sids.append(sid)
            units.append(j)
    return Candidates(np.asarray(sids, dtype=np.int64), np.asarray(units, dtype=np.int64),
                      np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES)))
