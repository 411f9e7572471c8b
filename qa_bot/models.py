"""The answer object every channel returns: frozen dataclasses with ``to_dict()``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Answer", "Citation"]

KINDS = ("answer", "abstain", "smalltalk", "safety")


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from: document, section, and the quoted span's offsets."""

    document: str
    title: str
    section: str
    quote: str
    start: int
    end: int
    url: str
    spans: tuple[tuple[int, int], ...] = ()  # each quoted piece (a unit, or the heading as a lead-in)
    more: int = 0  # items of the same list not shown ("…and 3 more"); the url highlights them too

    def to_dict(self) -> dict[str, Any]:
        """The contract's citation object (plus ``spans`` and ``more``)."""
        return {
            "document": self.document, "title": self.title, "section": self.section,
            "quote": self.quote, "start": self.start, "end": self.end, "url": self.url,
            "spans": [list(s) for s in self.spans], "more": self.more,
        }


@dataclass(frozen=True)
class Answer:
    """The bot's reply to one message."""

    kind: str
    answer: str
    confidence: float
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract's answer object."""
        out = {
            "kind": self.kind,
            "answer": self.answer,
            "confidence": round(self.confidence, 3),
            "citations": [c.to_dict() for c in self.citations],
            "suggestions": list(self.suggestions),
        }
        out.update(self.extra)
        return out
