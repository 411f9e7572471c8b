"""Documents as loaded: sections with headings, blocks and answerable units, all with offsets.

Data types only: qa_bot.loader reads files into these, whatever their format.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote

__all__ = ["Block", "Document", "LazySections", "Section", "SectionTable", "Unit", "slugify"]


class Unit(NamedTuple):
    """One answerable piece of text: a sentence of a paragraph, or one list item."""

    text: str  # as a reader sees it: whitespace collapsed, list marker and inline markup removed
    start: int  # character span of the unit in Document.text
    end: int
    block: int  # index of its block in Section.blocks
    depth: int  # list nesting depth; 0 for paragraph sentences
    parent: int | None = None  # index in Section.units of the list item this one is nested in


class Block(NamedTuple):
    """A paragraph or a list item, as the document viewer renders it."""

    kind: str  # "paragraph" or "item"
    start: int
    end: int
    depth: int = 0
    ordered: bool = False


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading."""

    document: str
    heading: str  # one line, whitespace collapsed
    anchor: str
    level: int
    start: int  # where the heading starts (or the body, for an untitled first section)
    end: int
    blocks: tuple[Block, ...] = ()
    units: tuple[Unit, ...] = ()

    @property
    def size(self) -> int:
        """Characters of answerable text under the heading."""
        return sum(len(u.text) for u in self.units)


@dataclass(frozen=True)
class Document:
    """A loaded corpus file: its id (file name without extension), title, text and sections."""

    id: str
    title: str
    path: str
    text: str
    sections: Sequence[Section] = field(default=())

    @property
    def url(self) -> str:
        """The document page's path; the id is a file name, so a space, "?", "#" or "%" in it is escaped."""
        return "/docs/" + quote(self.id, safe="")


class SectionTable:
    """Sections kept as arrays (as loaded from the index cache), made into objects on first use."""

    def __init__(self, doc_ids: list[str], doc_of_section: list[int], rows: list[list[int]],
                 headings: list[str], anchors: list[str], block_rows: list[list[int]], unit_rows: list[list[int]],
                 unit_text: Callable[[int], str], kinds: tuple[str, ...]) -> None:
        self.doc_ids, self.doc_of_section, self.rows = doc_ids, doc_of_section, rows
        self.headings, self.anchors = headings, anchors
        self.block_rows, self.unit_rows, self.unit_text, self.kinds = block_rows, unit_rows, unit_text, kinds
        self.block_start = [0] * (len(rows) + 1)
        self.unit_start = [0] * (len(rows) + 1)
        for i, row in enumerate(rows):
            self.block_start[i + 1] = self.block_start[i] + row[3]
            self.unit_start[i + 1] = self.unit_start[i] + row[4]
        self._made: dict[int, Section] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def section(self, sid: int) -> Section:
        made = self._made.get(sid)
        if made is None:
            level, start, end, _, _ = self.rows[sid]
            b0, b1 = self.block_start[sid], self.block_start[sid + 1]
            u0, u1 = self.unit_start[sid], self.unit_start[sid + 1]
            blocks = tuple(Block(self.kinds[k], bs, be, depth, bool(o)) for k, bs, be, depth, o in self.block_rows[b0:b1])
            units = tuple(Unit(self.unit_text(u0 + j), us, ue, blk, depth, None if parent < 0 else parent)
                          for j, (us, ue, blk, depth, parent) in enumerate(self.unit_rows[u0:u1]))
            made = Section(self.doc_ids[self.doc_of_section[sid]], self.headings[sid], self.anchors[sid], level,
                           start, end, blocks, units)
            self._made[sid] = made
        return made


class LazySections(Sequence):
    """A run of a SectionTable's sections that behaves like a tuple of Section."""

    def __init__(self, table: SectionTable, start: int, stop: int) -> None:
        self.table, self.start, self.stop = table, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("section index out of range")
        return self.table.section(self.start + i)


def slugify(text: str) -> str:
    """URL fragment for a heading: lower-case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
