"""Text analysis shared by documents and questions: the only module that uses nltk."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import regex
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

__all__ = ["STOPWORDS", "analyze", "normalize", "replace_words", "stem", "words"]

# Apostrophes are dropped inside words so "doesn't" and "doesn’t" both become "doesnt".
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼ"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_TOKENIZER = RegexpTokenizer(r"[^\W_]+")
# The same pattern and flags, compiled by the `regex` engine nltk itself uses, without nltk's ReDoS
# timer around it (it costs four times the match; this pattern is linear anyway).
_TOKENS = regex.compile(_TOKENIZER._pattern, _TOKENIZER._flags)
_STEMMER = SnowballStemmer("english")


def _load_words(name: str) -> frozenset[str]:
    text = resources.files("qa_bot.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOPWORDS = _load_words("stopwords.txt") | _load_words("question_frame.txt")


def normalize(text: str) -> str:
    """Fold case, compatibility forms, dashes and invisible characters; drop apostrophes."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return text.translate(_APOSTROPHES).translate(_DASHES).casefold()


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text``, stopwords included."""
    return _TOKENS.findall(normalize(text))


def replace_words(text: str, mapping: dict[str, str]) -> str:
    """``text`` normalised, each word of ``mapping`` replaced and everything else (punctuation too) kept."""
    return _TOKENS.sub(lambda m: mapping.get(m.group(0), m.group(0)), normalize(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of one lower-case word, cached because vocabularies are small."""
    return _STEMMER.stem(word)


def analyze(text: str) -> list[str]:
    """Stemmed content terms of ``text``: the analysis used for passages and questions alike."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]
