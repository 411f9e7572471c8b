"""Sentence embeddings: the only module that uses ONNX Runtime and `tokenizers`.

The model is all-MiniLM-L6-v2, exported to ONNX and quantised to int8 by scripts/export_model.py,
shipped in qa_bot/data/model/. It runs in-process on the CPU: no torch, no download.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from qa_bot.errors import ModelError

__all__ = ["DIMENSIONS", "Encoder", "shared_encoder"]

DIMENSIONS = 384
MAX_TOKENS = 128  # questions and units are sentences; the model was trained on 128-token pieces
QUESTION_CACHE = 4096
BATCH = 16  # texts per model call when embedding a corpus (8-32 measured alike; 1 is half the speed)
STRETCH = 8192  # texts tokenized and ordered by length together


def _model_folder() -> Path:
    return Path(str(resources.files("qa_bot.data").joinpath("model")))


class Encoder:
    """Turns texts into unit-length vectors whose dot product is their cosine similarity."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or _model_folder()
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            options = ort.SessionOptions()
            # One thread per call: a server runs one question per worker at a time, and a single-threaded
            # session has no thread pool to break when gunicorn forks.
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(folder / "model.onnx"), options,
                                                 providers=["CPUExecutionProvider"])
            self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except (OSError, ValueError, RuntimeError, ImportError) as exc:
            raise ModelError(f"cannot load the sentence-embedding model from {folder}: {exc}; "
                             "reinstall qa-bot (pip install -e .)") from None
        # The shipped tokenizer pads everything to a fixed length; pad per batch instead.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.fingerprint = manifest["files"]["model.onnx"]
        self._question = lru_cache(maxsize=QUESTION_CACHE)(self._encode_one)

    def encode(self, texts: Sequence[str], threads: int = 1,
               progress: Callable[[Iterable], Iterable] | None = None) -> np.ndarray:
        """Vectors of many texts, rows in input order; float32, L2-normalised.

        Texts run in batches of similar length (little padding): nearly twice the throughput of one
        at a time. The int8 model scales activations per call, so a text's vector moves slightly
        with its batch (cosine ≥ 0.98 to its vector alone); the order is fixed, so a corpus always
        gets the same vectors, fresh or cached.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        steps = iter(progress(range(len(texts)))) if progress else None
        with ThreadPoolExecutor(max(1, threads)) as pool:
            # A stretch at a time: token ids for a whole library would take more memory than its vectors.
            for first in range(0, len(texts), STRETCH):
                ids = [e.ids for e in self._tokenizer.encode_batch([_clean(t) for t in texts[first:first + STRETCH]])]
                order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i))
                batches = [order[k:k + BATCH] for k in range(0, len(order), BATCH)]

                def run(rows: list[int], ids: list[list[int]] = ids, first: int = first) -> int:
                    out[[first + i for i in rows]] = self._run([ids[i] for i in rows])
                    return len(rows)

                # ONNX Runtime releases the GIL while it runs, so threads share the one session.
                for done in pool.map(run, batches):
                    _advance(steps, done)
        return out

    def question(self, text: str) -> np.ndarray:
        """The vector of one message (cached: the same words come back often)."""
        return self._question(text)

    def _encode_one(self, text: str) -> np.ndarray:
        vector = self._run([self._tokenizer.encode(_clean(text)).ids])[0]
        vector.flags.writeable = False
        return vector

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros_like(tokens)
        for r, row in enumerate(ids):
            tokens[r, :len(row)] = row
            mask[r, :len(row)] = 1
        states = self._session.run(None, {"input_ids": tokens, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(tokens)})[0]
        # Mean over the real tokens, then unit length: sentence-transformers' pooling for this model.
        summed = np.einsum("btd,bt->bd", states, mask.astype(np.float32)) / mask.sum(axis=1, keepdims=True)
        return (summed / np.linalg.norm(summed, axis=1, keepdims=True)).astype(np.float32)


def _advance(steps, count: int) -> None:
    """Move a progress bar on by count texts."""
    if steps is not None:
        for _ in range(count):
            next(steps, None)


def _clean(text: str) -> str:
    """The text as valid Unicode: a lone surrogate (which JSON allows) becomes U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


_shared: Encoder | None = None
_lock = threading.Lock()


def shared_encoder() -> Encoder:
    """The process's one model, loaded on first use."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Encoder()
        return _shared


def build_threads() -> int:
    """Threads for embedding a corpus: every core this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
