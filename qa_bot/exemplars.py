"""The exemplar messages of each kind (qa_bot/data/intents/*.txt), their vectors, and how close a message is to each kind.

A clinic can read and extend the files, and a corpus folder may add its own intents/*.txt. The
vectors are embedded once per set of files and kept in the index cache folder.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from importlib import resources
from pathlib import Path

import numpy as np

from qa_bot import cache
from qa_bot.embedding import Encoder, build_threads

__all__ = ["NEAREST", "SAFETY_KINDS", "Exemplars"]

log = logging.getLogger(__name__)
NEAREST = 10  # exemplars whose mean similarity scores a kind (measured best of 1, 3, 5, 10, 20, left out in turn)
SAFETY_KINDS = ("crisis", "emergency")


class Exemplars:
    """Labelled example messages and their vectors."""

    def __init__(self, labels: list[str], texts: list[str], vectors: np.ndarray, key: str = "") -> None:
        self.labels, self.texts, self.vectors, self.key = labels, texts, vectors, key
        kinds = sorted(set(labels))
        # Column indices of each kind, and of the two groups the decision weighs (all safety, all small talk).
        self.columns = {kind: np.flatnonzero([label == kind for label in labels]) for kind in kinds}
        self.columns["safety"] = np.flatnonzero([label in SAFETY_KINDS for label in labels])
        self.columns["smalltalk"] = np.flatnonzero([label.startswith("smalltalk:") for label in labels])

    @staticmethod
    def read(extra: Path | None = None) -> tuple[list[str], list[str]]:
        """(label, text) of every exemplar: the bundled files, plus a corpus folder's intents/ files."""
        labels, texts = [], []
        sources = [resources.files("qa_bot.data").joinpath("intents")]
        if extra is not None and extra.is_dir():
            sources.append(extra)
        for folder in sources:
            for entry in sorted(folder.iterdir(), key=lambda e: e.name):
                if not entry.name.endswith(".txt"):
                    continue
                label = entry.name[:-4].replace("smalltalk-", "smalltalk:")
                for line in entry.read_text(encoding="utf-8").splitlines():
                    if line.strip() and not line.lstrip().startswith("#"):
                        labels.append(label)
                        texts.append(line.strip())
        return labels, texts

    @classmethod
    def load(cls, encoder: Encoder, extra: Path | None = None, cache_dir: Path | None = None) -> Exemplars:
        """The exemplars with their vectors: embedded once per set of files, kept in the cache folder."""
        labels, texts = cls.read(extra)
        key = hashlib.sha256("\n".join(f"{a}\t{b}" for a, b in zip(labels, texts, strict=True)).encode()
                             + encoder.fingerprint.encode()).hexdigest()
        with _lock:
            if key not in _vectors:
                _vectors[key] = _cached(encoder, texts, key, cache_dir)
            elif cache_dir is not None:
                _keep(_vectors[key], key, cache_dir)  # embedded earlier in this process: keep them for the next
        return cls(labels, texts, _vectors[key], key)

    def scores(self, similarities: np.ndarray) -> dict[str, np.ndarray]:
        """Each kind's and group's mean similarity over its NEAREST closest exemplars, and ("kind@1") its closest.

        ``similarities`` is one message's row (n,) or many messages' rows (m, n); the scores have
        the shape () or (m,) accordingly.
        """
        out = {}
        for kind, columns in self.columns.items():
            sims = similarities[..., columns]
            k = min(NEAREST, sims.shape[-1])
            if not k:
                out[kind] = np.full(sims.shape[:-1], -1.0)
                continue
            top = np.partition(sims, sims.shape[-1] - k, axis=-1)[..., -k:]
            out[kind] = top.mean(axis=-1)
            if kind in ("safety", "question", "smalltalk"):
                out[kind + "@1"] = top.max(axis=-1)  # the single closest: a near-copy of one exemplar counts
        return out


_vectors: dict[str, np.ndarray] = {}  # exemplar vectors, per set of exemplar files
_lock = threading.Lock()


def _path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"intents-{key[:32]}.npz"


def _cached(encoder: Encoder, texts: list[str], key: str, cache_dir: Path | None) -> np.ndarray:
    """The exemplars' vectors from the cache folder, else embedded now (and saved there)."""
    if cache_dir is not None and _path(cache_dir, key).exists():
        try:
            return cache.load_vectors(_path(cache_dir, key), key, len(texts))
        except Exception as exc:  # whatever is wrong with the file, embedding again is the answer
            log.warning("ignoring cached exemplar vectors %s (%s)", _path(cache_dir, key), exc)
    vectors = encoder.encode(texts, threads=build_threads())
    if cache_dir is not None:
        _keep(vectors, key, cache_dir)
    return vectors


def _keep(vectors: np.ndarray, key: str, cache_dir: Path) -> None:
    """Save the exemplars' vectors in the cache folder unless they are there already."""
    path = _path(cache_dir, key)
    if path.exists():
        return
    try:
        cache.save_vectors(path, key, vectors)
    except OSError as exc:
        log.warning("could not write %s: %s", path, exc)
