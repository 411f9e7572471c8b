"""Lists in a section: which units are items, which introduce them, and which send the reader to someone.

A lead-in is a sentence ending in a colon, one that runs straight into its list ("Common signs
are"), or one that points at the numbered steps after it; a warning list is one whose lead-in
("Call your doctor if:"), or the sentence right after it, says to get help.
"""

from __future__ import annotations

import re

from qa_bot.documents import Section

__all__ = ["closing", "heading_introduces", "in_list", "instruction_before", "instruction_near", "introduced", "is_lead_in",
           "lead_in", "list_following", "list_of", "ordered", "paragraph", "points_back", "urgent_instruction", "warns"]

_LEAD_IN_HEADING = re.compile(
    r"(:|\b(if|when|include|includes|including|are|such as|following|these|who|because))\s*$", re.IGNORECASE)
# Words by which a sentence points at what follows it.
_POINTS_AHEAD = re.compile(r"\b(follow (these|the)|these (\w+ )?(steps|instructions)|the following|as follows|"
                           r"here(’|')?s|here are)\b|\bbelow[.:]?$", re.IGNORECASE)
# A lead-in that sends the reader to someone: its items are warning signs.
_WARNING = re.compile(
    r"\b(call|contact|get|seek|go to|see|tell|talk to|talk with|speak to|speak with|check with|consult|visit|phone|ring)\b.*"
    r"\b(doctor|provider|help|911|999|112|emergency|care|nurse|hospital|dentist|pharmacist|physician|team|"
    r"specialist|surgeon|clinic|office|gp|right away|immediately|urgently)\b"
    # ... or says it the other way round: "A health care provider should be consulted if"
    r"|\b(doctor|provider|nurse|physician|pharmacist|team)\s+(should|must)\s+be\s+(consulted|called|contacted|seen)\b"
    # ... or asks the reader to tell them: "Let your health care team know if you notice any skin changes".
    r"|\blet\s+(your|the|a|an)\s+(\w+\s+){0,3}(doctor|provider|nurse|physician|pharmacist|care team|gp|specialist|surgeon"
    r"|dentist)\s+know\b",
    re.IGNORECASE)
# ... unless it sends the reader to talk about a topic ("Speak to your care team about equipment such as:").
_ABOUT_A_TOPIC = re.compile(r"\b(talk|speak|ask|let)\b[^.:]*\babout\b", re.IGNORECASE)
# A sentence after a list that sends the reader to someone if its items apply ("Call your health care
# team if you have signs of an infection."): the list is one of warning signs, its instruction after it.
_CLOSING = re.compile(r"^(if|call|contact|seek|see|tell|talk|speak|check with|consult|phone|ring|let)\b", re.IGNORECASE)
# ... and it points back at the list: "if you notice any of these", "if you have signs of an infection".
_POINTS_BACK = re.compile(r"\b(these|any of (them|those|the above)|the above|(listed|mentioned|described) above"
                          r"|(signs?|symptoms?) of)\b", re.IGNORECASE)
# ... and past several lists, only words that point back at all of them ("the problems listed above"): "If you have
# any of these signs" after a list of foods and then one of signs is about the signs alone.
_ABOVE = re.compile(r"\b((listed|mentioned|described|named|shown|given) above|any of the above)\b", re.IGNORECASE)


def in_list(section: Section, j: int) -> bool:
    """True if unit j is a list item."""
    return section.blocks[section.units[j].block].kind == "item"


def ordered(section: Section, j: int) -> bool:
    """True if unit j is an item of a numbered list."""
    return section.blocks[section.units[j].block].ordered


def paragraph(section: Section, j: int) -> list[int]:
    """The units of the paragraph (or item) unit j is in, in order."""
    return [k for k in range(len(section.units)) if section.units[k].block == section.units[j].block]


def is_lead_in(section: Section, j: int) -> bool:
    """True if unit j introduces a list: a colon, no full stop before it, or pointing at the steps after it."""
    units, u = section.units, section.units[j]
    if u.text.endswith(":"):
        return True
    if in_list(section, j) or j + 1 >= len(units) or not in_list(section, j + 1) or units[j + 1].depth:
        return False
    # Before bullets, "These terms are defined below." adds nothing to an item; before steps it says what they do.
    return (not u.text.endswith((".", "!", "?", "”", '"', ")"))
            or (ordered(section, j + 1) and bool(_POINTS_AHEAD.search(u.text))))


def heading_introduces(text: str, section: Section) -> bool:
    """True if the section's heading line introduces its first list ("Get help right away if:")."""
    end = text.find("\n", section.start)
    line = text[section.start:end if end >= 0 else len(text)].strip().rstrip("#").strip()
    return bool(section.units) and in_list(section, 0) and bool(_LEAD_IN_HEADING.search(line))


def warns(text: str) -> bool:
    """True if a lead-in sends the reader to a doctor or emergency care."""
    return bool(_WARNING.search(text)) and not _ABOUT_A_TOPIC.search(text)


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


# How many lists, each under its own lead-in, an instruction after the last of them may close too.
_CLOSES_LISTS = 3


def closing(section: Section, items: list[int]) -> int | None:
    """The sentence right after a list that says to get help if its items apply, if there is one.

    Lists that follow, each under a lead-in of its own ("Changes in your feet may include:" then "Changes in your
    hands may include:"), share the instruction after the last ("If you have any of the problems listed above, …").
    """
    j = max(items) + 1 if items else len(section.units)
    hops = 0
    while (hops < _CLOSES_LISTS and j < len(section.units) and is_lead_in(section, j) and not in_list(section, j)
           and not warns(section.units[j].text) and (more := introduced(section, j))):
        j, hops = max(more) + 1, hops + 1
    if j >= len(section.units) or in_list(section, j) or is_lead_in(section, j):
        return None  # the next list's lead-in ("Call your doctor right away if you have:") closes nothing
    text = section.units[j].text
    return j if _instructs(text) and (_ABOVE if hops else _POINTS_BACK).search(text) else None


# An instruction told of someone else: "A person with any signs of bleeding in the stomach should call or see a
# health care provider right away." The reader is the one to act, and the verb takes the one who helps as its
# object: not "Your nurse should call you with your results" nor "You should get a flu shot".
_SHOULD_GET_HELP = re.compile(
    r"\b(should|must|needs? to)\s+(call|see|contact|consult|phone|visit)(\s+or\s+\w+)?\s+(an?\s+|the\s+|your\s+|their\s+)?"
    r"((health|medical|primary)\s+)?(care\s+)?(doctor|provider|nurse|physician|pharmacist|team|clinic|gp|911|999|112)\b"
    r"|\b(should|must|needs? to)\s+(seek|get)\s+(urgent\s+|emergency\s+|immediate\s+)?(medical\s+)?(help|care|attention)\b",
    re.IGNORECASE)
# "do not need to see a doctor", "should not go to the emergency room": the opposite of an instruction.
_NEGATED = re.compile(r"\b(not|never|no need|n't)\b", re.IGNORECASE)


def _instructs(text: str) -> bool:
    """True if a sentence tells the reader (or someone like them) to get help, not the opposite."""
    if not warns(text):
        return False
    if _CLOSING.match(text):
        return True  # "Call your doctor if your pain does not get better": a "not" in the condition is no negation
    told = _SHOULD_GET_HELP.search(text)
    return bool(told) and not _NEGATED.search(text[:told.start()])


# Words that make an instruction urgent: get help now, not at the next visit.
_AT_ONCE = re.compile(r"\b(right away|immediately|at once|straight away|urgently|without delay|"
                      r"(call|dial|phone) (911|999|112)|go to (the|an|your)( nearest)? (emergency|er|hospital))\b",
                      re.IGNORECASE)  # not "emergency" alone: "Tell your doctor if you have ever been to the emergency room"
URGENT_CHARS = 200  # an instruction longer than this is a paragraph of its own, not a line to carry along
_IF = re.compile(r"\bif\b", re.IGNORECASE)  # an instruction for when something happens, not a standing order


def _when_to_get_help(section: Section, j: int) -> bool:
    """True if unit j is a sentence of its own, short enough to carry along, that says to get help if something happens."""
    text = section.units[j].text
    return (not in_list(section, j) and not is_lead_in(section, j) and len(text) <= URGENT_CHARS and _instructs(text)
            and bool(_IF.search(text)))


def urgent_instruction(section: Section, shown: tuple[int, ...]) -> int | None:
    """A sentence of the section, not shown, that says to get help at once if something happens ("Call your
    doctor right away if you have easy bruising or bleeding."), if there is one."""
    return next((j for j in range(len(section.units)) if j not in shown and _when_to_get_help(section, j)
                 and _AT_ONCE.search(section.units[j].text)), None)


# A lead-in that names its list of signs and nothing more ("Skin changes:"): what the list is for is said before it.
# ("Tips for managing tiredness:" and "Foods to eat:" name lists of their own.)
_LABEL_WORDS = 4
_SIGNS = re.compile(r"\b(signs?|symptoms?|changes|problems|effects|reactions)\b", re.IGNORECASE)


def _label(section: Section, j: int) -> bool:
    """True if unit j is a paragraph of its own that only names the list of signs after it."""
    text = section.units[j].text
    return (text.endswith(":") and not in_list(section, j) and len(text.split()) <= _LABEL_WORDS
            and paragraph(section, j) == [j] and bool(_SIGNS.search(text)))


def instruction_before(section: Section, items: list[int]) -> int | None:
    """The sentence just before a list that says to get help if its items apply, where no lead-in of its own does.

    "Make note of all problems you should call your health care team about." then "Skin changes:" and its items,
    "Nail changes:" and its items; or "Let your team know if you notice any skin changes." right before the items.
    """
    j, labels = min(items) - 1, 0
    while j >= 0 and labels < _CLOSES_LISTS and _label(section, j):
        j, labels = j - 1, labels + 1
        while j >= 0 and in_list(section, j):
            j -= 1  # the list of the label before
    if j < 0 or in_list(section, j) or is_lead_in(section, j) or paragraph(section, j)[-1] != j:
        return None
    if j > 0 and in_list(section, j - 1):
        return None  # it closes the list before it ("Call your doctor if you have any of these side effects.")
    text = section.units[j].text
    # Right before items with no lead-in, the instruction says when, of signs ("if you notice any skin changes"): "Call
    # your surgeon if the wound becomes red" before wound-care bullets is not about them.
    return j if len(text) <= URGENT_CHARS and _instructs(text) and (labels or (_IF.search(text) and _SIGNS.search(text))) else None


def instruction_near(section: Section, j: int) -> int | None:
    """The sentence of the section nearest unit j, after it first, that says to get help if something happens
    ("Tell your doctor if you have any of these symptoms."), if there is one."""
    found = [k for k in range(len(section.units)) if _when_to_get_help(section, k)]
    return min(found, key=lambda k: (abs(k - j), k < j), default=None)


def points_back(text: str) -> bool:
    """True if a sentence refers to what came before it ("if you have any of these symptoms")."""
    return bool(_POINTS_BACK.search(text))


def list_of(section: Section, j: int) -> list[int]:
    """Every unit of the list item j belongs to, nested items included."""
    parent = section.units[j].parent
    if parent is not None:
        return introduced(section, parent)
    first, last = j, j
    while first > 0 and in_list(section, first - 1):
        first -= 1
    while last + 1 < len(section.units) and in_list(section, last + 1):
        last += 1
    return list(range(first, last + 1))


def introduced(section: Section, i: int) -> list[int]:
    """The items unit i introduces: its nested items, or the list right after a paragraph."""
    lead, out = section.units[i], []
    for j in range(i + 1, len(section.units)):
        if (in_list(section, i) and section.units[j].depth > lead.depth) or (not in_list(section, i) and in_list(section, j)):
            out.append(j)
        else:
            break
    return out


def list_following(section: Section, j: int, numbered: bool, reach: int = 2) -> list[int]:
    """The list that starts within a couple of sentences after paragraph unit j (numbered, if asked)."""
    units = section.units
    for k in range(j + 1, min(len(units), j + 2 + reach)):
        if in_list(section, k):
            if units[k].depth or (numbered and not ordered(section, k)):
                return []
            return list_of(section, k)
    return []
