"""BM25 over section-aware passages: the only module that uses rank-bm25."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from qa_bot.documents import Document, Section
from qa_bot.text import analyze

__all__ = ["VARIANTS", "Index", "Passage"]

VARIANTS = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}
PASSAGE_CHARS = 450  # a passage is a few sentences: short enough that BM25 points at the answer


@dataclass(frozen=True)
class Passage:
    """Consecutive units of one section, indexed together with the section heading."""

    section: int  # index into Index.sections
    first: int  # unit range [first, last) in that section
    last: int


def _passages(section_id: int, section: Section) -> list[Passage]:
    """Cut a section into passages of whole blocks, about PASSAGE_CHARS long."""
    out, first, size = [], 0, 0
    units = section.units
    for i, unit in enumerate(units):
        starts_block = i == 0 or unit.block != units[i - 1].block
        # Keep list items with their lead-in: only cut where a top-level block starts.
        if size >= PASSAGE_CHARS and starts_block and unit.depth == 0 and not (
            units[i - 1].text.endswith(":")
        ):
            out.append(Passage(section_id, first, i))
            first, size = i, 0
        size += len(unit.text)
    out.append(Passage(section_id, first, len(units)))
    return out


class Index:
    """rank-bm25's model over passages, scored through precomputed per-term postings."""

    def __init__(self, documents: list[Document], variant: str = "plus",
                 k1: float = 1.2, b: float = 0.75) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {variant!r}; choose one of {sorted(VARIANTS)}")
        self.documents = documents
        self.sections: list[Section] = [s for d in documents for s in d.sections]
        self.doc_of_section = [d for d in documents for _ in d.sections]
        self.passages: list[Passage] = [
            p for i, s in enumerate(self.sections) for p in _passages(i, s)]
        self.unit_terms: list[list[frozenset[str]]] = [
            [frozenset(analyze(u.text)) for u in s.units] for s in self.sections]
        self.heading_terms = [frozenset(analyze(s.heading)) for s in self.sections]
        self.title_terms = {d.id: frozenset(analyze(d.title)) for d in documents}
        corpus = [self._passage_tokens(p) for p in self.passages]
        self.model = VARIANTS[variant](corpus, k1=k1, b=b)
        self._postings = self._build_postings()
        self.vocabulary: Counter[str] = Counter(t for tokens in corpus for t in tokens)
        n = len(self.passages)
        # A smooth IDF (always positive) for judging how much of a question a text covers.
        self.cover_idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5))
                          for t, df in self._doc_freq.items()}
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        self.memo: dict[tuple, bool] = {}  # per-unit facts computed on first need (answer types)

    def _passage_tokens(self, p: Passage) -> list[str]:
        section = self.sections[p.section]
        tokens = analyze(section.heading)
        for unit in section.units[p.first:p.last]:
            tokens.extend(analyze(unit.text))
        return tokens

    def _build_postings(self) -> dict[str, tuple[np.ndarray, np.ndarray, float]]:
        """term -> (passage ids, weights, constant for every passage), equal to get_scores."""
        m = self.model
        doc_len = np.asarray(m.doc_len, dtype=float)
        norm = 1 - m.b + m.b * doc_len / m.avgdl
        by_term: dict[str, list[tuple[int, int]]] = {}
        for pid, freqs in enumerate(m.doc_freqs):
            for term, tf in freqs.items():
                by_term.setdefault(term, []).append((pid, tf))
        self._doc_freq = {t: len(v) for t, v in by_term.items()}
        postings = {}
        for term, hits in by_term.items():
            ids = np.fromiter((h[0] for h in hits), dtype=np.int64, count=len(hits))
            tf = np.fromiter((h[1] for h in hits), dtype=float, count=len(hits))
            idf = m.idf.get(term) or 0.0
            if isinstance(m, BM25Plus):
                w = idf * (tf * (m.k1 + 1)) / (m.k1 * norm[ids] + tf)
                const = idf * m.delta
            elif isinstance(m, BM25L):
                ctd = tf / norm[ids]
                w = idf * tf * (m.k1 + 1) * (ctd + m.delta) / (m.k1 + ctd + m.delta)
                const = 0.0
            else:
                w = idf * (tf * (m.k1 + 1)) / (tf + m.k1 * norm[ids])
                const = 0.0
            postings[term] = (ids, w, const)
        return postings

    def scores(self, query: dict[str, float] | list[str]) -> np.ndarray:
        """BM25 score of every passage for weighted query terms, touching only their postings."""
        if isinstance(query, list):
            query = dict(Counter(query))
        out = np.zeros(len(self.passages))
        for term, weight in query.items():
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, w, const = posting
            if const:
                out += weight * const
            out[ids] += weight * w
        return out

    def knows(self, term: str) -> bool:
        """True if the stemmed term occurs anywhere in the corpus."""
        return term in self._postings
