"""The fitted weights that choose an answer and say how sure it is (qa_bot/data/ranker.json).

Both are linear models fitted by scripts/fit_ranker.py on the project's question sets: a ranking
model over candidate units (qa_bot.features) and a logistic model from the chosen answer's evidence
to the probability that it is right, with the threshold below which the bot abstains.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.features import FEATURES

__all__ = ["SIGNALS", "Ranker"]

SIGNALS = (
    "score",  # the ranking model's score of the answer
    "margin",  # ... minus the best score in any other section
    "coverage",  # share of the question found in the answer, its heading and title
    "cosine",  # closeness in meaning of the question and the answer's best unit
    "section_cosine",  # ... and its section's closest unit
    "unknown",  # share of the question in words the documents never use
    "unknown_specific",  # how telling the most specific of those words is ("pilocarpine" much, "sweets" little)
    "untyped",  # asked for a duration, count ... and the answer has none
    "agree",  # BM25 and the embedding search put the same section first
)


class Ranker:
    """Scores candidate rows; turns the chosen answer's signals into a confidence."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        if tuple(spec["features"]) != FEATURES or tuple(spec["confidence"]["signals"]) != SIGNALS:
            raise ValueError("ranker.json was fitted on other features; run scripts/fit_ranker.py")
        self.weights = np.asarray(spec["weights"], dtype=np.float64)
        self.signal_weights = np.asarray(spec["confidence"]["weights"], dtype=np.float64)
        self.signal_bias = float(spec["confidence"]["bias"])
        self.threshold = float(spec["threshold"])
        self.spec = dict(spec)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Ranker:
        """The bundled fitted weights, or those of another ranker.json."""
        if path is None:
            text = resources.files("qa_bot.data").joinpath("ranker.json").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return cls(json.loads(text))

    @classmethod
    def blank(cls) -> Ranker:
        """All weights zero: a stand-in while the weights are being fitted."""
        return cls({"features": FEATURES, "weights": [0.0] * len(FEATURES), "threshold": 0.5,
                    "confidence": {"signals": SIGNALS, "weights": [0.0] * len(SIGNALS), "bias": 0.0}})

    def scores(self, matrix: np.ndarray) -> np.ndarray:
        """How strongly each candidate row answers the question (higher is better)."""
        return matrix @ self.weights

    def confidence(self, signals: Mapping[str, float]) -> float:
        """The fitted probability that the chosen answer is right."""
        x = np.fromiter((signals[name] for name in SIGNALS), dtype=np.float64, count=len(SIGNALS))
        return float(1.0 / (1.0 + np.exp(-(x @ self.signal_weights + self.signal_bias))))
