"""Word (.docx) files: headings from paragraph styles, list items from numbering, with python-docx.

Runs in the sandbox. Body text, tables and content controls are read in order; page headers and
footers, footnotes, comments, deleted text and text boxes are not part of the body and are dropped.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.oxml.ns import qn

from qa_bot.formats.build import Extracted, Piece, split_marker
from qa_bot.formats.errors import Unreadable

__all__ = ["MAX_PARTS", "MAX_UNPACKED_BYTES", "read"]

MAX_PARTS = 2000  # files inside the archive
MAX_UNPACKED_BYTES = 100 * 2**20  # their declared sizes together (zip bombs declare theirs, or fail the CRC)
_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_VAL = qn("w:val")
_TEXT = ("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r")
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
_LIST_NAME = re.compile(r"^list (?:bullet|number|continue|paragraph) ([2-9])$", re.IGNORECASE)
_BOLD_HEADING_WORDS = 12
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _check_archive(data: bytes) -> None:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise Unreadable("password-protected (encrypted) or an old binary .doc file; save it as .docx")
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise Unreadable("corrupt or not a Word file (not a zip archive)") from None
    if len(members) > MAX_PARTS:
        raise Unreadable(f"its archive holds more than {MAX_PARTS} files")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable(f"it would unpack to {unpacked // 2**20:,} MiB, over the {MAX_UNPACKED_BYTES // 2**20} MiB "
                         "allowed (a zip bomb?)")
    if not any(m.filename == "word/document.xml" for m in members):
        raise Unreadable("not a Word document (no word/document.xml)")


def _paragraphs(container):
    """The w:p elements of a body, table cell or content control, in reading order."""
    for child in container.iterchildren():
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            for cell in (c for row in child.iterchildren(_TR) for c in row.iterchildren(_TC)):
                yield from _paragraphs(cell)
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _paragraphs(content)


def _text(p) -> str:
    out = []
    for run in p.xpath(_TEXT):
        for node in run.iterchildren():
            if node.tag == qn("w:t"):
                out.append(node.text or "")
            elif node.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                out.append(" ")
    return " ".join("".join(out).split())


def _bold(p) -> bool:
    """Every run with text is bold (w:b present and not switched off)."""
    runs = [r for r in p.xpath(_TEXT) if "".join(r.xpath("./w:t/text()")).strip()]
    switches = [r.find(f"{qn('w:rPr')}/{qn('w:b')}") for r in runs]
    return bool(runs) and all(b is not None and b.get(_VAL, "true") not in ("0", "false") for b in switches)


class _Styles:
    """Heading levels and list numbering a paragraph gets from its own properties or its style chain."""

    def __init__(self, document) -> None:
        self.by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.iterchildren(qn("w:style"))}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.abstract = {}
        self.nums = {}
        if numbering is not None:
            for a in numbering.iterchildren(qn("w:abstractNum")):
                self.abstract[a.get(qn("w:abstractNumId"))] = {lvl.get(qn("w:ilvl")): lvl for lvl in a.iterchildren(qn("w:lvl"))}
            for num in numbering.iterchildren(qn("w:num")):
                ref = num.find(qn("w:abstractNumId"))
                self.nums[num.get(qn("w:numId"))] = self.abstract.get(ref.get(_VAL) if ref is not None else None, {})
        self.counters: dict[tuple[str, int], int] = {}

    def chain(self, p):
        """The paragraph's pPr, then its style's, then the style's base styles' (at most 20)."""
        ppr = p.find(qn("w:pPr"))
        yield ppr
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(_VAL) if style is not None else None
        for _ in range(20):
            element = self.by_id.get(style_id)
            if element is None:
                return
            yield element
            based = element.find(qn("w:basedOn"))
            style_id = based.get(_VAL) if based is not None else None

    def kind(self, p) -> tuple[str, int]:
        """("title", 0), ("heading", level) or ("body", 0)."""
        for element in self.chain(p):
            if element is None:
                continue
            name = element.find(qn("w:name"))
            name = (name.get(_VAL) or "") if name is not None else ""
            if name.lower() == "title":
                return "title", 0
            if m := _HEADING_NAME.match(name):
                return "heading", int(m.group(1))
            ppr = element if element.tag == qn("w:pPr") else element.find(qn("w:pPr"))
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            if outline is not None and (outline.get(_VAL) or "").isdigit() and int(outline.get(_VAL)) < 9:
                return "heading", int(outline.get(_VAL)) + 1
        return "body", 0

    def numbering(self, p) -> tuple[int, bool, str] | None:
        """(depth, ordered, marker) of a numbered or bulleted paragraph, None for any other."""
        for element in self.chain(p):
            ppr = element if element is None or element.tag == qn("w:pPr") else element.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if numpr is None:
                continue
            num_id = numpr.find(qn("w:numId"))
            num_id = num_id.get(_VAL) if num_id is not None else None
            if num_id in (None, "0"):
                return None
            level = numpr.find(qn("w:ilvl"))
            depth = int(level.get(_VAL)) if level is not None and (level.get(_VAL) or "").isdigit() else 0
            return self._marker(num_id, min(max(depth, self._style_depth(p)), 8))
        return None

    def _style_depth(self, p) -> int:
        """Nesting named by the style ("List Bullet 2"), for lists that nest by style, not by level."""
        for element in self.chain(p):
            name = element.find(qn("w:name")) if element is not None and element.tag == qn("w:style") else None
            if name is not None and (m := _LIST_NAME.match(name.get(_VAL) or "")):
                return int(m.group(1)) - 1
        return 0

    def _marker(self, num_id: str, depth: int) -> tuple[int, bool, str]:
        levels = self.nums.get(num_id, {})
        lvl = levels.get(str(depth))
        fmt = lvl.find(qn("w:numFmt")) if lvl is not None else None
        fmt = (fmt.get(_VAL) if fmt is not None else None) or "bullet"
        if fmt in ("bullet", "none"):
            return depth, False, ""
        for key in [k for k in self.counters if k[0] == num_id and k[1] > depth]:
            del self.counters[key]  # a deeper list restarts after its parent item
        start = lvl.find(qn("w:start")) if lvl is not None else None
        first = int(start.get(_VAL)) if start is not None and (start.get(_VAL) or "").isdigit() else 1
        n = self.counters[num_id, depth] = self.counters.get((num_id, depth), first - 1) + 1
        pattern = lvl.find(qn("w:lvlText")) if lvl is not None else None
        pattern = (pattern.get(_VAL) if pattern is not None else None) or f"%{depth + 1}."
        marker = pattern.replace(f"%{depth + 1}", _format(n, fmt))
        marker = re.sub(r"%(\d)", lambda m: _format(self.counters.get((num_id, int(m.group(1)) - 1), 1),
                                                     _fmt(levels, int(m.group(1)) - 1)), marker)
        return depth, True, marker.strip() or f"{n}."


def _fmt(levels, depth: int) -> str:
    lvl = levels.get(str(depth))
    fmt = lvl.find(qn("w:numFmt")) if lvl is not None else None
    return (fmt.get(_VAL) if fmt is not None else None) or "decimal"


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for numeral, value in _ROMAN:
            while n >= value:
                out, n = out + numeral, n - value
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


def read(data: bytes) -> Extracted:
    """Title and pieces of a .docx file; Unreadable if it is not one or is over the limits."""
    _check_archive(data)
    document = docx.Document(io.BytesIO(data))
    styles = _Styles(document)
    title, pieces = "", []
    for p in _paragraphs(document.element.body):
        text = _text(p)
        if not text:
            continue
        kind, level = styles.kind(p)
        if kind == "title":
            title = title or text
            continue
        if kind == "heading":
            pieces.append(Piece("heading", text, level))
            continue
        numbered = styles.numbering(p)
        if numbered is not None:
            depth, ordered, marker = numbered
            pieces.append(Piece("item", text, depth=depth, ordered=ordered, marker=marker))
        elif (typed := split_marker(text)) is not None:
            marker, ordered, rest = typed
            pieces.append(Piece("item", rest, ordered=ordered, marker=marker if ordered else ""))
        elif _bold(p) and len(text.split()) <= _BOLD_HEADING_WORDS and text[-1] not in ".:;,":
            pieces.append(Piece("heading", text, 6))  # bold standalone line: a heading typed by hand
        else:
            pieces.append(Piece("paragraph", text))
    if not title:
        title = (document.core_properties.title or "").strip()
        if title.lower().startswith("microsoft word -"):
            title = ""
    if not title and pieces and pieces[0].kind == "heading":
        title, pieces = pieces[0].text, pieces[1:]
    if not pieces:
        raise Unreadable("no text in the document body")
    return Extracted(title, pieces)
