"""PDF files: text lines with their fonts and positions from pdfminer.six, laid out by pdf_layout.

Runs in the sandbox. A PDF that needs a password, or has no text layer (a scan), is unreadable;
one longer than MAX_PAGES is read up to there, with a note.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTFigure, LTTextBox, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from qa_bot.formats.build import Extracted
from qa_bot.formats.errors import Unreadable
from qa_bot.formats.pdf_layout import Line, lay_out

__all__ = ["MAX_PAGES", "read"]

MAX_PAGES = 60  # a patient booklet; about 7 s of pdfminer on this project's machine
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_LIGATURES = dict.fromkeys(map(ord, "ﬀﬁﬂﬃﬄﬅﬆ"))


def _clean(text: str) -> str:
    """Ligatures as letters; a glyph with no Unicode at a line's start (a symbol-font bullet) as "•"."""
    text = "".join(unicodedata.normalize("NFKC", c) if ord(c) in _LIGATURES else c for c in text)
    text = _UNMAPPED.sub("", _UNMAPPED.sub("•", text.lstrip(), count=1) if text.lstrip().startswith("(cid:") else text)
    return text.replace("\u00a0", " ").rstrip("\n")


def _line(line: LTTextLineHorizontal, page: int, height: float) -> Line | None:
    chars = [c for c in line if isinstance(c, LTChar)]
    text = _clean(line.get_text())
    if not chars or not text.strip():
        return None
    size = statistics.median(c.size for c in chars)
    bold = sum(bool(_BOLD.search(c.fontname)) for c in chars) * 2 > len(chars)
    return Line(page, line.x0, line.x1, height - line.y1, height - line.y0, round(size, 1), bold, text)


def _lines(container, page: int, height: float):
    """Horizontal text lines of a page's layout (in boxes, loose, or in figures) as Line records."""
    for obj in container:
        if isinstance(obj, LTTextLineHorizontal):
            if (line := _line(obj, page, height)) is not None:
                yield line
        elif isinstance(obj, (LTTextBox, LTFigure)):
            yield from _lines(obj, page, height)


def _meta_title(document: PDFDocument) -> str:
    for info in document.info:
        title = resolve1(info.get("Title"))
        if isinstance(title, bytes):
            if title[:2] in (b"\xfe\xff", b"\xff\xfe"):
                return title.decode("utf-16", "replace")
            return title.decode("latin-1")
        if isinstance(title, str):
            return title
    return ""


def read(data: bytes) -> Extracted:
    """Title and pieces of a PDF; Unreadable if it is encrypted, corrupt or has no text."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        raise Unreadable("encrypted: it needs a password to open") from None
    except PDFEncryptionError as exc:
        raise Unreadable(f"encrypted in a way that cannot be read ({exc})") from None
    try:
        declared = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except (KeyError, TypeError, ValueError):
        declared = 0
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    lines, sizes, notes, pages = [], {}, [], 0
    for number, page in enumerate(PDFPage.create_pages(document)):
        if number == MAX_PAGES:
            notes.append(f"only the first {MAX_PAGES} of {declared:,} pages were read")
            break
        interpreter.process_page(page)
        layout = device.get_result()
        sizes[number] = (layout.width, layout.height)
        lines.extend(_lines(layout, number, layout.height))
        pages += 1
    if not pages:
        raise Unreadable("no pages")
    if not lines:
        raise Unreadable("no text layer (a scanned or image-only PDF?)")
    title, pieces = lay_out(lines, sizes, _meta_title(document))
    return Extracted(title, pieces, tuple(notes))
