"""From a reader's pieces (headings, paragraphs, list items) to a Document with offsets.

Readers of HTML, PDF and Word find structure in markup, fonts or styles; this module writes the
text a reader sees, one block a line, and marks where each piece is in it, so the rest of qa-bot
(sections, sentences, citations) works on it exactly as on a text file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from qa_bot.documents import Document
from qa_bot.parse import parse_marked

__all__ = ["Extracted", "Piece", "assemble", "split_marker"]


class Piece(NamedTuple):
    """A heading, paragraph or list item found by a format reader, in reading order."""

    kind: str  # "heading", "paragraph" or "item"
    text: str
    level: int = 1  # heading level, 1-6
    depth: int = 0  # list nesting depth of an item
    ordered: bool = False
    marker: str = ""  # an item's number as the source shows it ("3.", "b)"); "" for a bullet


class Extracted(NamedTuple):
    """What a format reader found: the title, the pieces in reading order, and notes for the log."""

    title: str
    pieces: list[Piece]
    notes: tuple[str, ...] = ()  # e.g. "only the first 100 of 4,000 pages were read"


def _title_from_id(doc_id: str) -> str:
    return " ".join(w.capitalize() for w in doc_id.replace("_", "-").split("-") if w) or doc_id


def assemble(doc_id: str, path: str, title: str, pieces: list[Piece]) -> Document:
    """The document as text (title first, a blank line between blocks) and its sections."""
    title = " ".join(title.split()) or _title_from_id(doc_id)
    parts, marks = [title], []
    pos = len(title)
    previous = ""
    counters: list[int] = []  # item numbers per list depth, for ordered items without a marker
    for piece in pieces:
        text = " ".join(piece.text.split())
        if not text:
            continue
        gap = "\n" if piece.kind == "item" and previous == "item" else "\n\n"
        pos += len(gap)
        if piece.kind == "item":
            del counters[piece.depth + 1:]
            counters += [0] * (piece.depth + 1 - len(counters))
            counters[piece.depth] += 1
            marker = piece.marker or (f"{counters[piece.depth]}." if piece.ordered else "•")
            lead = "  " * (piece.depth + 1) + marker + " "
            marks.append(("item", pos + len(lead) - len(lead.lstrip()), pos + len(lead) + len(text), pos + len(lead),
                          piece.depth, piece.ordered, 1, ""))
        elif piece.kind == "heading":
            lead = ""
            counters = []
            marks.append(("heading", pos, pos + len(text), pos, 0, False, piece.level, text))
        else:
            lead = ""
            counters = []
            marks.append(("paragraph", pos, pos + len(text), pos, 0, False, 1, ""))
        parts += [gap, lead, text]
        pos += len(lead) + len(text)
        previous = piece.kind
    text = "".join(parts) + "\n"
    sections = parse_marked(text, doc_id, title, marks)
    return Document(id=doc_id, title=title, path=path, text=text, sections=tuple(sections))


_MARKER = re.compile(r"^(?:(?P<bullet>[•●▪◦·‣∙○■□➢►✓✔*+\-–\ue000-\uf8ff])|(?P<number>\(?(?:\d{1,3}|[a-z])[.)]))\s+(?=\S)")


def split_marker(text: str) -> tuple[str, bool, str] | None:
    """(marker, ordered, rest) of a list item typed by hand ("• Rest", "2. Ice", "b) Wrap"); else None.

    Private-use characters count as bullets: Word's Symbol and Wingdings bullets arrive as those.
    """
    m = _MARKER.match(text)
    if m is None:
        return None
    return (m.group("number") or m.group("bullet")), m.group("number") is not None, text[m.end():]
