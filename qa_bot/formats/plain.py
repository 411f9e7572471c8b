"""Plain-text and Markdown files: decoded here, their structure found by qa_bot.parse."""

from __future__ import annotations

import codecs
from pathlib import Path

from qa_bot.documents import Document
from qa_bot.formats.errors import Unreadable
from qa_bot.parse import parse_markdown, parse_plain

__all__ = ["read_document", "read_text"]


def read_text(raw: bytes) -> str:
    """The bytes of a text file as a string with \\n line ends, or Unreadable saying why not."""
    # Windows editors save "Unicode" text as UTF-16 with a byte-order mark: as readable as UTF-8.
    encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    if encoding != "utf-16" and b"\x00" in raw:
        raise Unreadable("binary file (contains NUL bytes; UTF-16 text needs its byte-order mark)")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not {'UTF-16' if encoding == 'utf-16' else 'UTF-8'} text (byte {exc.start})") from None
    if "\x00" in text:
        raise Unreadable("binary file (contains NUL characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Unreadable("no text, only white space")
    return text


def read_document(path: Path, raw: bytes, markdown: bool) -> Document:
    """A .txt or .md file as a Document."""
    text = read_text(raw)
    title, sections = (parse_markdown if markdown else parse_plain)(text, path.stem)
    return Document(id=path.stem, title=title, path=str(path), text=text, sections=tuple(sections))
