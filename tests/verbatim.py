"""The check every answer must pass: what it shows is the document's text at the cited offsets."""

from __future__ import annotations

import itertools
import re

from qa_bot.models import Answer

_MORE = re.compile(r"^…and \d+ more$")


def collapse(text: str) -> str:
    return " ".join(text.split())


def unmarked(text: str) -> str:
    """Markdown's strong emphasis markers removed: a reader sees the words, not the asterisks."""
    return re.sub(r"\*\*|(?<!_)__(?!_)", "", text)  # a run of underscores is a blank to fill in, not markup


def shown(answer: Answer) -> str:
    """The document words an answer shows: without "…" gap marks and the "…and N more" line."""
    lines = [line.removeprefix("… ") for line in answer.answer.split("\n") if not _MORE.match(line)]
    return collapse(" ".join(lines))


def assert_verbatim(answer: Answer, texts: dict[str, str]) -> None:
    """The answer, its quote and its spans are the same words, taken from the document at those offsets."""
    cite = answer.citations[0]
    text = texts[cite.document]
    pieces = [collapse(unmarked(text[start:end])) for start, end in cite.spans]
    assert shown(answer) == collapse(" ".join(pieces)), (answer.answer, pieces)
    assert collapse(cite.quote.replace(" … ", " ")) == collapse(" ".join(pieces))
    # Spans run in the order shown: document order, except a warning list's instruction that may lead.
    ordered = sorted(cite.spans)
    assert (cite.start, cite.end) == (ordered[0][0], max(e for _, e in ordered))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered)), "spans never overlap"
    moved = [k for k in range(1, len(cite.spans)) if cite.spans[k][0] < cite.spans[k - 1][0]]
    assert moved in ([], [1]) and (not moved or cite.spans[0] == ordered[-1]), "only the last piece may lead"
    assert not moved or answer.extra.get("warning"), "... and only a warning list's instruction"
