"""The shape of an answer: which units around the best one are shown with it.

A list item never appears without the lead-in that gives it meaning ("Call your doctor if:"); a
question about a whole list or a numbered procedure gets all of it; a sentence that leans on the
next ("It starts ...") keeps it. Everything shown is verbatim units of one section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.documents import Section

__all__ = ["MAX_ANSWER_CHARS", "Shape", "heading_introduces", "in_list", "is_lead_in", "lead_in", "shape",
           "warns", "window"]

MAX_ANSWER_CHARS = 260  # a chat bubble: one to three sentences or a few list items
LIST_ITEMS = 12  # items of a list shown at most; the rest are counted ("…and 3 more")
PROCEDURE_CHARS = 1500  # a numbered procedure or a list is shown whole up to this length
WINDOW_CHARS = 250  # a sentence is followed by the next of its paragraph while the answer stays this short
SHORT_PARAGRAPH = 320  # a paragraph this short may be quoted whole when its sentences run on
PROSE_STEPS = 3  # a bullet of this many sentences can tell a procedure by itself
FRAGMENT = 20  # a lead-in this short that leans back ("However,", "These include:") needs the sentence before it
_LEANS_BACK = re.compile(r"^(however|but|also|and|so|these|this|they|it|such|examples?|including)\b", re.IGNORECASE)
_ANAPHORIC_START = re.compile(r"^(it|this|these|they|that|such|he|she)\b", re.IGNORECASE)
_LEAD_IN_HEADING = re.compile(
    r"(:|\b(if|when|include|includes|including|are|such as|following|these|who|because))\s*$", re.IGNORECASE)
# Words by which a sentence points at what follows it.
_POINTS_AHEAD = re.compile(r"\b(follow (these|the)|these (\w+ )?(steps|instructions)|the following|as follows|"
                           r"here(’|')?s|here are)\b|\bbelow[.:]?$", re.IGNORECASE)
# A lead-in that sends the reader to someone: its items are warning signs.
_WARNING = re.compile(
    r"\b(call|contact|get|seek|go to|see|tell|talk to|visit|phone|ring)\b.*"
    r"\b(doctor|provider|help|911|999|112|emergency|care|nurse|hospital|dentist|pharmacist|physician|team|"
    r"specialist|surgeon|clinic|office|gp|right away|immediately|urgently)\b", re.IGNORECASE)

# A sentence after a list that sends the reader to someone if its items apply ("Call your health care
# team if you have signs of an infection."): the list is one of warning signs, its instruction after it.
_CLOSING = re.compile(r"^(if|call|contact|seek|see|tell|talk|phone|ring)\b", re.IGNORECASE)
# ... and it points back at the list: "if you notice any of these", "if you have signs of an infection".
_POINTS_BACK = re.compile(r"\b(these|any of (them|those|the above)|the above|(signs?|symptoms?) of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Shape:
    """What is shown: units of one section, maybe led by the heading, maybe with items left out."""

    units: tuple[int, ...]  # shown units, in document order
    heading_lead: bool = False  # the section heading is the list's lead-in and is shown first
    hidden: tuple[int, ...] = ()  # further items of the same list, counted but not shown
    warning: bool = False  # the lead-in says to get help: the items are warning signs
    # The last unit, a warning list's instruction that follows it ("Call your team if you have signs of an
    # infection."), is shown first: the writer has the sign now, or the list is cut before it.
    instruction_first: bool = False


def in_list(section: Section, j: int) -> bool:
    """True if unit j is a list item."""
    return section.blocks[section.units[j].block].kind == "item"


def _ordered(section: Section, j: int) -> bool:
    return section.blocks[section.units[j].block].ordered


def is_lead_in(section: Section, j: int) -> bool:
    """True if unit j introduces a list: a colon, no full stop before it, or pointing at the steps after it."""
    units, u = section.units, section.units[j]
    if u.text.endswith(":"):
        return True
    if in_list(section, j) or j + 1 >= len(units) or not in_list(section, j + 1) or units[j + 1].depth:
        return False
    # Before bullets, "These terms are defined below." adds nothing to an item; before steps it says what they do.
    return (not u.text.endswith((".", "!", "?", "”", '"', ")"))
            or (_ordered(section, j + 1) and bool(_POINTS_AHEAD.search(u.text))))


def heading_introduces(text: str, section: Section) -> bool:
    """True if the section's heading line introduces its first list ("Get help right away if:")."""
    end = text.find("\n", section.start)
    line = text[section.start:end if end >= 0 else len(text)].strip().rstrip("#").strip()
    return bool(section.units) and in_list(section, 0) and bool(_LEAD_IN_HEADING.search(line))


def warns(text: str) -> bool:
    """True if a lead-in sends the reader to a doctor or emergency care."""
    return bool(_WARNING.search(text))


def lead_in(section: Section, j: int) -> int | None:
    """The sentence or parent item that introduces list item j, if it has one."""
    u = section.units[j]
    if u.parent is not None:
        return u.parent if is_lead_in(section, u.parent) or section.units[u.parent].text.endswith(":") else None
    k = j
    while k > 0 and in_list(section, k - 1):
        k -= 1
    if k > 0 and is_lead_in(section, k - 1):
        return k - 1
    return None


def _closing(section: Section, items: list[int]) -> int | None:
    """The sentence right after a list that says to get help if its items apply, if there is one."""
    j = max(items) + 1 if items else len(section.units)
    if j >= len(section.units) or in_list(section, j) or is_lead_in(section, j):
        return None  # the next list's lead-in ("Call your doctor right away if you have:") closes nothing
    text = section.units[j].text
    return j if _CLOSING.match(text) and _POINTS_BACK.search(text) and warns(text) else None


def _with_opening(section: Section, lead: int) -> list[int]:
    """A lead-in with the sentence before it in its paragraph when it is only a fragment ("However,")."""
    units, k = section.units, lead
    text = units[lead].text
    if (len(text) < FRAGMENT and (text.endswith(",") or _LEANS_BACK.match(text)) and lead > 0
            and units[lead - 1].block == units[lead].block):
        k = lead - 1
    return list(range(k, lead + 1))


def _list_of(section: Section, j: int) -> list[int]:
    """Every unit of the list item j belongs to, nested items included."""
    parent = section.units[j].parent
    if parent is not None:
        return _after(section, parent)
    first, last = j, j
    while first > 0 and in_list(section, first - 1):
        first -= 1
    while last + 1 < len(section.units) and in_list(section, last + 1):
        last += 1
    return list(range(first, last + 1))


def _after(section: Section, i: int) -> list[int]:
    """The items a lead-in introduces: its nested items, or the list right after a paragraph."""
    lead, out = section.units[i], []
    for j in range(i + 1, len(section.units)):
        if (in_list(section, i) and section.units[j].depth > lead.depth) or (not in_list(section, i) and in_list(section, j)):
            out.append(j)
        else:
            break
    return out


def _list_following(section: Section, best: int, ordered: bool, reach: int = 2) -> list[int]:
    """The list that starts within a couple of sentences after paragraph unit ``best`` (numbered, if asked)."""
    units = section.units
    for j in range(best + 1, min(len(units), best + 2 + reach)):
        if in_list(section, j):
            if units[j].depth or (ordered and not _ordered(section, j)):
                return []
            return _list_of(section, j)
    return []


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


def _whole(section: Section, items: list[int], procedure: bool) -> tuple[list[int], list[int]]:
    """A list shown whole to a length: every step of a procedure, or at most LIST_ITEMS items."""
    if not items:
        return [], []
    capped = items
    if not procedure:
        units, top = section.units, section.units[items[0]].depth
        starts = [j for k, j in enumerate(items)
                  if units[j].depth == top and (k == 0 or units[j].block != units[items[k - 1]].block)]
        if len(starts) > LIST_ITEMS:
            capped = [j for j in items if j < starts[LIST_ITEMS]]
    shown = _take(section, capped, PROCEDURE_CHARS)
    return shown, [j for j in items if j not in shown]


def window(section: Section, j: int) -> list[int]:
    """The units a sentence or item is shown with: itself and what follows it while short."""
    return [j, *(_next_item(section, j) if in_list(section, j) else _continuation(section, j))]


def _next_item(section: Section, j: int) -> list[int]:
    """The next item of the same list, when the two stay short: steps often come in pairs ("Put ice
    in a bag." "Place a towel between your skin and the bag.")."""
    units, u = section.units, section.units[j]
    k = j + 1
    if (k < len(units) and in_list(section, k) and units[k].depth == u.depth and units[k].parent == u.parent
            and units[k].block != u.block and len(u.text) + len(units[k].text) + 1 <= WINDOW_CHARS):
        return [k]
    return []


def _paragraph(section: Section, j: int) -> list[int]:
    """The units of the paragraph (or item) unit j is in, in order."""
    return [k for k in range(len(section.units)) if section.units[k].block == section.units[j].block]


def _continuation(section: Section, best: int) -> list[int]:
    """The next sentence of the paragraph while the answer stays short: a fact often takes two.

    Sentences that begin by referring back ("It starts ...") follow in a short paragraph whatever
    the length.
    """
    units = section.units
    block = _paragraph(section, best)
    out, size = [], len(units[best].text)
    short = sum(len(units[j].text) + 1 for j in block) <= SHORT_PARAGRAPH
    for j in range(best + 1, block[-1] + 1):
        size += len(units[j].text) + 1
        if not ((short and _ANAPHORIC_START.match(units[j].text)) or size <= WINDOW_CHARS):
            break
        out.append(j)
    return out


def shape(section: Section, best: int, heading_led: bool, form: str | None, heading_lead: bool = False,
          own_state: bool = False) -> Shape:
    """Grow the best unit into a readable answer.

    ``form`` is what the question asks for: "list" (all of a list), "procedure" (all the steps of
    one), or None (one fact). ``heading_lead`` says the heading introduces the section's first list;
    ``own_state`` that the writer tells of having something now (a warning sign's instruction then leads).
    """
    units = section.units
    if heading_led:
        # The heading is what matches ("How is this prevented?"): answer with the section's start.
        best = 0
        if is_lead_in(section, 0) or in_list(section, 0):
            form = form or "list"
        elif not (form and _list_following(section, 0, ordered=form == "procedure")):
            return Shape(tuple(_take(section, list(range(len(units))))))
    if is_lead_in(section, best):
        items = _after(section, best)
        shown, hidden = _whole(section, items, form == "procedure" or (bool(items) and _ordered(section, items[0])))
        after = _closing(section, items) if not warns(units[best].text) else None
        return Shape(tuple([*_with_opening(section, best), *shown, *([after] if after is not None else [])]),
                     hidden=tuple(hidden),
                     warning=warns(units[best].text) or after is not None,
                     instruction_first=after is not None and (own_state or bool(hidden)))
    if not in_list(section, best):
        following = _list_following(section, best, ordered=form == "procedure")
        if form and following:
            # "How do I ...?" near a numbered procedure, or "What are ...?" just before a list: all of it.
            lead = lead_in(section, following[0])
            shown, hidden = _whole(section, following, form == "procedure")
            # The sentence or two between the answer and the list come too: the list's lead-in is among them.
            head = list(range(best, following[0]))
            return Shape(tuple(head + shown), hidden=tuple(hidden), warning=lead is not None and warns(units[lead].text))
        if form == "procedure":
            # A procedure told as prose ("The patient swallows a capsule. After a few minutes, ..."): the
            # rest of its paragraph.
            shown = _take(section, [j for j in _paragraph(section, best) if j >= best], PROCEDURE_CHARS)
        else:
            shown = [best, *_continuation(section, best)]
        if shown[-1] != best and is_lead_in(section, shown[-1]):
            # The sentences run into a list ("... include the following:"): never stop at its lead-in.
            items, hidden = _whole(section, _after(section, shown[-1]), False)
            return Shape(tuple(shown + items), hidden=tuple(hidden), warning=warns(units[shown[-1]].text))
        return Shape(tuple(shown))
    if form == "procedure":
        # A note under a numbered step stands for the whole procedure it belongs to.
        while units[best].parent is not None and not _ordered(section, best):
            best = units[best].parent
    lead = lead_in(section, best)
    items = _list_of(section, best)
    by_heading = lead is None and heading_lead and items[0] == 0
    warning = warns(units[lead].text) if lead is not None else by_heading and warns(section.heading)
    # Where the instruction follows the list instead ("Call your health care team if you have signs of an
    # infection."), an item shown alone carries it after.
    after = _closing(section, items) if not warning and units[best].parent is None else None
    tail = [after] if after is not None else []
    head = _with_opening(section, lead) if lead is not None else []
    own = _paragraph(section, best)  # the item's sentences
    steps = _after(section, own[-1])
    if form == "procedure" and steps and not _ordered(section, best):
        # "How do I wash the laundry?" about a bullet with steps of its own ("Wash laundry thoroughly." and
        # three sub-items): that bullet and its steps, under the list's lead-in.
        shown, hidden = _whole(section, steps, True)
        return Shape(tuple(head + own + shown), by_heading, tuple(hidden), warning)
    if form == "procedure" and not steps and not _ordered(section, best) and len(own) >= PROSE_STEPS:
        # "How does the urea breath test work?" about a bullet that tells its procedure in sentences of its
        # own ("Urea breath test. ... The patient swallows a capsule ... After a few minutes, ..."): all of them.
        shown = _take(section, own, PROCEDURE_CHARS)
        return Shape(tuple(head + shown), by_heading, (), warning)
    if form:
        # "How do I ...?" about a bulleted list (storage rules, ways to ...) wants all of it too.
        shown, hidden = _whole(section, items, form == "procedure" and _ordered(section, best))
        if best in shown:
            return Shape(tuple(head + shown + tail), by_heading, tuple(hidden), warning or bool(tail),
                         bool(tail) and (own_state or bool(hidden)))
        # Too long to show whole before the item that answers: that item, in its place under the lead-in.
    picked = window(section, best)
    u = units[best]
    if u.parent is not None and u.parent != lead and (len(u.text) < 30 or u.text[:1].islower()):
        picked.insert(0, u.parent)
    return Shape(tuple(sorted(set(head + picked + tail))), by_heading, (), warning or bool(tail),
                 bool(tail) and own_state)
