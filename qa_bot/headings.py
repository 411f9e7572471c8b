"""Headings, lead-ins and bullet-less lists in plain text: what a scraped or typed page's lines are."""

from __future__ import annotations

import re

from qa_bot.elements import BULLET, Element, collapse, heading_candidate

__all__ = ["find_plain_headings", "tight_heading"]

_LEAD_IN_END = re.compile(
    r"\b(include|includes|including|are|is|was|were|be|who|as|like|such as|following|these|"
    r"to|of|with|by|for|that|which|can|may|might|will)\s*:$",
    re.IGNORECASE,
)
# A line ending like this introduces what follows ("Symptoms include", "Risk factors are"): never a heading.
_LEAD_IN_WORD_END = re.compile(
    r"\b(include|includes|including|are|is|was|were|be|who|as|like|such as|following|these|"
    r"to|of|with|by|for|that|which|can|may|might|will|the|a|an|because|"
    r"if|when|whether|unless|based on|depending on|depends on|into|from|about|than|and|or)$",
    re.IGNORECASE,
)
# A colon line that reads as a sentence ("Here are some tips:", "There are three types:") is a lead-in.
_SENTENCE_OPENING = re.compile(r"^(here|there|these|this|they|it|you|we|some|many|most|other|the following)\b"
                               r"|\b(are|is|include|includes|can|may|should|will|have|has)\b", re.IGNORECASE)
# A paragraph whose last sentence points ahead ("Look for these signs.") hands over to the colon line after it.
_POINTS_AHEAD = re.compile(r"\b(these|the following|as follows|below)\b[^.!?]*[.:]$", re.IGNORECASE)
_SUMMARY_SENTENCE = 40  # words; a standalone sentence this short that repeats a summary bullet is a heading
_MAX_UNMARKED_ITEM = 200  # a line this short after a lead-in is a list item that lost its bullet
_JOINABLE_END = re.compile(r"(\(|[-–—&,/]|\band|\bor|\bof|\bthe|\bfor|\bwith)$")


def tight_heading(first: str, following: str) -> bool:
    """A heading with its text on the very next line (no blank line between): "SYMPTOMS" then prose.

    Only unmistakable headings are split off: all capitals, or a short question, followed by a
    line that starts a new sentence; an ordinary wrapped paragraph never looks like that.
    """
    first, following = first.strip(), following.strip()
    if not following or not (following[0].isupper() or following[0].isdigit() or BULLET.match(following)):
        return False
    letters = [c for c in first if c.isalpha()]
    shouting = len(letters) >= 3 and all(c.isupper() for c in letters)
    question = first.endswith("?") and len(first.split()) <= 10
    return heading_candidate(first) and (shouting or question)


def find_plain_headings(text: str, els: list[Element]) -> list[Element]:
    """Mark headings in plain text: short standalone lines, rejoining headings split over lines.

    A standalone one-sentence line that repeats a list item seen earlier is a heading too: summary
    lists ("Key Points") name the sections that follow, word for word.
    """
    out: list[Element] = []
    bullets: set[str] = set()
    i = 0
    while i < len(els):
        el = els[i]
        line = collapse(text[el.start:el.end]) if el.kind == "paragraph" else ""
        if el.kind == "item":
            bullets.add(collapse(text[el.body_start:el.end]))
        elif line in bullets and el.lines == 1 and len(line.split()) <= _SUMMARY_SENTENCE:
            out.append(Element("heading", el.start, el.end, el.start, level=2, text=line))
            i += 1
            continue
        if out and out[-1].kind == "paragraph" and _is_lead_in(collapse(text[out[-1].start:out[-1].end])):
            items, used = _unmarked_items(text, els, i)
            if len(items) >= 2:
                out.extend(items)
                i += used
                continue
        if el.kind == "paragraph" and el.lines == 1 and heading_candidate(line) and not _LEAD_IN_WORD_END.search(line):
            nxt = els[i + 1] if i + 1 < len(els) else None
            nxt_line = collapse(text[nxt.start:nxt.end]) if nxt and nxt.kind == "paragraph" else ""
            if (nxt_line and nxt.lines == 1 and _JOINABLE_END.search(line)
                    and nxt_line[0].islower() and len(nxt_line.split()) <= 8
                    and not nxt_line.endswith(".")):
                glue = "" if line.endswith("(") else " "
                el = Element("heading", el.start, nxt.end, el.start, text=line + glue + nxt_line)
                out.append(el)
                i += 2
                continue
            after_heading = not out or out[-1].kind == "heading"
            handed_over = (bool(out) and out[-1].kind == "paragraph"
                           and bool(_POINTS_AHEAD.search(collapse(text[out[-1].start:out[-1].end]))))
            lead_in = line.endswith(":") and (after_heading or handed_over or _LEAD_IN_END.search(line)
                                              or len(line.split()) > 8 or _SENTENCE_OPENING.search(line.rstrip(":")))
            if not lead_in:
                out.append(Element("heading", el.start, el.end, el.start, text=line.rstrip(":").strip()))
                i += 1
                continue
        out.append(el)
        i += 1
    return out


def _is_lead_in(line: str) -> bool:
    """A line that introduces a list: it ends with a colon, or with "include", "are", "such as" ..."""
    return line.endswith(":") or bool(_LEAD_IN_WORD_END.search(line))


def _unmarked_items(text: str, els: list[Element], i: int) -> tuple[list[Element], int]:
    """Short lines right after a lead-in, as list items: scraped pages drop the bullets.

    Each item is a line, or a line with the lines that only continue it (a link fragment, a
    lower-case start); items may stand in separate paragraphs or one under another. Returns the
    items and how many elements they came from.
    """
    out: list[Element] = []
    used = 0
    for el in els[i:]:
        if el.kind != "paragraph" or (out and out[-1].lines > 1):
            break  # a run of lines with no blank between them is the whole list
        pieces = _item_lines(text, el)
        if not pieces or any(len(collapse(text[s:e])) > _MAX_UNMARKED_ITEM or text[s:e].rstrip().endswith((":", "?"))
                             for s, e in pieces):
            break
        out.extend(Element("item", s, e, s, lines=len(pieces)) for s, e in pieces)
        used += 1
    return out, used


def _item_lines(text: str, el: Element) -> list[tuple[int, int]]:
    """The spans of a paragraph's items: each starts on a line that opens with a capital or digit."""
    spans: list[tuple[int, int]] = []
    start = el.start
    for line in text[el.start:el.end].split("\n"):
        stripped = line.strip()
        if (stripped and (stripped[0].isupper() or stripped[0].isdigit())) or not spans:
            spans.append((start + len(line) - len(line.lstrip()), start + len(line.rstrip())))
        elif stripped:
            spans[-1] = (spans[-1][0], start + len(line.rstrip()))
        start += len(line) + 1
    return spans
