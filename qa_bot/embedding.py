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

        Each text runs alone: the int8 model quantises activations per call, so in a batch a text's
        vector would depend on its neighbours, and a new document would shift every other one.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([_clean(t) for t in texts]) if len(texts) else []

        def run(i: int) -> None:
            out[i] = self._run(encodings[i].ids)

        progress = progress or (lambda items: items)
        if threads > 1:
            # ONNX Runtime releases the GIL while it runs, so threads share the one session.
            with ThreadPoolExecutor(threads) as pool:
                for _ in progress(_Sized(pool.map(run, range(len(texts))), len(texts))):
                    pass
        else:
            for i in progress(range(len(texts))):
                run(i)
        return out

    def question(self, text: str) -> np.ndarray:
        """The vector of one message (cached: the same words come back often)."""
        return self._question(text)

    def _encode_one(self, text: str) -> np.ndarray:
        vector = self._run(self._tokenizer.encode(_clean(text)).ids)
        vector.flags.writeable = False
        return vector

    def _run(self, ids: list[int]) -> np.ndarray:
        tokens = np.asarray([ids], dtype=np.int64)
        ones = np.ones_like(tokens)
        states = self._session.run(None, {"input_ids": tokens, "attention_mask": ones,
                                          "token_type_ids": np.zeros_like(tokens)})[0][0]
        # Mean over the tokens, then unit length: sentence-transformers' pooling for this model.
        mean = states.mean(axis=0)
        return (mean / np.linalg.norm(mean)).astype(np.float32)


def _clean(text: str) -> str:
    """The text as valid Unicode: a lone surrogate (which JSON allows) becomes U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


class _Sized:
    """An iterator with a known length, so a progress bar can show how far it has come."""

    def __init__(self, items: Iterable, length: int) -> None:
        self.items, self.length = items, length

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return self.length


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
