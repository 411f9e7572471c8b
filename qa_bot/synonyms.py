"""Query-time vocabulary bridges: everyday words to the words documents use."""

from __future__ import annotations

import logging
from collections import defaultdict
from importlib import resources
from pathlib import Path

from qa_bot.text import STOPWORDS, stem, words

__all__ = ["FILE_NAME", "Synonyms"]

log = logging.getLogger(__name__)
FILE_NAME = "synonyms.csv"
MAX_PHRASE = 4


# Pronouns are interchangeable inside phrases: "get this wrong" matches the entry "get it wrong".
_PRONOUN = {"this": "it", "that": "it", "them": "it", "they": "it", "these": "it", "those": "it"}


_VAGUE_OBJECTS = frozenset({"stuff", "things", "something", "anything", "everything"})


def _stems(tokens: list[str]) -> tuple[str, ...]:
    return tuple(_PRONOUN.get(t, stem(t)) for t in tokens)


def _key(phrase: str) -> tuple[str, ...]:
    """Stems of every word, so "taking a break" matches the entry "take a break"."""
    return _stems(words(phrase))


class Synonyms:
    """Groups of equivalent words and phrases, matched on the question's stems, longest first."""

    def __init__(self, lines: list[str]) -> None:
        self._map: dict[tuple[str, ...], set[frozenset[str]]] = defaultdict(set)
        self._rewrites: dict[str, tuple[str, ...]] = {}
        self.reduced: dict[frozenset[str], str] = {}  # one-word remains of phrases -> that word
        known: set[str] = set()
        explicit: set[frozenset[str]] = set()
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            left, arrow, right = line.partition("=>")
            sources = [p.strip() for p in left.split(",") if words(p)]
            targets = [p.strip() for p in (right if arrow else left).split(",") if words(p)]
            if not sources or not targets:
                log.warning("synonyms line %d has no terms; ignored", number)
                continue
            for phrase in sources + targets:
                known.update(words(phrase))
            content = []
            for target in targets:
                kept = [w for w in words(target) if w not in STOPWORDS]
                if kept:
                    content.append(frozenset(stem(w) for w in kept))
                if len(kept) == 1 < len(words(target)):
                    # "put up" searched as just "put" may match anything; the caller judges.
                    self.reduced[content[-1]] = kept[0]
                elif kept:
                    explicit.add(content[-1])
            for source in sources:
                self._map[_key(source)].update(content)
                if arrow and len(words(source)) == 1 and len(targets) == 1:
                    self._rewrites[words(source)[0]] = tuple(words(targets[0]))
        self.known_words = frozenset(known)
        for listed in explicit:  # a word listed on its own somewhere is a synonym in its own right
            self.reduced.pop(listed, None)

    @classmethod
    def load(cls, corpus_folder: str | Path | None = None) -> Synonyms:
        """The bundled general vocabulary plus the corpus folder's own synonyms.csv, if any."""
        text = resources.files("qa_bot.data").joinpath(FILE_NAME).read_text(encoding="utf-8")
        lines = text.splitlines()
        if corpus_folder is not None:
            local = Path(corpus_folder) / FILE_NAME
            try:
                lines += local.read_text(encoding="utf-8").splitlines()
            except FileNotFoundError:
                pass
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("ignoring %s: %s", local, exc)
        return cls(lines)

    def rewrite(self, word: str) -> tuple[str, ...]:
        """A one-way, one-to-one entry ("u => you") replaces the word before anything else."""
        return self._rewrites.get(word, (word,))

    def matches(self, tokens: list[str]) -> list[tuple[int, int, tuple[frozenset[str], ...]]]:
        """(start, length, targets) for each word or phrase of the question found, longest first.

        Vague objects inside a phrasal verb are skipped, so "pick stuff up" matches "pick up".
        """
        kept = [i for i, t in enumerate(tokens) if t not in _VAGUE_OBJECTS] or list(range(len(tokens)))
        stems = _stems([tokens[i] for i in kept])
        out = []
        k = 0
        while k < len(stems):
            for n in range(min(MAX_PHRASE, len(stems) - k), 0, -1):
                targets = self._map.get(tuple(stems[k:k + n]))
                if targets and not (n == 1 and tokens[kept[k]] in STOPWORDS):
                    out.append((kept[k], kept[k + n - 1] - kept[k] + 1, tuple(targets)))
                    k += n
                    break
            else:
                k += 1
        return out
