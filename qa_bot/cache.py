"""The built index on disk: keyed by the corpus files and the analysis code, numpy's own format.

Nothing is pickled: ``numpy.load(..., allow_pickle=False)`` reads only plain arrays, so a cache file
someone else wrote can at worst be wrong data, which is checked and then rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections import Counter
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.documents import Document, LazySections, SectionTable
from qa_bot.vectors import ARRAYS as VECTOR_ARRAYS

__all__ = ["cache_key", "load", "load_arrays", "load_vectors", "save", "save_arrays", "save_vectors"]

log = logging.getLogger(__name__)
FORMAT = 4  # bump when the file layout changes
_CODE = ("documents.py", "loader.py", "parse.py", "elements.py", "headings.py", "text.py", "index.py", "cache.py",
         "embedding.py", "vectors.py", "formats/build.py", "formats/plain.py", "formats/sandbox.py",
         "formats/webpage.py", "formats/pdf.py", "formats/pdf_layout.py", "formats/word.py")
_READER_LIBRARIES = ("lxml", "pdfminer.six", "python-docx", "trafilatura")  # what they extract is part of the index
_DATA = ("stopwords.txt", "question_frame.txt", "boilerplate.txt", "model/manifest.json")
_KINDS = ("paragraph", "item")


def cache_key(files: list[Path], settings: dict[str, Any]) -> str:
    """SHA-256 of the corpus files (names and bytes), the analysis code and data, and settings."""
    digest = hashlib.sha256(json.dumps({"format": FORMAT, **settings}, sort_keys=True).encode())
    package = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((package / name).read_bytes())
    for library in _READER_LIBRARIES:
        digest.update(f"{library} {_version(library)}\0".encode())
    for name in _DATA:
        digest.update(resources.files("qa_bot.data").joinpath(name).read_bytes())
    for path in files:
        digest.update(os.fsencode(path.name) + b"\0")  # a name that is not UTF-8 is skipped, but it keys the cache
        # Only regular files are read: a pipe would block, a broken link has nothing to read.
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"not a file")
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def _pack(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode("utf-8", "surrogatepass") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _unpack(blob: np.ndarray, offsets: np.ndarray) -> list[str]:
    raw = blob.tobytes()
    bounds = offsets.tolist()
    return [raw[bounds[i]:bounds[i + 1]].decode("utf-8", "surrogatepass") for i in range(len(bounds) - 1)]


def _write(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez to path atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_arrays(path: Path, key: str, arrays: dict[str, np.ndarray]) -> None:
    """Arrays computed from some inputs (the message-kind exemplars), under the key of those inputs."""
    _write(path, {**arrays, "key": np.frombuffer(key.encode(), dtype=np.uint8)})


def load_arrays(path: Path, key: str) -> dict[str, np.ndarray]:
    """Arrays saved by save_arrays; ValueError if they were made from other inputs."""
    with np.load(path, allow_pickle=False) as z:
        if z["key"].tobytes().decode() != key:
            raise ValueError("made from other inputs")
        return {name: z[name] for name in z.files if name != "key"}


def save_vectors(path: Path, key: str, vectors: np.ndarray) -> None:
    """Vectors computed from some texts, under the key of those texts."""
    save_arrays(path, key, {"vectors": vectors})


def load_vectors(path: Path, key: str, rows: int) -> np.ndarray:
    """Vectors saved by save_vectors; ValueError if they were made from other texts or are damaged."""
    vectors = load_arrays(path, key)["vectors"]
    if vectors.dtype != np.float32 or vectors.ndim != 2 or len(vectors) != rows:
        raise ValueError("cached vectors do not fit their texts")
    return vectors


def save(path: Path, key: str, documents: list[Document], index: Any, skipped: list[str]) -> None:
    """Write the documents and index arrays to path (atomically: a reader never sees half a file)."""
    sections = [s for d in documents for s in d.sections]
    blocks = [b for s in sections for b in s.blocks]
    units = [u for s in sections for u in s.units]
    arrays: dict[str, np.ndarray] = {}
    for name, strings in (("doc_id", [d.id for d in documents]), ("doc_title", [d.title for d in documents]),
                          ("doc_path", [d.path for d in documents]), ("doc_text", [d.text for d in documents]),
                          ("heading", [s.heading for s in sections]), ("anchor", [s.anchor for s in sections]),
                          ("unit_text", [u.text for u in units]), ("term", index.terms),
                          ("word", list(index.words)), ("skipped", skipped)):
        arrays[name], arrays[name + "_offsets"] = _pack(strings)
    arrays["word_count"] = np.fromiter(index.words.values(), dtype=np.int64, count=len(index.words))
    arrays["doc_sections"] = np.array([len(d.sections) for d in documents], dtype=np.int64)
    arrays["section"] = np.array([(s.level, s.start, s.end, len(s.blocks), len(s.units)) for s in sections],
                                 dtype=np.int64).reshape(-1, 5)
    arrays["block"] = np.array([(_KINDS.index(b.kind), b.start, b.end, b.depth, b.ordered) for b in blocks],
                               dtype=np.int64).reshape(-1, 5)
    arrays["unit"] = np.array([(u.start, u.end, u.block, u.depth, -1 if u.parent is None else u.parent)
                               for u in units], dtype=np.int64).reshape(-1, 5)
    for name in ("p_section", "p_first", "p_last", "indptr", "indices", "data", "const", "doc_len", "df"):
        arrays[name] = np.asarray(getattr(index, name))
    arrays.update(index.vectors.to_arrays())
    arrays["key"] = np.frombuffer(key.encode(), dtype=np.uint8)
    _write(path, arrays)


def load(path: Path, key: str) -> tuple[list[Document], dict[str, Any], list[str]]:
    """Documents, index arrays and skipped-file notes from path; ValueError if foreign or corrupt."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {name: z[name] for name in z.files}
    if arrays["key"].tobytes().decode() != key:
        raise ValueError("cache was built from other files or code")
    strings = {name: _unpack(arrays[name], arrays[name + "_offsets"])
               for name in ("doc_id", "doc_title", "doc_path", "doc_text", "heading", "anchor", "term", "word",
                            "skipped")}
    unit_blob, unit_offsets = arrays["unit_text"].tobytes(), arrays["unit_text_offsets"]

    def unit_text(i: int) -> str:
        return unit_blob[int(unit_offsets[i]):int(unit_offsets[i + 1])].decode("utf-8", "surrogatepass")

    counts = arrays["doc_sections"].tolist()
    doc_of_section = [d for d, count in enumerate(counts) for _ in range(count)]
    rows = arrays["section"].tolist()
    table = SectionTable(strings["doc_id"], doc_of_section, rows, strings["heading"], strings["anchor"],
                         arrays["block"].tolist(), arrays["unit"].tolist(), unit_text, _KINDS)
    if table.block_start[-1] != len(arrays["block"]) or table.unit_start[-1] != len(unit_offsets) - 1 \
            or len(rows) != len(doc_of_section):
        raise ValueError("cache arrays do not fit together")
    documents, first = [], 0
    for d, count in enumerate(counts):
        documents.append(Document(strings["doc_id"][d], strings["doc_title"][d], strings["doc_path"][d],
                                  strings["doc_text"][d], LazySections(table, first, first + count)))
        first += count
    s_i = len(rows)
    index_arrays = {name: arrays[name] for name in
                    ("p_section", "p_first", "p_last", "indptr", "indices", "data", "const", "doc_len", "df",
                     *VECTOR_ARRAYS)}
    index_arrays["terms"] = strings["term"]
    index_arrays["words"] = Counter(dict(zip(strings["word"], arrays["word_count"].tolist(), strict=True)))
    if len(index_arrays["section_start"]) != s_i + 1 or len(index_arrays["indptr"]) != len(strings["term"]) + 1 or (
            len(index_arrays["p_section"]) and index_arrays["p_section"].max() >= s_i):
        raise ValueError("cache index does not fit its documents")
    return documents, index_arrays, strings["skipped"]
