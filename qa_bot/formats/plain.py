"""Plain-text and Markdown files: decoded here, their structure found by qa_bot.parse."""

from __future__ import annotations

from pathlib import Path

from qa_bot.documents import Document
from qa_bot.formats.errors import Unreadable
from qa_bot.parse import parse_markdown, parse_plain

__all__ = ["read_document", "read_text"]


def read_text(raw: bytes) -> str:
    """The bytes of a text file as a string with \\n line ends, or Unreadable saying why not."""
    if b"\x00" in raw:
        raise Unreadable("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Unreadable("no text, only white space")
    return text


def read_document(path: Path, raw: bytes, markdown: bool) -> Document:
    """A .txt or .md file as a Document."""
    text = read_text(raw)
    title, sections = (parse_markdown if markdown else parse_plain)(text, path.stem)
    return Document(id=path.stem, title=title, path=str(path), text=text, sections=tuple(sections))
