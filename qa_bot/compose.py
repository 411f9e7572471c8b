"""An answer's text and citation from its shape: verbatim pieces, ellipses where they are not adjacent."""

from __future__ import annotations

import itertools
import re

from qa_bot.documents import Document, Section
from qa_bot.models import Citation
from qa_bot.shape import Shape

__all__ = ["compose"]

_NUMBER = re.compile(r"\(?(\d{1,3}|[A-Za-z])[.)]")  # "2.", "b)", "(3)": a step's number as the document has it


def _heading_piece(doc: Document, section: Section) -> tuple[str, int, int]:
    """The heading line as it stands in the text (Markdown #'s aside), with its offsets."""
    end = doc.text.find("\n", section.start)
    end = len(doc.text) if end < 0 else end
    line = doc.text[section.start:end]
    start = section.start + len(line) - len(line.lstrip("# \t"))
    end = section.start + len(line.rstrip(" \t#"))
    return " ".join(doc.text[start:end].split()), start, end


def _whole_heading(doc: Document, section: Section) -> tuple[str, int, int]:
    """A heading as the document has it, over as many lines as the loader joined into it ("Exercise B: Bridge (" …
    "hip extensors)"), Markdown #'s aside, with its offsets."""
    text, start, end = _heading_piece(doc, section)
    wanted = [c for c in section.heading if not c.isspace()]
    got = [c for c in text if not c.isspace()]
    k = end
    while len(got) < len(wanted) and k < len(doc.text):  # the rest of the heading on the lines after
        if not doc.text[k].isspace():
            got.append(doc.text[k])
            end = k + 1
        k += 1
    return " ".join(doc.text[start:end].split()), start, end


def _numbered(doc: Document, section: Section, units: tuple[int, ...]) -> dict[int, tuple[str, int]]:
    """Each shown step's number and where it starts, when two or more steps of one numbered list are shown."""
    found: dict[int, dict[int, tuple[str, int]]] = {}  # by list depth: a step's own sub-steps count apart
    for i in units:
        unit, block = section.units[i], section.blocks[section.units[i].block]
        if block.kind != "item" or not block.ordered or (i and section.units[i - 1].block == unit.block):
            continue
        lead = doc.text[block.start:unit.start]
        number = _NUMBER.fullmatch(lead.strip())
        if number:
            found.setdefault(block.depth, {})[i] = (number.group(), block.start + len(lead) - len(lead.lstrip()))
    out: dict[int, tuple[str, int]] = {}
    for steps in found.values():
        # One step alone keeps no number: "3." before a lone sentence reads as a stray mark. Nor do steps whose
        # typed numbers do not count up ("1. 1. 1.", as Markdown lets one type them): they would read wrong.
        values = [_value(number) for number, _ in steps.values()]
        if len(steps) > 1 and all(b == a + 1 for a, b in itertools.pairwise(values)):
            out.update(steps)
    return out


def _value(number: str) -> int:
    """The step number a marker stands for: "12." is 12, "(b)" is 2."""
    core = number.strip("().")
    return int(core) if core.isdigit() else ord(core.lower()) - ord("a") + 1


def compose(doc: Document, section: Section, shape: Shape) -> tuple[str, Citation]:
    """The answer text a person reads and the citation that points at exactly those words."""
    numbers = _numbered(doc, section, shape.units)

    def piece(i: int) -> tuple[str, int, int, int, int]:
        # (text, start, end, position, block); position orders and tells adjacency. A step shows its number,
        # which is the document's own text, so its span starts there.
        unit = section.units[i]
        if i not in numbers:
            return unit.text, unit.start, unit.end, i, unit.block
        number, start = numbers[i]
        return f"{number} {unit.text}", start, unit.end, i, unit.block

    pieces = [piece(i) for i in shape.units]
    if shape.subheadings:
        # The headings of the sections it introduces, each a line of its own, in order, after its text.
        after = [s for s in doc.sections if s.start >= section.end][:shape.subheadings]
        pieces += [(*_whole_heading(doc, s), len(section.units) + k, -2 - k) for k, s in enumerate(after)]
    if shape.heading_lead:
        pieces.insert(0, (*_heading_piece(doc, section), -1, -1))
    if shape.instruction_first:
        pieces.insert(0, pieces.pop())
    runs: list[list[tuple]] = []
    for piece in pieces:
        if runs and piece[3] == runs[-1][-1][3] + 1:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    lines: list[str] = []
    for r, run in enumerate(runs):
        for k, (text, *_, block) in enumerate(run):
            if k and block == run[k - 1][4]:
                lines[-1] += " " + text
            else:
                lines.append(("… " if r and not k else "") + text)
    more = len({section.units[i].block for i in shape.hidden})
    if more:
        lines.append(f"…and {more} more")
    highlight = [(run[0][1], run[-1][2]) for run in runs]
    if shape.hidden:
        highlight.append((section.units[shape.hidden[0]].start, section.units[shape.hidden[-1]].end))
    citation = Citation(
        document=doc.id, title=doc.title, section=section.heading,
        quote=" … ".join(" ".join(p[0] for p in run) for run in runs),
        start=min(p[1] for p in pieces), end=max(p[2] for p in pieces),
        url=f"{doc.url}?hl={','.join(f'{s}-{e}' for s, e in highlight)}#{section.anchor}",
        spans=tuple((p[1], p[2]) for p in pieces), more=more,
    )
    return "\n".join(lines), citation
