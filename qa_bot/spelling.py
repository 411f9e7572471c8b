"""Typo repair for question words: split run-together words, correct by edit distance."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from importlib import resources

from symspellpy import SymSpell, Verbosity

__all__ = ["Speller"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
LARGE_VOCABULARY = 20_000
_WORD = re.compile(r"[a-z]+")
# The words questions open with, the commonest first: a typo in a question's first word is most likely one
# of them ("wat is ..." is "what is ...", though the documents use "at", "want" and "was" more than "what").
OPENERS = ("what how is can why do does when should are where which who whats hows wheres whos will could would "
           "did has have was were may might am whose").split()


def _sound_key(word: str) -> str:
    """Spelling-insensitive key: soft c and z as s, ph as f, doubled letters once."""
    word = word.replace("ph", "f").replace("ck", "k").replace("z", "s")
    word = re.sub(r"c(?=[eiy])", "s", word)
    return re.sub(r"(.)\1+", r"\1", word)


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


class Speller:
    """Corrects words the corpus and English don't know, preferring the corpus's own words."""

    def __init__(self, corpus_words: Counter[str], known: Iterable[str] = ()) -> None:
        self.known = frozenset(known)
        self._counts = Counter({w: 1 for w in self.known if _WORD.fullmatch(w)})
        self._counts.update({w: c + 1 for w, c in corpus_words.items() if _WORD.fullmatch(w)})
        self._by_key: dict[str, str] = {}
        self._symspell: SymSpell | None = None
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Build the deletion dictionary now (a server does this once, before forking workers)."""
        self._index()

    def _index(self) -> SymSpell:
        # Built on first need: a one-off command that meets no typo never pays for it.
        with self._lock:
            if self._symspell is None:
                symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
                # In a large library a word seen once is often a typo itself: not offered as a correction.
                floor = 2 if len(self._counts) > LARGE_VOCABULARY else 1
                for word, count in self._counts.items():
                    if count < floor and word not in self.known:
                        continue
                    key = _sound_key(word)
                    best = self._by_key.get(key)
                    if best is None or self._counts[best] < count:
                        self._by_key[key] = word
                    symspell.create_dictionary_entry(key, count)
                self._symspell = symspell
        return self._symspell

    @cached_property
    def english(self) -> dict[str, int]:
        """English word frequencies from symspellpy's bundled dictionary, loaded on first need."""
        path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
        out = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, count = line.partition(" ")
            out[word] = int(count)
        return out

    def is_known(self, word: str) -> bool:
        """True if the word needs no correction."""
        if word in self._counts or not _WORD.fullmatch(word) or len(word) < 3:
            return True
        # The English list holds many rare three-letter tokens ("wat", "wal"): trust only common ones.
        return self.english.get(word, 0) > (10_000_000 if len(word) == 3 else 0)

    def _split(self, word: str) -> list[str] | None:
        best, best_score = None, 0.0
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            if all(self._counts.get(p) or self.english.get(p, 0) > 1_000_000 for p in (left, right)):
                score = sum(2.0 if p in self._counts else 1.0 for p in (left, right)) + min(i, len(word) - i) / 10
                if score > best_score:
                    best, best_score = [left, right], score
        return best

    def _nearest(self, word: str) -> tuple[int, str] | None:
        limit = 1 if len(word) <= 5 else 2
        candidates: list[tuple[int, int, int, str]] = []  # (distance, not-corpus, -count, word)
        for s in self._index().lookup(_sound_key(word), Verbosity.CLOSEST, max_edit_distance=limit):
            original = self._by_key[s.term]
            candidates.append((s.distance, 0, -self._counts[original], original))
        for e in _edits1(word) & self.english.keys():
            candidates.append((1, 1, -self.english[e], e))
        if not candidates:
            return None
        best = min(candidates)
        return best[0], best[3]

    def correct(self, word: str, opening: bool = False) -> list[str]:
        """The word, its parts if it is two run-together words, or its nearest known word.

        ``opening``: the word opens the question, so a question word one edit away is the likeliest.
        """
        if self.is_known(word):
            return [word]
        if opening:
            near = _edits1(word)
            for opener in OPENERS:
                if opener in near:
                    return [opener]
        nearest = self._nearest(word)
        if nearest and nearest[0] <= 1:
            return [nearest[1]]
        parts = self._split(word)
        if parts:
            return parts
        return [nearest[1]] if nearest else [word]
