"""From a PDF's text lines (position, font size, weight) to pieces in reading order.

Running headers, footers and page numbers are dropped; two-column pages are read column by
column; headings are told by size, weight and numbering; list items by their markers and indents;
words hyphenated at a line end are rejoined. Pure Python, no PDF library: tested on its own.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from typing import NamedTuple

from qa_bot.formats.build import Piece, split_marker

__all__ = ["Line", "lay_out"]

_MARGIN_BAND = 0.09  # share of the page height at the top and bottom where running headers live
_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?(\d{1,4}|[ivxlc]{1,6})(\s*(of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(\.\d{1,2})*)\.?\s+\S")
_JUNK_TITLE = re.compile(r"^(untitled|microsoft word|document\d*|slide \d+)|\.(docx?|pdf|indd)$", re.IGNORECASE)
_HEADING_WORDS = 16


class Line(NamedTuple):
    """One line of text on a page; top and bottom measured from the top of the page."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str


def _merge_baselines(lines: list[Line]) -> list[Line]:
    """Join pieces of one visual line (a bullet and its text) that the PDF drew separately."""
    out: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.page, round(ln.top), ln.x0)):
        prev = out[-1] if out else None
        if (prev and prev.page == line.page and abs(prev.top - line.top) < 2
                and 0 <= line.x0 - prev.x1 <= 1.3 * line.size):
            bold = prev.bold if len(prev.text.strip()) > 2 else line.bold
            out[-1] = Line(prev.page, prev.x0, line.x1, min(prev.top, line.top), max(prev.bottom, line.bottom),
                           max(prev.size, line.size) if len(prev.text.strip()) > 2 else line.size, bold,
                           prev.text.rstrip() + " " + line.text.lstrip())
        else:
            out.append(line)
    return out


def _drop_furniture(lines: list[Line], sizes: dict[int, tuple[float, float]]) -> list[Line]:
    """Without page numbers and lines repeated in the top or bottom margin of most pages."""
    def marginal(ln: Line) -> bool:
        height = sizes[ln.page][1]
        return ln.top < _MARGIN_BAND * height or ln.bottom > (1 - _MARGIN_BAND) * height

    def key(ln: Line) -> tuple[str, float]:
        return re.sub(r"\d+", "#", " ".join(ln.text.lower().split())), round(ln.size)

    pages_with = Counter(k for k, _ in {(key(ln), ln.page) for ln in lines if marginal(ln)})
    repeated = {k for k, n in pages_with.items() if n >= 2 and n * 2 >= len(sizes)}
    # On a one-page handout nothing repeats: small print in the margins is its header and footer.
    small = 0.9 * _body_size([ln for ln in lines if not marginal(ln)] or lines)
    return [ln for ln in lines
            if not (marginal(ln) and (key(ln) in repeated or _PAGE_NUMBER.match(ln.text) or ln.size < small))]


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a column gutter in the middle of the page (crossed by the fewest lines), or None."""
    if len(lines) < 6:
        return None
    runs: dict[int, list[float]] = {}  # crossing count -> the x positions with it
    for step in range(int(width * 0.3), int(width * 0.7), 2):
        x = float(step)
        left, right = sum(ln.x1 < x for ln in lines), sum(ln.x0 > x for ln in lines)
        crossing = len(lines) - left - right
        if crossing * 4 <= len(lines) and min(left, right) * 6 >= len(lines):
            runs.setdefault(crossing, []).append(x)
    if not runs:
        return None
    best = runs[min(runs)]
    return best[len(best) // 2]


def _reading_order(lines: list[Line], sizes: dict[int, tuple[float, float]]) -> list[tuple[Line, tuple]]:
    """Lines in reading order, each with the column it belongs to: (page, band, side)."""
    out: list[tuple[Line, tuple]] = []
    for page in sorted({ln.page for ln in lines}):
        on_page = sorted((ln for ln in lines if ln.page == page), key=lambda ln: (ln.top, ln.x0))
        gutter = _gutter(on_page, sizes[page][0])
        if gutter is None:
            out += [(ln, (page, 0, 0)) for ln in on_page]
            continue
        band, left, right = 0, [], []
        for ln in [*on_page, None]:
            if ln is None or ln.x0 < gutter < ln.x1:
                out += [(x, (page, band, 0)) for x in left] + [(x, (page, band, 1)) for x in right]
                left, right = [], []
                if ln is not None:
                    band += 1
                    out.append((ln, (page, band, 2)))
                    band += 1
            else:
                (left if ln.x1 <= gutter else right).append(ln)
    return out


class _Block:
    def __init__(self, kind: str, line: Line, column: tuple, indent: float, marker: str = "", ordered: bool = False,
                 text: str | None = None) -> None:
        self.kind, self.lines, self.column, self.indent = kind, [line], column, indent
        self.marker, self.ordered, self.texts = marker, ordered, [line.text if text is None else text]
        self.text_indent = indent  # where an item's text starts, after its marker


def _body_size(lines: list[Line]) -> float:
    weights = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    return weights.most_common(1)[0][0]


def _is_heading(line: Line, body: float) -> bool:
    text = line.text.strip()
    marker = split_marker(text)
    if len(text.split()) > _HEADING_WORDS or text[-1] in ".,;" or (marker and not (line.bold and marker[1])):
        return False  # a bulleted line is an item even in bold; a numbered one is a heading only in bold
    numbered = _NUMBERED_HEADING.match(text)
    return line.size >= body * 1.12 or line.bold or bool(numbered and "." in numbered.group(1))


def _blocks(ordered: list[tuple[Line, tuple]], body: float) -> list[_Block]:
    """Group lines into headings, paragraphs and list items."""
    lefts: dict[tuple, float] = {}
    for ln, column in ordered:
        lefts[column] = min(lefts.get(column, ln.x0), ln.x0)
    # The commonest gap between two body lines of a column, the second no list item, is the gap
    # inside a paragraph; a wider one separates paragraphs.
    gaps = Counter(round(b[0].top - a[0].bottom, 1) for a, b in itertools.pairwise(ordered)
                   if a[1] == b[1] and a[0].size == body == b[0].size and b[0].top > a[0].bottom - 1
                   and not split_marker(b[0].text.strip()))
    normal_gap = gaps.most_common(1)[0][0] if gaps else body * 0.3
    blocks: list[_Block] = []
    for ln, column in ordered:
        prev = blocks[-1] if blocks else None
        last = prev.lines[-1] if prev else None
        indent = ln.x0 - lefts[column]
        heading = _is_heading(ln, body)
        same_column = prev is not None and prev.column == column
        gap = ln.top - last.bottom if same_column and last else 0.0
        split = split_marker(ln.text.strip())
        if heading:
            if (prev and prev.kind == "heading" and same_column and gap < body and last.size == ln.size
                    and last.bold == ln.bold):
                prev.lines.append(ln)
                prev.texts.append(ln.text)
            else:
                blocks.append(_Block("heading", ln, column, indent))
            continue
        if split and not (prev and prev.kind == "item" and same_column and gap < normal_gap + 0.3 * body
                          and abs(indent - prev.text_indent) < 3):
            marker, is_ordered, rest = split
            block = _Block("item", ln, column, indent, marker, is_ordered, rest)
            block.text_indent = indent + (ln.x1 - ln.x0) - _width_share(ln, rest)
            blocks.append(block)
            continue
        continues = prev is not None and prev.kind != "heading" and (
            (same_column and gap <= normal_gap + 0.3 * body
             and (prev.kind != "item" or abs(indent - prev.text_indent) < 3 or indent > prev.indent + 3)
             and not (prev.kind == "paragraph" and indent > 8))
            or (not same_column and not prev.texts[-1].rstrip().endswith((".", "!", "?", ":"))))
        if continues:
            prev.lines.append(ln)
            prev.texts.append(ln.text)
        else:
            blocks.append(_Block("paragraph", ln, column, indent))
    return blocks


def _width_share(line: Line, rest: str) -> float:
    """Approximate width of the text after a marker, by its share of the characters."""
    return (line.x1 - line.x0) * len(rest) / max(1, len(line.text.strip()))


def _english() -> frozenset[str]:
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    return frozenset(line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())


def _joiner(texts: Iterable[str]):
    """join(left, right): two lines of a block as one text, a word hyphenated across them rejoined."""
    seen = Counter(w.lower() for t in texts for w in re.findall(r"[\w’'-]+", t))
    english: list[frozenset[str]] = []

    def is_word(w: str) -> bool:
        if not english:
            english.append(_english())
        return w.lower() in english[0]

    def join(left: str, right: str) -> str:
        left, right = left.rstrip(), right.lstrip()
        if left.endswith("\u00ad"):
            return left[:-1] + right
        m, n = re.search(r"(\w+)-$", left), re.match(r"([a-z]\w*)", right)
        if not (m and n):
            return left + " " + right
        head, tail = m.group(1), n.group(1)
        whole, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
        if seen[whole] and not seen[hyphened]:
            keep = False
        elif seen[hyphened]:
            keep = True
        else:
            keep = not is_word(whole) and is_word(head) and is_word(tail)
        return left + right if keep else left[:-1] + right

    return join


def _heading_levels(blocks: list[_Block]) -> dict[float, int]:
    sizes = sorted({b.lines[0].size for b in blocks if b.kind == "heading"}, reverse=True)
    return {size: min(i + 1, 6) for i, size in enumerate(sizes)}


def lay_out(lines: list[Line], sizes: dict[int, tuple[float, float]], meta_title: str = "") -> tuple[str, list[Piece]]:
    """Title and pieces of a PDF from its text lines."""
    lines = _drop_furniture(_merge_baselines(lines), sizes)
    if not lines:
        return "", []
    body = _body_size(lines)
    blocks = _blocks(_reading_order(lines, sizes), body)
    join = _joiner(ln.text for ln in lines)
    title = ""
    first_page = [b for b in blocks if b.lines[0].page == blocks[0].lines[0].page]
    biggest = max(b.lines[0].size for b in blocks)
    if first_page and first_page[0].kind == "heading" and first_page[0].lines[0].size == biggest > body:
        title = " ".join(first_page[0].texts)
        blocks.remove(first_page[0])
    elif meta_title.strip() and not _JUNK_TITLE.search(meta_title.strip()):
        title = meta_title
    for b in blocks:
        if b.kind == "heading" and (len(b.lines) > 3 or sum(len(t.split()) for t in b.texts) > 2 * _HEADING_WORDS):
            b.kind = "paragraph"  # a run of large type (an introduction set big) is text, not a heading
    levels = _heading_levels(blocks)
    pieces, stack = [], []  # stack: indents of the open list levels
    for b in blocks:
        text = b.texts[0]
        for more in b.texts[1:]:
            text = join(text, more)
        if b.kind == "heading":
            numbered = _NUMBERED_HEADING.match(text)
            level = numbered.group(1).count(".") + 1 if numbered else levels[b.lines[0].size]
            pieces.append(Piece("heading", text, level))
            stack = []
            continue
        if b.kind == "item":
            while stack and b.indent < stack[-1] - 3:
                stack.pop()
            if not stack or b.indent > stack[-1] + 3:
                stack.append(b.indent)
            pieces.append(Piece("item", text, depth=len(stack) - 1, ordered=b.ordered,
                                marker=b.marker if b.ordered else ""))
            continue
        stack = []
        pieces.append(Piece("paragraph", text))
    return title, pieces
