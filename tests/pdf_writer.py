"""Real PDF files laid out from a document's structure with reportlab: one or two columns, running
headers and footers, page numbers, words hyphenated at line ends, bulleted and numbered lists.

A block is (kind, text, depth, ordered), as in tests/format_files.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = 612.0, 792.0
MARGIN, TOP, BOTTOM, GUTTER = 54.0, 76.0, 64.0, 22.0
BODY, BOLD = ("Times-Roman", 10.5), ("Helvetica-Bold", 12.5)
LEADING = 13.5


def _hyphenate(word: str, room: float, font: tuple[str, float]) -> tuple[str, str] | None:
    """Split a long word so its first part and a hyphen fit in room (at least 3 letters each side)."""
    if len(word) < 7 or not word.isalpha():
        return None
    for cut in range(len(word) - 3, 2, -1):
        if stringWidth(word[:cut] + "-", *font) <= room:
            return word[:cut] + "-", word[cut:]
    return None


def wrap(text: str, width: float, font: tuple[str, float]) -> list[str]:
    """Lines of text in width: breaks at spaces and after hyphens, long words hyphenated."""
    tokens: list[str] = []
    for word in text.split():
        parts = re.split(r"(?<=\w-)(?=\w)", word)  # a line may break after a hyphen inside a word
        tokens += [*parts[:-1], parts[-1] + " "]
    lines, line = [], ""
    for token in tokens:
        if stringWidth((line + token).rstrip(), *font) <= width:
            line += token
            continue
        split = _hyphenate(token.strip(), width - stringWidth(line, *font), font) if token.endswith(" ") else None
        if split:
            lines.append(line + split[0])
            line = split[1] + " "
        else:
            lines.append(line.rstrip())
            line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Layout:
    def __init__(self, path: Path, title: str, columns: int, header: str) -> None:
        self.canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
        self.canvas.setTitle("untitled")
        self.title, self.columns, self.header = title, columns, header
        self.column_width = (WIDTH - 2 * MARGIN - GUTTER * (columns - 1)) / columns
        self.page, self.column, self.top_of_columns = 0, 0, HEIGHT - TOP
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setFont("Helvetica", 8.5)
        self.canvas.drawString(MARGIN, HEIGHT - 40, self.header)
        self.canvas.drawRightString(WIDTH - MARGIN, HEIGHT - 40, self.title)
        self.canvas.drawString(MARGIN, 36, "For general information only. Not medical advice.")
        self.canvas.drawRightString(WIDTH - MARGIN, 36, f"Page {self.page}")
        self.column, self.y = 0, HEIGHT - TOP
        self.top_of_columns = self.y

    def _room(self, height: float) -> None:
        if self.y - height >= BOTTOM:
            return
        if self.column + 1 < self.columns:
            self.column += 1
            self.y = self.top_of_columns
        else:
            self._new_page()

    def line(self, text: str, font: tuple[str, float], indent: float = 0.0, marker: str = "") -> None:
        self._room(LEADING)
        x = MARGIN + self.column * (self.column_width + GUTTER) + indent
        self.y -= LEADING
        self.canvas.setFont(*font)
        if marker:
            self.canvas.drawString(x - 12, self.y, marker)
        self.canvas.drawString(x, self.y, text)

    def title_line(self, text: str) -> None:
        self.canvas.setFont("Helvetica-Bold", 20)
        self.y -= 24
        self.canvas.drawString(MARGIN, self.y, text)
        self.y -= 14
        self.top_of_columns = self.y

    def space(self, points: float) -> None:
        self.y -= points


def to_pdf(title: str, blocks: list[tuple[str, str, int, bool]], path: Path, columns: int = 1,
           header: str = "Riverside Family Clinic · Patient education", numbered: bool = False) -> Path:
    """Lay the blocks out as a PDF of one or two columns, with a running header and footer."""
    layout = _Layout(path, title, columns, header)
    layout.title_line(title)
    chapter, numbers = 0, [0] * 8
    for kind, text, depth, ordered in blocks:
        if kind == "heading":
            chapter += 1
            shown = f"{chapter}. {text}" if numbered else text
            layout.space(6)
            layout._room(3 * LEADING)  # a heading is never the last line of a column
            for line in wrap(shown, layout.column_width, BOLD):
                layout.line(line, BOLD)
            layout.space(2)
            continue
        if kind == "paragraph":
            numbers = [0] * 8
            for line in wrap(text, layout.column_width, BODY):
                layout.line(line, BODY)
            layout.space(5)
            continue
        numbers[depth] += 1
        numbers[depth + 1:] = [0] * (7 - depth)
        marker = f"{numbers[depth]}." if ordered else ("•" if depth == 0 else "–")
        indent = 14.0 + 16.0 * depth
        for i, line in enumerate(wrap(text, layout.column_width - indent, BODY)):
            layout.line(line, BODY, indent, marker if i == 0 else "")
        layout.space(2)
    layout.canvas.showPage()
    layout.canvas.save()
    return path
