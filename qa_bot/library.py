"""A corpus folder as documents plus their index: built, or loaded from the on-disk cache."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from qa_bot import cache
from qa_bot.documents import Document
from qa_bot.index import Index
from qa_bot.loader import corpus_files, load_corpus

__all__ = ["load_library"]

log = logging.getLogger(__name__)


def _progress(label: str, enabled: bool, unit: str = "sections"):
    """A progress bar on an interactive terminal, nothing otherwise."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    def bar(items: Iterable) -> Iterable:
        total = len(items) if hasattr(items, "__len__") else None
        return tqdm(items, desc=label, unit=f" {unit}", total=total, leave=False, file=sys.stderr, mininterval=0.5)

    return bar


def load_library(folder: Path, variant: str = "plus", cache_dir: Path | None = None,
                 progress: bool = False) -> tuple[list[Document], Index]:
    """Documents and index for a folder; CorpusError if it is unusable.

    A cache file that is missing, foreign, stale or corrupt is ignored and rebuilt; failing to write
    it is only logged.
    """
    files = corpus_files(folder)
    path = key = None
    if cache_dir is not None:
        key = cache.cache_key(files, {"variant": variant})
        path = cache_dir / f"index-{key[:32]}.npz"
        if path.exists():
            started = time.perf_counter()
            try:
                documents, arrays, skipped = cache.load(path, key)
            except Exception as exc:  # whatever is wrong with the file, rebuilding is the answer
                log.warning("ignoring index cache %s (%s); rebuilding", path, exc)
            else:
                for note in skipped:
                    log.warning("%s", note)
                log.info("loaded the index of %d document%s from %s in %.2f s", len(documents),
                         "" if len(documents) == 1 else "s", path,
                         time.perf_counter() - started)
                documents = _in_folder(documents, files)
                return documents, Index.from_arrays(documents, arrays, variant)
    notes: list[str] = []
    handler = _Collect(notes)
    logging.getLogger("qa_bot.loader").addHandler(handler)
    try:
        documents = _in_folder(load_corpus(folder), files)
    finally:
        logging.getLogger("qa_bot.loader").removeHandler(handler)
    index = Index(documents, variant=variant, progress=_progress("indexing", progress),
                  embedding_progress=_progress("embedding", progress, "units"))
    if handler.transient:
        log.info("not caching the index: a file could not be read this time and may be next time")
    elif path is not None and key is not None:
        try:
            cache.save(path, key, documents, index, notes)
        except OSError as exc:
            log.warning("could not write the index cache %s: %s", path, exc)
    return documents, index


def _in_folder(documents: list[Document], files: list[Path]) -> list[Document]:
    """The documents with the absolute paths of this folder's files."""
    # The cache is keyed by the files' names and bytes, so it may have been built from a copy of the folder
    # elsewhere, or from a path relative to another working directory: the original file is the one here.
    here = {f.name: str(f.resolve()) for f in files if f.is_file()}  # a link that loops was skipped, not resolved
    return [replace(d, path=here.get(Path(d.path).name, d.path)) for d in documents]


class _Collect(logging.Handler):
    """Keeps the loader's warnings (skipped files) so a cached load can repeat them."""

    def __init__(self, notes: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.notes = notes
        self.transient = False

    def emit(self, record: logging.LogRecord) -> None:
        self.notes.append(record.getMessage())
        self.transient = self.transient or getattr(record, "transient", False)
