"""The shape of an answer: which units around the best one are shown with it.

A list item never appears without the lead-in that gives it meaning ("Call your doctor if:"); a
question about a whole list or a numbered procedure gets all of it; a sentence that leans on the
next ("It starts ...") keeps it. Everything shown is verbatim units of one section.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from qa_bot.documents import Section
from qa_bot.lists import (
    closing,
    in_list,
    instruction_before,
    instruction_near,
    introduced,
    is_lead_in,
    lead_in,
    list_following,
    list_of,
    ordered,
    paragraph,
    points_back,
    urgent_instruction,
    warns,
)

__all__ = ["MAX_ANSWER_CHARS", "Shape", "in_series", "series_word", "shape", "sub_sections", "window", "word_stems"]

MAX_ANSWER_CHARS = 260  # a chat bubble: one to three sentences or a few list items
LIST_ITEMS = 12  # items of a list shown at most; the rest are counted ("…and 3 more")
PROCEDURE_CHARS = 1500  # a list is shown whole up to this length
# A procedure's steps up to this: one left out can be the one that matters (held-out +4 answers, fit ±0).
PROCEDURE_STEPS_CHARS = 2500
WINDOW_CHARS = 250  # a sentence is followed by the next of its paragraph while the answer stays this short
SHORT_PARAGRAPH = 320  # a paragraph this short may be quoted whole when its sentences run on
PROSE_STEPS = 3  # a bullet of this many sentences can tell a procedure by itself
SHORT_LIST = 300  # a list this short is shown whole whatever the question asks (fit +3 answers, held-out ±0)
FRAGMENT = 20  # a lead-in this short that leans back ("However,", "These include:") needs the sentence before it
_LEANS_BACK = re.compile(r"^(however|but|also|and|so|these|this|they|it|such|examples?|including)\b", re.IGNORECASE)
_QUALIFIES = re.compile(r"^(however|in addition|additionally|also|but|still|even so|otherwise|instead|as a result|"
                        r"therefore|for this reason|because of this|that said)\b", re.IGNORECASE)
_ANAPHORIC_START = re.compile(r"^(it|this|these|they|that|such|he|she)\b", re.IGNORECASE)


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
    # Headings of the sections right after this one that it introduces ("Strengthening exercises" then "Exercise B:
    # Bridge", "Exercise C: …"), shown after its units as the items of its list.
    subheadings: int = 0


def _with_opening(section: Section, lead: int) -> list[int]:
    """A lead-in with the sentence before it in its paragraph when it is a fragment ("However,") or
    names what it introduces only by referring back ("This can happen when ..., such as:")."""
    units, k = section.units, lead
    text = units[lead].text
    leans = (len(text) < FRAGMENT and (text.endswith(",") or _LEANS_BACK.match(text))) or _ANAPHORIC_START.match(text)
    if leans and lead > 0 and units[lead - 1].block == units[lead].block:
        k = lead - 1
    return list(range(k, lead + 1))


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
    shown = _take(section, capped, PROCEDURE_STEPS_CHARS if procedure else PROCEDURE_CHARS)
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


def _continuation(section: Section, best: int) -> list[int]:
    """The next sentence of the paragraph while the answer stays short: a fact often takes two.

    Sentences that begin by referring back ("It starts ...") follow in a short paragraph whatever
    the length.
    """
    units = section.units
    block = paragraph(section, best)
    out, size = [], len(units[best].text)
    short = sum(len(units[j].text) + 1 for j in block) <= SHORT_PARAGRAPH
    for j in range(best + 1, block[-1] + 1):
        size += len(units[j].text) + 1
        if not ((short and _ANAPHORIC_START.match(units[j].text)) or size <= WINDOW_CHARS):
            break
        out.append(j)
    return out


def shape(section: Section, best: int, heading_led: bool, form: str | None, heading_lead: bool = False,
          own_state: bool = False, wants_help: bool = False) -> Shape:
    """Grow the best unit into a readable answer; a section's instruction to get help at once comes too.

    "What are the side effects of blood thinners?" answered from the section's start must not leave out its
    "Call your doctor right away if you have easy bruising or bleeding."; "When should I tell my doctor about a dry
    cough?" (``wants_help``) is answered by the section's instruction to, wherever the best unit is.
    """
    grown = _grown(section, best, heading_led, form, heading_lead, own_state)
    if wants_help and not grown.warning:
        grown = _with_instruction(section, grown, best)
    # After a warning list too: "Call 911 if you have trouble breathing." after "Call your doctor right away if:".
    # Not where the list's own instruction is shown first: compose leads with the last unit, which must stay it.
    urgent = None if grown.instruction_first else urgent_instruction(section, grown.units)
    if urgent is None:
        return grown
    return replace(grown, units=tuple(sorted((*grown.units, urgent))))


# A heading that numbers or letters its kind ("Exercise B: Bridge", "Step 2 - Rinse"): one of a series.
_SERIES = re.compile(r"^(\w+)\s+(\d{1,2}|[A-Z])\b\s*[:.)–—-]?", re.IGNORECASE)


def sub_sections(section: Section, following: list[Section]) -> int:
    """How many of the sections right after ``section`` sit under it: deeper Markdown headings, or, where levels
    are lost (plain text), a series of headings named by a word of its own heading ("Strengthening exercises" then
    "Exercise B: Bridge", "Exercise C: …"), or of its text, with the groups of the series among them ("Ask which
    exercises are safe for you." then "Stretching exercise", "Exercise A: Lunge", "Strengthening exercises", …)."""
    deeper = list(itertools.takewhile(lambda s: s.level > section.level, following))
    if deeper:
        top = min(s.level for s in deeper)
        return sum(s.level == top for s in deeper)
    word = series_word(following)
    if word is None:
        return 0
    group = word in word_stems(section.heading)  # a group of the series stops at the next group
    if not group and word not in word_stems(" ".join(u.text for u in section.units)):
        return 0
    count = members = 0
    for s in following:
        if s.level != section.level:
            break
        if in_series(s) == word:
            members += 1
        elif group or word not in word_stems(s.heading):
            break
        count += 1
    return count if members >= (1 if group else 2) else 0


def series_word(sections: list[Section]) -> str | None:
    """The word that names a series among the first headings ("exercise" of "Exercise A: Lunge"), if there is one."""
    return next((word for s in sections[:LIST_ITEMS] if (word := in_series(s))), None)


def in_series(section: Section) -> str | None:
    """The series word of a heading like "Exercise B: Bridge", if it is one."""
    m = _SERIES.match(section.heading)
    return _stem(m.group(1)) if m else None


def _stem(word: str) -> str:
    return word.lower().removesuffix("s")


def word_stems(text: str) -> set[str]:
    """The words of a heading or text, plural "s" dropped: enough to tell "exercises" is "exercise"."""
    return {_stem(w) for w in re.findall(r"\w+", text)}


def _with_instruction(section: Section, grown: Shape, best: int) -> Shape:
    """An answer to "when should I call?" that says when: the section's instruction nearest the best unit, with the
    sentence it points back to ("Lung damage can cause wheezing, dry cough ..." "Tell your doctor if you have any of
    these symptoms."), or added to what is shown."""
    units = section.units
    k = instruction_near(section, best)
    if k is None or k in grown.units:
        return grown
    if points_back(units[k].text) and k > 0 and not in_list(section, k - 1) and units[k - 1].block == units[k].block:
        return Shape((k - 1, k), warning=True)
    if points_back(units[k].text) and k > 0 and in_list(section, k - 1):
        return replace(grown, units=tuple(sorted({*grown.units, k})), warning=True)
    if sum(len(units[j].text) + 1 for j in grown.units) + len(units[k].text) <= MAX_ANSWER_CHARS:
        return replace(grown, units=tuple(sorted({*grown.units, k})), warning=True)
    return Shape(tuple(sorted({best, k})), warning=True)


def _grown(section: Section, best: int, heading_led: bool, form: str | None, heading_lead: bool,
           own_state: bool) -> Shape:
    """Grow the best unit into a readable answer.

    ``form`` is what the question asks for: "list" (all of a list), "procedure" (all the steps of
    one), or None (one fact). ``heading_lead`` says the heading introduces the section's first list;
    ``own_state`` that the writer tells of having something now (a warning sign's instruction then leads).
    """
    if heading_led:
        # The heading is what matches ("How is this prevented?"): answer with the section's start.
        best = 0
        if is_lead_in(section, 0) or in_list(section, 0):
            form = form or "list"
        elif not (form and list_following(section, 0, numbered=form == "procedure")):
            start = _take(section, list(range(len(section.units))))
            lead = next((k for k in start if is_lead_in(section, k) and introduced(section, k)), None)
            if lead is not None:
                # The section's start runs into a list ("... one or more of these signs:"): never cut it at or
                # just after its lead-in.
                return _with_list(section, start[:start.index(lead) + 1], introduced(section, lead), lead, False, own_state)
            return Shape(tuple(start))
    if form == "procedure" and in_list(section, best) and is_lead_in(section, best) and section.units[best].depth == 0:
        # "How do I get ready for hip surgery?" landing on one step that has sub-steps of its own ("Set up an
        # area in your home. You may want to:"): the question asks for every step, so the whole list under its
        # lead-in, that step's sub-steps among them.
        items = list_of(section, best)
        top = lead_in(section, best)
        # Without a lead-in, the sentence before the list still says what its steps are for.
        before = [items[0] - 1] if items[0] and not in_list(section, items[0] - 1) else []
        head = _with_opening(section, top) if top is not None else before
        return _with_list(section, head, items, top, True, own_state)
    if is_lead_in(section, best):
        items = introduced(section, best)
        numbered = form == "procedure" or (bool(items) and ordered(section, items[0]))
        return _with_list(section, _with_opening(section, best), items, best, numbered, own_state)
    if not in_list(section, best):
        return _from_paragraph(section, best, form, own_state)
    return _from_item(section, best, form, heading_lead, own_state)


def _with_list(section: Section, head: list[int], items: list[int], lead: int | None, procedure: bool,
               own_state: bool) -> Shape:
    """Sentences that end in the lead-in ``lead``, its list (whole to a length) and the instruction after a warning list."""
    shown, hidden = _whole(section, items, procedure)
    warning = lead is not None and warns(section.units[lead].text)
    before = instruction_before(section, items) if items and not warning else None
    if before is not None and before not in head:
        head, warning = [before, *head], True
    after = closing(section, items) if items and not warning else None
    return Shape(tuple(head + shown + ([after] if after is not None else [])), hidden=tuple(hidden),
                 warning=warning or after is not None, instruction_first=after is not None and (own_state or bool(hidden)))


def _from_paragraph(section: Section, best: int, form: str | None, own_state: bool) -> Shape:
    """A sentence of a paragraph with what follows it: the next sentence, or the list it leads to."""
    following = list_following(section, best, numbered=form == "procedure")
    if form == "procedure" and not following:
        # Steps set out as bullets ("Before you start: • Wash your hands. • ...") are steps all the same.
        following = list_following(section, best, numbered=False)
    if form and following:
        # "How do I ...?" near a numbered procedure, or "What are ...?" just before a list: all of it. The
        # sentence or two between the answer and the list come too: the list's lead-in is among them.
        return _with_list(section, list(range(best, following[0])), following, lead_in(section, following[0]),
                          form == "procedure", own_state)
    if form == "procedure":
        # A procedure told as prose ("The patient swallows a capsule. After a few minutes, ..."): the
        # rest of its paragraph.
        shown = _take(section, [j for j in paragraph(section, best) if j >= best], PROCEDURE_CHARS)
    else:
        shown = [best, *_continuation(section, best)]
    units = section.units
    if best > 0 and units[best - 1].block == units[best].block and _QUALIFIES.match(units[best].text):
        # "However, coughing may last for weeks." qualifies the sentence before it, which comes too: an
        # answer that starts "In addition, … apply it to the head and neck" hides what it adds to.
        shown.insert(0, best - 1)
    if shown[-1] != best and is_lead_in(section, shown[-1]):
        # The sentences run into a list ("... include the following:"): never stop at its lead-in.
        return _with_list(section, shown, introduced(section, shown[-1]), shown[-1], False, own_state)
    return Shape(tuple(shown))


def _from_item(section: Section, best: int, form: str | None, heading_lead: bool, own_state: bool) -> Shape:
    """A list item under its lead-in: alone with its neighbour, or with its list when the question wants it."""
    units = section.units
    if form == "procedure":
        # A note under a numbered step stands for the whole procedure it belongs to.
        while units[best].parent is not None and not ordered(section, best):
            best = units[best].parent
    lead = lead_in(section, best)
    items = list_of(section, best)
    by_heading = lead is None and heading_lead and items[0] == 0
    warning = warns(units[lead].text) if lead is not None else by_heading and warns(section.heading)
    head = _with_opening(section, lead) if lead is not None else []
    # Where the instruction comes before the list's own lead-in ("Make note of all problems you should call your
    # health care team about." "Skin changes:"), or before a list without one, an item carries it first.
    before = instruction_before(section, items) if not warning and units[best].parent is None else None
    if before is not None:
        head, warning = [before, *head], True
    # Where the instruction follows the list instead ("Call your health care team if you have signs of an
    # infection."), an item shown alone carries it after.
    after = closing(section, items) if not warning and units[best].parent is None else None
    tail = [after] if after is not None else []
    own = paragraph(section, best)  # the item's sentences
    steps = introduced(section, own[-1])
    if form == "procedure" and steps and not ordered(section, best):
        # "How do I wash the laundry?" about a bullet with steps of its own ("Wash laundry thoroughly." and
        # three sub-items): that bullet and its steps, under the list's lead-in.
        shown, hidden = _whole(section, steps, True)
        return Shape(tuple(head + own + shown), by_heading, tuple(hidden), warning)
    if form == "procedure" and not steps and not ordered(section, best) and len(own) >= PROSE_STEPS:
        # "How does the urea breath test work?" about a bullet that tells its procedure in sentences of its
        # own ("Urea breath test. ... The patient swallows a capsule ... After a few minutes, ..."): all of them.
        shown = _take(section, own, PROCEDURE_CHARS)
        return Shape(tuple(head + shown), by_heading, (), warning)
    if (not form and lead is not None and units[best].parent is None and not ordered(section, best)
            and sum(len(units[j].text) + 1 for j in items) <= SHORT_LIST):
        # One bullet of a short list, shown with its neighbour, would read as the whole list. Not a step: a
        # numbered one says by its number that there are others, and sub-steps under a bullet are a procedure's
        # ("Leave the ice on for 20 minutes" answers how long to ice). Only under a lead-in that says what the items are:
        # a heading's loose bullets ("Walk daily." "Bring your medicines." "If you have severe pain, go to the ER.") are
        # separate facts.
        form = "list"
    if form:
        # "How do I ...?" about a bulleted list (storage rules, ways to ...) wants all of it too.
        shown, hidden = _whole(section, items, form == "procedure" and ordered(section, best))
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
