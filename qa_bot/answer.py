"""Answer extraction: choose the unit that answers best, grow it into the shown span, gather evidence."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from qa_bot.features import BLANK, Candidates, Meaning, gather
from qa_bot.index import Index
from qa_bot.lists import heading_introduces, in_list
from qa_bot.query import Query, coverage
from qa_bot.ranker import Ranker
from qa_bot.shape import LIST_ITEMS, Shape, in_series, shape, sub_sections, word_stems

__all__ = ["Span", "find_span", "spans"]


@dataclass(frozen=True)
class Span:
    """The chosen answer: units of one section, with the evidence behind the choice."""

    section: int  # index into Index.sections
    shape: Shape  # the units shown, in document order, and how they are framed
    ranked_sections: tuple[int, ...]  # other sections by relevance, best first
    signals: dict[str, float] = field(default_factory=dict, compare=False)  # for the confidence
    blank: bool = False  # the best unit is a fill-in-the-blank line ("Hold for ____ seconds")


def spans(index: Index, query: Query, candidates: Candidates, row: int) -> tuple[int, Shape]:
    """The section and the shape of the answer shown if candidate ``row`` is chosen."""
    sid, j = int(candidates.sections[row]), int(candidates.units[row])
    unit_cov = candidates.column("unit_coverage")[row]
    head_only = candidates.column("heading_coverage")[row]
    # A heading that asks the question itself ("How is this prevented?") is answered by its section.
    heading_led = head_only >= 0.75 or (unit_cov < 0.34 and head_only >= 0.5)
    if query.form == "list" and (top := _series_intro(index, query, sid)) is not None:
        # "What exercises can I do?" landing in one of them ("Exercise B: Bridge"), which the question does not name:
        # the section that introduces them all answers, naming each.
        sid, j, heading_led = top, 0, True
    section = index.sections[sid]
    heading_lead = heading_introduces(index.doc_of_section[sid].text, section)
    shown = shape(section, j, heading_led, query.form, heading_lead, query.own_state, wants_help=query.asks == "help")
    if query.form == "list" and 0 in shown.units and not any(in_list(section, k) for k in range(len(section.units))):
        # "What are the strengthening exercises?" about a section that only introduces the ones under it: their headings.
        shown = replace(shown, subheadings=sub_sections(section, _after(index, sid)))
    return sid, shown


def _after(index: Index, sid: int) -> list:
    """The sections of the same document right after section ``sid``, as many as a list shows."""
    doc = index.doc_of_section[sid]
    return [index.sections[k] for k in range(sid + 1, min(sid + 1 + LIST_ITEMS, len(index.sections)))
            if index.doc_of_section[k] is doc]


def _series_intro(index: Index, query: Query, sid: int) -> int | None:
    """For a section of a series ("Exercise B: Bridge") that the question does not single out by a word of its own
    name, the furthest section before it that introduces the series with it; else None."""
    word = in_series(index.sections[sid])
    if word is None:
        return None
    doc = index.doc_of_section[sid]
    first = sid
    # Back over the series and its groups ("Strengthening exercises"): every heading that has the series word.
    while first > 0 and index.doc_of_section[first - 1] is doc and word in word_stems(index.sections[first - 1].heading):
        first -= 1
    members = [k for k in range(first, sid + LIST_ITEMS) if k < len(index.sections)
               and index.doc_of_section[k] is doc and in_series(index.sections[k]) == word]
    others = set().union(*(index.heading_terms(k) for k in members if k != sid))
    if set(query.terms) & (index.heading_terms(sid) - others):
        return None  # "what does the bridge exercise work?" names it
    for top in range(first - 1, max(first - 3, -1), -1):
        if index.doc_of_section[top] is doc and sub_sections(index.sections[top], _after(index, top)) > sid - top - 1:
            return top
    return None


def _asked_item(candidates: Candidates, row: int) -> bool:
    """Whether the candidate is a question in a list ("Questions to ask your team: What signs should I look for?")."""
    # It echoes what is asked and never answers it. A question opening its own paragraph may ("Does that mean
    # your children will get it? Not necessarily."), and so may a questionnaire's closing ("If you answered yes
    # to any of these questions, talk with your provider.").
    return bool(candidates.column("list_item")[row] and candidates.column("asks")[row])


def _blank(index: Index, candidates: Candidates, row: int) -> bool:
    """True if the candidate is a fill-in-the-blank line ("Hold for ____ seconds")."""
    return bool(BLANK.search(index.sections[int(candidates.sections[row])].units[int(candidates.units[row])].text))


def find_span(index: Index, query: Query, meaning: Meaning, ranker: Ranker,
              prior: dict[int, float] | None = None) -> Span | None:
    """The best answering span for a query, or None when nothing in the corpus is near it."""
    candidates = gather(index, query, meaning, prior or {})
    if not len(candidates.sections):
        return None
    scores = ranker.scores(candidates.matrix)
    ranked = order = np.lexsort((np.arange(len(scores)), -scores))  # ties go to the earlier candidate
    if prior:
        # A follow-up stays in the document the conversation is about ("do they take a sample during it?"
        # after "what is a colposcopy?" is not about another page's biopsy); naming another document's
        # subject made it a new question before it got here.
        about = index.doc_of_section[next(iter(prior))].id
        inside = [row for row in order.tolist() if index.doc_of_section[int(candidates.sections[row])].id == about]
        if inside:
            kept = set(inside)
            order = np.array(inside + [row for row in order.tolist() if row not in kept])
    best = int(next((row for row in order.tolist() if not _asked_item(candidates, row)
                     and not (query.form == "list" and _blank(index, candidates, row))), order[0]))
    # A fill-in-the-blank line ("Hold for ____ seconds") answers nothing; inside a whole procedure it may stand.
    has_blank = _blank(index, candidates, best)
    if has_blank and query.expect is None and query.form is None:
        # "What is the bridge exercise?" lands on "Hold this position for ____ seconds.": it asks for no
        # value, so the exercise is shown whole, blanks and all, not withheld as a blank.
        query = replace(query, form="procedure")
    sid, shown = spans(index, query, candidates, best)
    picked = shown.units
    by_section: dict[int, float] = {}
    # The margin is over every other section, another document's too: a follow-up kept in its document by
    # a better answer elsewhere is less sure, not more.
    for row in ranked.tolist():
        by_section.setdefault(int(candidates.sections[row]), float(scores[row]))
    others = [s for s in by_section if s != sid]
    section = index.sections[sid]
    text = " ".join(section.units[k].text for k in picked)
    title = index.title_terms[index.doc_of_section[sid].id]
    evidence = frozenset().union(*(index.unit_terms(sid)[k] for k in picked)) | index.heading_terms(sid) | title
    weights = sum(w.weight for w in query.words) or 1.0
    blank = has_blank and query.form != "procedure"
    column = candidates.column
    signals = {
        "score": float(scores[best]),
        "margin": float(scores[best] - (by_section[others[0]] if others else scores[best] - 1.0)),
        # Title words pick the document, not the answer: they count for little in the confidence.
        "coverage": 0.7 * coverage(query, evidence, skip=title) + 0.3 * coverage(query, evidence),
        "cosine": float(column("cosine")[best]),
        "section_cosine": float(column("section_cosine")[best]),
        "unknown": sum(w.weight for w in query.words if w.word in query.unknown) / weights,
        "unknown_specific": max((w.specificity for w in query.words if w.word in query.unknown), default=0.0),
        "untyped": float(bool(query.expect) and (not query.satisfied_by(text) or blank)),
        "agree": float(column("bm25_top")[best] and column("dense_top")[best]),
    }
    return Span(section=sid, shape=shown, ranked_sections=tuple(others), signals=signals, blank=blank)
