"""Answer extraction: rank the sentences and list items of the best passages, cut the span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.documents import Section
from qa_bot.index import Index
from qa_bot.query import Query, coverage, found, names_topic
from qa_bot.text import stem, words

__all__ = ["Span", "find_span"]

TOP_PASSAGES = 8
MAX_ANSWER_CHARS = 260  # a chat bubble: one to three sentences or a few list items
ADVICE_BONUS = 0.2  # how much a "should I" question prefers an instruction over a description
_BLANK = re.compile(r"_{3,}")
_ADVICE_QUESTION = re.compile(
    r"^(should|can|could|must|may|do|is it (ok|okay|safe|fine|alright|bad)|am i allowed|what should)\b")
_DIRECTIVE = re.compile(r"^(do not|don\W?t|never|avoid|try|you should|you may|ask|keep|make sure)\b", re.IGNORECASE)
_DEFINITION_QUESTION = re.compile(r"^(what (is|are|does)|whats|define|meaning of)\b")
_DEFINES = re.compile(r"\b(is|are) (a|an|the)\b|\b(termed|called|known as|refers to|defined as|means)\b")
_LIST_QUESTION = re.compile(
    r"^(what|which) (are|were|increases|raises|causes|helps|things|kinds|types|exercises|foods|can i do|should i do)\b"
    r"|\b(list|ways|tips|steps)\b")


@dataclass(frozen=True)
class Span:
    """The chosen answer: units of one section, with the evidence behind the choice."""

    section: int  # index into Index.sections
    units: tuple[int, ...]  # indices into that section's units, in document order
    score: float
    coverage: float  # share of the question found in the answer, its heading and title
    typed: bool  # the answer has the kind of fact the wording asks for (a duration, ...)
    blank: bool  # the answer is a fill-in-the-blank placeholder ("Hold for ____ seconds")
    ranked_sections: tuple[int, ...]  # other sections by relevance, best first


def _context(index: Index, sid: int) -> frozenset[str]:
    doc = index.doc_of_section[sid]
    return index.heading_terms(sid) | index.title_terms[doc.id]


def _take(section: Section, order: list[int], limit: int = MAX_ANSWER_CHARS) -> list[int]:
    """Units in order until the answer would grow past the limit (always at least one)."""
    out, size = [], 0
    for j in order:
        n = len(section.units[j].text)
        if out and size + n > limit:
            break
        out.append(j)
        size += n + 1
    return out


def _in_list(section: Section, j: int) -> bool:
    return section.blocks[section.units[j].block].kind == "item"


def _list_after(section: Section, i: int) -> list[int]:
    """The items a lead-in introduces: its nested items, or the list right after a paragraph."""
    lead, out = section.units[i], []
    for j in range(i + 1, len(section.units)):
        if (_in_list(section, i) and section.units[j].depth > lead.depth) or (not _in_list(section, i) and _in_list(section, j)):
            out.append(j)
        else:
            break
    return out


def _lead_in(section: Section, j: int) -> int | None:
    """The sentence or parent item ending with a colon that introduces list item j."""
    u = section.units[j]
    if u.parent is not None:
        return u.parent if section.units[u.parent].text.endswith(":") else None
    k = j
    while k > 0 and _in_list(section, k - 1):
        k -= 1
    if k > 0 and section.units[k - 1].text.endswith(":"):
        return k - 1
    return None


_ANAPHORIC_START = re.compile(r"^(it|this|these|they|that|such|he|she)\b", re.IGNORECASE)
SHORT_PARAGRAPH = 320  # a paragraph this short may be quoted whole when its sentences run on


def _continuation(section: Section, best: int) -> list[int]:
    """Following sentences of a short paragraph that begin by referring back ("It starts ...")."""
    units = section.units
    block = [j for j in range(len(units)) if units[j].block == units[best].block]
    if sum(len(units[j].text) + 1 for j in block) > SHORT_PARAGRAPH:
        return []
    out = []
    for j in range(best + 1, block[-1] + 1):
        if not _ANAPHORIC_START.match(units[j].text):
            break
        out.append(j)
    return out


def _shape(section: Section, best: int, heading_led: bool, wants_list: bool) -> list[int]:
    """Grow the best unit into a readable answer: a lead-in keeps its items, and so on."""
    units = section.units
    if heading_led:
        # The heading is what matches ("How is this prevented?"): answer with the section's start.
        best = 0
        if not units[0].text.endswith(":"):
            return _take(section, list(range(len(units))))
    u = units[best]
    if u.text.endswith(":"):
        return [best, *_take(section, _list_after(section, best))]
    picked = [best]
    if not _in_list(section, best):
        picked += _continuation(section, best)
    if u.parent is not None and (len(u.text) < 30 or u.text[:1].islower()):
        picked.insert(0, u.parent)
    if wants_list and _in_list(section, best):
        lead = _lead_in(section, best)
        same = [j for j in range(len(units)) if units[j].parent == u.parent
                and units[j].depth == u.depth and _in_list(section, j)
                and _lead_in(section, j) == lead]
        order = ([lead] if lead is not None else []) + same
        taken = _take(section, order)
        picked = taken if best in taken else picked
    return sorted(set(picked))


def _definition_bonus(text: str, query: Query) -> float:
    """Favour a sentence that defines the asked-about term: "The trigger point is ..."."""
    tokens = words(text)[:10]
    while tokens and tokens[0] in ("the", "a", "an"):
        tokens = tokens[1:]
    asked = {s for w in query.words for s in w.stems}
    k = 0
    while k < len(tokens) and stem(tokens[k]) in asked:
        k += 1
    if k and k < len(tokens) and tokens[k] in ("is", "are", "refers", "means", "describes"):
        return 0.3
    return 0.15 if _DEFINES.search(text) else 0.0


def _typed(index: Index, sid: int, j: int, query: Query) -> bool:
    """Whether unit j of section sid states the kind of fact asked for; the same for every question."""
    key = (sid, j, query.expect)
    if key not in index.memo:
        text = index.sections[sid].units[j].text
        index.memo[key] = query.satisfied_by(text) and not _BLANK.search(text)
    return index.memo[key]


def find_span(index: Index, query: Query, prior: dict[int, float] | None = None) -> Span | None:
    """The best answering span for a query, or None when nothing in the corpus matches it."""
    prior = prior or {}
    top, scores = index.top(query.terms, TOP_PASSAGES)
    if not len(top) and not prior:
        return None
    best_score = float(scores[0]) if len(scores) and scores[0] else 1.0
    candidates: dict[int, float] = {}
    for pid, score in zip(top.tolist(), scores.tolist(), strict=True):
        sid = int(index.p_section[pid])
        candidates[sid] = max(candidates.get(sid, 0.0), score / best_score)
    for sid in prior:
        candidates.setdefault(sid, 0.0)
    wants_list = bool(_LIST_QUESTION.search(query.text))
    wants_definition = bool(_DEFINITION_QUESTION.search(query.text))
    wants_advice = bool(_ADVICE_QUESTION.search(query.text))
    everything = frozenset(s for w in query.words for group in (w.stems, *w.alternatives) for s in group)
    best: tuple[float, int, int, float, float] | None = None
    weights = [w.weight for w in query.words]
    total = sum(weights) or 1.0
    for sid, passage_score in candidates.items():
        section = index.sections[sid]
        context = _context(index, sid)
        title = index.title_terms[index.doc_of_section[sid].id]
        head_cov = coverage(query, context)
        head_only = coverage(query, index.heading_terms(sid), skip=title)
        in_context = found(query, context)
        # Title words pick the document; inside it they say nothing about which unit answers.
        topical = [not names_topic(w, title) for w in query.words]
        if not any(topical):
            topical = [True] * len(query.words)
        topical_total = sum(w for w, t in zip(weights, topical, strict=True) if t) or 1.0
        # Title words are in every unit's context already; a unit must share some other word to matter.
        others = (everything - title) or everything
        unit_terms = index.unit_terms(sid)
        for j, unit in enumerate(section.units):
            terms = unit_terms[j]
            if j and terms.isdisjoint(others):
                continue  # shares no word with the question: it can only tie with the section's first unit
            in_unit = found(query, terms)
            unit_cov = sum(w * f for w, f, t in zip(weights, in_unit, topical, strict=True) if t) / topical_total
            ctx_cov = sum(w * max(f, c) for w, f, c in zip(weights, in_unit, in_context, strict=True)) / total
            typed = not query.expect or _typed(index, sid, j, query)
            # The heading is the author's summary of what the section answers.
            score = (ctx_cov + 0.6 * unit_cov + 0.5 * head_only + 0.25 * passage_score
                     + prior.get(sid, 0.0) + (0.05 * head_cov if j == 0 else 0.0))
            if query.expect:
                score += 0.2 if typed else -0.1
            if wants_advice and unit_cov > 0 and (_in_list(section, j) or _DIRECTIVE.search(unit.text)):
                score += ADVICE_BONUS  # "Should I ...?" is answered by instructions, not descriptions
            if wants_definition and unit_cov > 0:
                score += _definition_bonus(unit.text, query)
            if best is None or score > best[0]:
                best = (score, sid, j, unit_cov, head_only)
    if best is None:
        return None
    score, sid, j, unit_cov, head_only = best
    section = index.sections[sid]
    doc_id = index.doc_of_section[sid].id
    # A heading that asks the question itself ("How is this prevented?") is answered by its section.
    heading_led = head_only >= 0.75 or (unit_cov < 0.34 and head_only >= 0.5)
    picked = _shape(section, j, heading_led, wants_list)
    text = " ".join(section.units[k].text for k in picked)
    evidence = frozenset().union(*(index.unit_terms(sid)[k] for k in picked)) | _context(index, sid)
    ranked = tuple(s for s in sorted(candidates, key=lambda s: -candidates[s]) if s != sid)
    blank = bool(_BLANK.search(section.units[j].text))
    return Span(
        section=sid, units=tuple(picked), score=score,
        # Title words pick the document, not the answer: they count for little in the confidence.
        coverage=0.7 * coverage(query, evidence, skip=index.title_terms[doc_id]) + 0.3 * coverage(query, evidence),
        typed=query.satisfied_by(text) and not blank, blank=blank, ranked_sections=ranked,
    )
