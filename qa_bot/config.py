"""Settings in one place: the only module that reads environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "default_corpus"]

_SOURCE_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_corpus() -> Path:
    """QA_BOT_CORPUS, else the corpus/ folder bundled with the source tree, else ./corpus."""
    configured = os.environ.get("QA_BOT_CORPUS")
    if configured:
        return Path(configured)
    return _SOURCE_CORPUS if _SOURCE_CORPUS.is_dir() else Path("corpus")


@dataclass(frozen=True)
class Settings:
    """Everything an operator can configure."""

    corpus: Path

    @classmethod
    def from_env(cls) -> Settings:
        """Read the settings from environment variables."""
        return cls(corpus=default_corpus())
