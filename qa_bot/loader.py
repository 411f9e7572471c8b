"""Corpus folders: which files are documents, and which format reader turns each into a Document."""

from __future__ import annotations

import logging
from pathlib import Path

from qa_bot.documents import Document
from qa_bot.errors import CorpusError
from qa_bot.formats import plain
from qa_bot.formats.build import assemble
from qa_bot.formats.errors import Unreadable
from qa_bot.formats.sandbox import Sandbox
from qa_bot.surrogates import has_lone_surrogate

__all__ = ["FORMATS", "MAX_FILE_BYTES", "corpus_files", "load_corpus", "load_document"]

log = logging.getLogger(__name__)

# suffix -> reader: text and Markdown are parsed in this process, the others in the sandbox
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "webpage", ".htm": "webpage",
           ".pdf": "pdf", ".docx": "word"}
_MiB = 2**20
MAX_FILE_BYTES = {"text": 20 * _MiB, "markdown": 20 * _MiB, "webpage": 5 * _MiB, "pdf": 20 * _MiB, "word": 20 * _MiB}


def corpus_files(folder: Path) -> list[Path]:
    """The document files of a corpus folder, sorted by name; hidden files are ignored."""
    if not folder.exists():
        raise CorpusError(f"corpus folder {folder} does not exist; pass --corpus or set QA_BOT_CORPUS")
    if not folder.is_dir():
        raise CorpusError(f"corpus path {folder} is not a folder; pass a folder of documents")
    # Not only regular files: a broken link or a pipe named like a document is reported when loading, not ignored.
    return sorted(
        p for p in folder.iterdir()
        if p.suffix.lower() in FORMATS and not p.name.startswith((".", "_")) and not p.is_dir()
    )


def readable_name(path: Path) -> bool:
    """True if the file's name is UTF-8 text: ids, citations and links are made from it."""
    return not has_lone_surrogate(path.name)  # Python keeps undecodable name bytes as lone surrogates


def load_document(path: Path, sandbox: Sandbox | None = None) -> Document:
    """Load one document file of any supported format; Unreadable (a ValueError) says why not."""
    reader = FORMATS.get(path.suffix.lower())
    if reader is None:
        raise Unreadable(f"{path.suffix or 'no suffix'} is not a supported document format")
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file")
    if size > MAX_FILE_BYTES[reader]:
        raise Unreadable(f"larger than the {MAX_FILE_BYTES[reader] // _MiB} MiB allowed for this format")
    if reader in ("text", "markdown"):
        doc = plain.read_document(path, path.read_bytes(), markdown=reader == "markdown")
    else:
        own = sandbox is None
        sandbox = sandbox or Sandbox()
        try:
            found = sandbox.read(reader, path)
        finally:
            if own:
                sandbox.close()
        for note in found.notes:
            log.warning("%s: %s", path.name, note)
        doc = assemble(path.stem, str(path), found.title, found.pieces)
    if not any(s.units for s in doc.sections):
        raise Unreadable("no readable text found")
    return doc


def load_corpus(folder: str | Path) -> list[Document]:
    """Load every document of a folder; unusable files are skipped with a warning naming them."""
    folder = Path(folder)
    documents = []
    owner: dict[str, str] = {}  # document id -> the file that has it
    with Sandbox() as sandbox:
        for path in corpus_files(folder):
            if not readable_name(path):
                shown = path.name.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
                log.warning("skipping %s: its name is not UTF-8 text (saved by another system?); rename it", shown)
                continue
            if not path.is_file():
                log.warning("skipping %s: not a regular file (a broken or looping link, a pipe or a device)",
                            path.name)
                continue
            if path.stem in owner:
                # Ids name documents in citations and URLs: handout.pdf and handout.docx cannot both be "handout".
                log.warning("skipping %s: %s already has the document id %r", path.name, owner[path.stem], path.stem)
                continue
            try:
                documents.append(load_document(path, sandbox))
            except (ValueError, OSError) as exc:
                # A time-out or crash may not happen next time: the library is not cached with it.
                log.warning("skipping %s: %s", path.name, exc, extra={"transient": getattr(exc, "transient", False)})
                continue
            owner[path.stem] = path.name
    if not documents:
        raise CorpusError(
            f"corpus folder {folder} has no loadable documents (.txt, .md, .html, .pdf, .docx); "
            "add documents or set QA_BOT_CORPUS"
        )
    return documents
