"""Score the bot on a question set (JSON Lines, the format of eval/README.md)."""

from __future__ import annotations

import itertools
import json
import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_bot.bot import Bot
from qa_bot.errors import QaBotError

__all__ = ["Case", "Report", "evaluate", "load_cases"]

_FOLD = str.maketrans({"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "’": "'", "‘": "'", "ʼ": "'"})


def _text(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).translate(_FOLD).casefold().split())


def _heading(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").casefold())


@dataclass(frozen=True)
class Case:
    """One line of a question set."""

    id: str
    question: str
    kind: str
    expect: str
    sections: tuple[str, ...] = ()
    answer_contains: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    document: str | None = None
    answer_contains_all: tuple[str, ...] = ()  # for whole procedures and lists: every one must be shown


def load_cases(path: str | Path) -> list[Case]:
    """Read a question set; a malformed line is a ValueError naming its line number."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            sections = [row["section"]] if row.get("section") else []
            cases.append(Case(
                id=str(row.get("id", number)), question=row["question"], kind=row.get("kind", "?"),
                expect=row["expect"], sections=tuple(sections + list(row.get("alt_sections") or [])),
                answer_contains=tuple(row.get("answer_contains") or []),
                history=tuple(row.get("history") or []), document=row.get("document"),
                answer_contains_all=tuple(row.get("answer_contains_all") or [])))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a question-set line ({exc})") from None
    return cases


def is_correct(case: Case, answer: dict[str, Any]) -> bool:
    """The scoring rule of eval/README.md."""
    if answer["kind"] != case.expect:
        return False
    if case.expect != "answer":
        return True
    text = _text(answer["answer"])
    if case.answer_contains and not any(_text(s) in text for s in case.answer_contains):
        return False
    if not all(_text(s) in text for s in case.answer_contains_all):
        return False
    first = answer["citations"][0] if answer["citations"] else {}
    if case.sections and _heading(first.get("section")) not in {_heading(s) for s in case.sections}:
        return False
    return not case.document or first.get("document") == Path(case.document).stem


@dataclass
class Report:
    """Per-kind and overall accuracy, the misses, and answer length."""

    rows: list[tuple[Case, dict[str, Any], bool]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(ok for *_, ok in self.rows) / len(self.rows) if self.rows else 0.0

    def by_kind(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for case, _, ok in self.rows:
            out[case.kind][0] += ok
            out[case.kind][1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def answer_lengths(self, skip_kinds: tuple[str, ...] = ()) -> list[int]:
        """Characters of each right answer, questions of the skipped kinds left out."""
        return [len(a["answer"]) for c, a, ok in self.rows if ok and c.expect == "answer" and c.kind not in skip_kinds]

    def median_answer_chars(self, skip_kinds: tuple[str, ...] = ()) -> float:
        lengths = self.answer_lengths(skip_kinds)
        return statistics.median(lengths) if lengths else 0.0

    def reliability(self, edges: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)) -> list[dict[str, Any]]:
        """The answers given, by confidence bucket: the share right in each (a calibration check).

        An answer to a question the documents do not answer counts as wrong. Run a bot with
        threshold 0 to see the buckets below the abstention threshold too.
        """
        rows = [(a["confidence"], ok) for c, a, ok in self.rows
                if c.expect in ("answer", "abstain") and a["kind"] == "answer"]
        out = []
        for low, high in itertools.pairwise(edges):
            bucket = [right for p, right in rows if low <= p < high]
            out.append({"from": low, "to": min(high, 1.0), "questions": len(bucket),
                        "answer_right": round(sum(bucket) / len(bucket), 3) if bucket else None})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "reliability": self.reliability(),
            "by_kind": {k: {"correct": c, "total": t, "accuracy": round(c / t, 4)}
                        for k, (c, t) in self.by_kind().items()},
            "median_answer_chars": self.median_answer_chars(),
            "misses": [{"id": c.id, "question": c.question, "expected": c.expect,
                        "got": a["kind"], "answer": a["answer"],
                        "section": (a["citations"][0]["section"] if a["citations"] else None)}
                       for c, a, ok in self.rows if not ok],
        }


def evaluate(bot: Bot, cases: list[Case]) -> Report:
    """Ask every question (with its history) and score the answers."""
    report = Report()
    for case in cases:
        try:
            answer = bot.ask(case.question, list(case.history)).to_dict()
        except QaBotError as exc:
            answer = {"kind": "error", "answer": str(exc), "citations": []}
        report.rows.append((case, answer, is_correct(case, answer)))
    return report
