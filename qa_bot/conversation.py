"""Follow-up questions: when earlier turns shape the query, and how much."""

from __future__ import annotations

import re

from qa_bot.text import STOPWORDS, words

__all__ = ["HISTORY_TURNS", "history_weights", "is_followup", "leans_on_last_turn"]

HISTORY_TURNS = 4  # earlier questions that can shape a follow-up
_OPENER = re.compile(
    r"^(and|but|also|so|then|ok|okay|what about|how about|what if|and if|or|plus|same|"
    r"what else|anything else|any other|why|how come|really)\b")
_ANAPHORA = frozenset(
    "it its itself them they their that this those these there one ones he she him her such".split())


def is_followup(question: str, known_terms: int) -> bool:
    """True for short or pronoun-led questions that lean on the conversation so far."""
    tokens = words(question)
    if not tokens:
        return False
    content = [t for t in tokens if t not in STOPWORDS]
    if _OPENER.match(" ".join(tokens)) and len(content) <= 4:
        return True
    if known_terms == 0:
        return True
    return any(t in _ANAPHORA for t in tokens) and known_terms <= 2


def leans_on_last_turn(question: str) -> bool:
    """True if the words themselves point back ("what should I do?", "is that bad?", "and now?"): no subject of
    their own. Unlike is_followup, a question about something the documents never mention does not count."""
    tokens = words(question)
    content = [t for t in tokens if t not in STOPWORDS]
    return bool(tokens) and (not content or (_OPENER.match(" ".join(tokens)) is not None and len(content) <= 1)
                             or (any(t in _ANAPHORA for t in tokens) and len(content) <= 2))


def history_weights(turns: int) -> list[float]:
    """Weights of earlier questions, newest first: each step back counts half as much."""
    return [0.5 ** (i + 1) for i in range(min(turns, HISTORY_TURNS))]
