"""BM25 over section-aware passages: the only module that uses rank-bm25.

rank-bm25 defines the model (variant, IDF, parameters); its per-passage Python loop is never paid
at query time. Each term's passage weights are precomputed into a compressed sparse row structure
(numpy arrays), so a question touches only the postings of its own terms.
"""

from __future__ import annotations

import inspect
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from qa_bot.documents import Document, LazySections, Section
from qa_bot.embedding import Encoder, shared_encoder
from qa_bot.text import STOPWORDS, analyze, stem, words
from qa_bot.vectors import UnitVectors

__all__ = ["VARIANTS", "Index", "Passage"]

VARIANTS = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}
PASSAGE_CHARS = 450  # a passage is a few sentences: short enough that BM25 points at the answer


@dataclass(frozen=True)
class Passage:
    """Consecutive units of one section, indexed together with the section heading."""

    section: int  # index into Index.sections
    first: int  # unit range [first, last) in that section
    last: int


def cut_passages(section: Section) -> list[tuple[int, int]]:
    """Unit ranges of a section's passages: whole blocks, about PASSAGE_CHARS long."""
    out, first, size = [], 0, 0
    units = section.units
    for i, unit in enumerate(units):
        starts_block = i == 0 or unit.block != units[i - 1].block
        # Keep list items with their lead-in: only cut where a top-level block starts.
        if size >= PASSAGE_CHARS and starts_block and unit.depth == 0 and not units[i - 1].text.endswith(":"):
            out.append((first, i))
            first, size = i, 0
        size += len(unit.text)
    out.append((first, len(units)))
    return out


def rank_bm25_model(variant: str, k1: float, b: float, doc_len: np.ndarray, doc_freq: dict[str, int]):
    """A rank-bm25 model object with its own IDF computed from document frequencies.

    rank-bm25's constructor walks every passage in Python; its ``_calc_idf`` needs only the
    frequencies, so the model (and its definition of IDF) is kept without that cost.
    """
    cls = VARIANTS[variant]
    model = cls.__new__(cls)
    defaults = {n: p.default for n, p in inspect.signature(cls.__init__).parameters.items()
                if p.default is not inspect.Parameter.empty}
    for name in ("epsilon", "delta"):
        if name in defaults:
            setattr(model, name, defaults[name])
    model.k1, model.b = k1, b
    model.corpus_size = len(doc_len)
    model.doc_len = doc_len
    model.avgdl = float(doc_len.mean()) if len(doc_len) else 0.0
    model.idf = {}
    model._calc_idf(doc_freq)
    return model


def _kth(values: np.ndarray, k: int) -> float:
    """The k-th largest value."""
    return float(np.partition(values, len(values) - k)[len(values) - k]) if len(values) >= k else 0.0


class _DocumentOf(Sequence):
    """The document of each section, from an array of document numbers."""

    def __init__(self, documents: list[Document], numbers: list[int]) -> None:
        self.documents, self.numbers = documents, numbers

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, sid):  # type: ignore[override]
        return self.documents[self.numbers[sid]]


class Index:
    """rank-bm25's model over passages, scored through precomputed per-term weights, and unit vectors."""

    def __init__(self, documents: list[Document], variant: str = "plus", k1: float = 1.2, b: float = 0.75,
                 progress: Callable[[Iterable], Iterable] | None = None, encoder: Encoder | None = None,
                 embedding_progress: Callable[[Iterable], Iterable] | None = None) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {variant!r}; choose one of {sorted(VARIANTS)}")
        self.variant, self.k1, self.b = variant, k1, b
        self._set_corpus(documents)
        term_ids: dict[str, int] = {}
        surface: Counter[str] = Counter()
        p_section, p_first, p_last, rows, cols = [], [], [], [], []
        sections = progress(self.sections) if progress else self.sections
        for sid, section in enumerate(sections):
            heading = words(section.heading)
            surface.update(heading)
            heading_ids = [term_ids.setdefault(stem(w), len(term_ids)) for w in heading if w not in STOPWORDS]
            unit_ids = []
            for unit in section.units:
                tokens = words(unit.text)
                surface.update(tokens)
                unit_ids.append([term_ids.setdefault(stem(w), len(term_ids)) for w in tokens if w not in STOPWORDS])
            for first, last in cut_passages(section):
                pid = len(p_section)
                p_section.append(sid), p_first.append(first), p_last.append(last)
                ids = heading_ids + [t for u in unit_ids[first:last] for t in u]
                rows.extend([pid] * len(ids))
                cols.extend(ids)
        self.terms = list(term_ids)
        self.term_ids = term_ids
        self.words = surface  # surface words and their counts, for the typo corrector
        self.p_section = np.asarray(p_section, dtype=np.int32)
        self.p_first = np.asarray(p_first, dtype=np.int32)
        self.p_last = np.asarray(p_last, dtype=np.int32)
        self._build(np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))
        self.vectors = UnitVectors.build(self.sections, encoder or shared_encoder(), embedding_progress)

    @classmethod
    def from_arrays(cls, documents: list[Document], arrays: dict, variant: str = "plus", k1: float = 1.2,
                    b: float = 0.75) -> Index:
        """An index from arrays saved earlier (see qa_bot.cache), without analysing any text."""
        index = cls.__new__(cls)
        index.variant, index.k1, index.b = variant, k1, b
        index._set_corpus(documents)
        for name in ("p_section", "p_first", "p_last", "indptr", "indices", "data", "const", "doc_len", "df"):
            setattr(index, name, arrays[name])
        index.terms, index.words = arrays["terms"], arrays["words"]
        index.vectors = UnitVectors.from_arrays(arrays)
        index.term_ids = {t: i for i, t in enumerate(index.terms)}
        index.model = rank_bm25_model(variant, k1, b, index.doc_len, dict(zip(index.terms, index.df.tolist(), strict=True)))
        index._derive()
        return index

    def _derive(self) -> None:
        """What follows from the stored arrays: score bounds per term, and the coverage IDF."""
        # Each term's largest passage weight bounds what it can add to any score (top-k pruning).
        self.max_weight = np.zeros(len(self.indptr) - 1)
        nonempty = self.indptr[1:] > self.indptr[:-1]
        if nonempty.any():
            self.max_weight[nonempty] = np.maximum.reduceat(self.data, self.indptr[:-1][nonempty])
        # A smooth IDF (always positive) for judging how much of a question a text covers.
        n = len(self.p_section)
        self.cover_idf_array = np.log1p((n - self.df + 0.5) / (self.df + 0.5))
        self.max_cover_idf = float(self.cover_idf_array.max()) if len(self.cover_idf_array) else 1.0

    def _set_corpus(self, documents: list[Document]) -> None:
        self.documents = documents
        tables = {id(d.sections.table) for d in documents if isinstance(d.sections, LazySections)}
        if len(tables) == 1 and all(isinstance(d.sections, LazySections) for d in documents):
            # Loaded from the cache: sections become objects only when a question reaches them.
            table = documents[0].sections.table  # type: ignore[attr-defined]
            self.sections: Sequence[Section] = LazySections(table, 0, len(table))
            self.doc_of_section: Sequence[Document] = _DocumentOf(documents, table.doc_of_section)
        else:
            self.sections = [s for d in documents for s in d.sections]
            self.doc_of_section = [d for d in documents for _ in d.sections]
        self.title_terms = {d.id: frozenset(analyze(d.title)) for d in documents}
        self.topic_terms = frozenset().union(*self.title_terms.values())  # the words that name what the corpus is about
        self.memo: dict[tuple, Any] = {}  # per-unit facts computed on first need (answer types, windows)
        self._local = threading.local()
        self._section_terms = lru_cache(maxsize=50_000)(self._compute_section_terms)

    def _build(self, rows: np.ndarray, cols: np.ndarray) -> None:
        """Term frequencies -> rank-bm25 IDF and weights, stored by term (CSR)."""
        n_passages, n_terms = len(self.p_section), len(self.terms)
        doc_len = np.bincount(rows, minlength=n_passages).astype(float)
        keys, tf = np.unique(cols * max(n_passages, 1) + rows, return_counts=True)
        term, pid = keys // max(n_passages, 1), keys % max(n_passages, 1)
        df = np.bincount(term, minlength=n_terms)
        self.df = df
        self.model = rank_bm25_model(self.variant, self.k1, self.b, doc_len,
                                     {t: int(df[i]) for i, t in enumerate(self.terms)})
        self.set_weights(term, pid, tf.astype(float), doc_len, df)

    def set_weights(self, term: np.ndarray, pid: np.ndarray, tf: np.ndarray, doc_len: np.ndarray,
                    df: np.ndarray) -> None:
        """Per-term weights equal to what rank-bm25's get_scores adds for each passage."""
        m = self.model
        idf = np.array([m.idf.get(t) or 0.0 for t in self.terms], dtype=float)
        norm = 1 - m.b + m.b * doc_len[pid] / (m.avgdl or 1.0)
        if isinstance(m, BM25Plus):
            w = idf[term] * (tf * (m.k1 + 1)) / (m.k1 * norm + tf)
            self.const = idf * m.delta  # added to every passage for each query term
        elif isinstance(m, BM25L):
            ctd = tf / norm
            w = idf[term] * tf * (m.k1 + 1) * (ctd + m.delta) / (m.k1 + ctd + m.delta)
            self.const = np.zeros(len(self.terms))
        else:
            w = idf[term] * (tf * (m.k1 + 1)) / (tf + m.k1 * norm)
            self.const = np.zeros(len(self.terms))
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(term, minlength=len(self.terms)))])
        self.indices = pid.astype(np.int32)
        self.data = w
        self.doc_len = doc_len
        self._derive()

    # queries
    def passage(self, pid: int) -> Passage:
        return Passage(int(self.p_section[pid]), int(self.p_first[pid]), int(self.p_last[pid]))

    def scores(self, query: dict[str, float] | list[str]) -> np.ndarray:
        """BM25 score of every passage, equal to rank-bm25's get_scores (weights allowed)."""
        if isinstance(query, list):
            query = dict(Counter(query))
        out = np.zeros(len(self.p_section))
        constant = 0.0
        for term, weight in query.items():
            t = self.term_ids.get(term)
            if t is None:
                continue
            lo, hi = self.indptr[t], self.indptr[t + 1]
            out[self.indices[lo:hi]] += weight * self.data[lo:hi]
            constant += weight * self.const[t]
        return out + constant

    def top(self, query: dict[str, float], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best passages and their scores, best first, exactly as a full sort would rank them.

        MaxScore-style: rare terms first; once the k-th best score so far beats anything the
        remaining (common, low-IDF) terms could add, those only update passages already found.
        """
        hits = sorted(((self.term_ids[t], w) for t, w in query.items() if t in self.term_ids and w > 0),
                      key=lambda tw: self.indptr[tw[0] + 1] - self.indptr[tw[0]])
        if not hits:
            return np.empty(0, dtype=np.int64), np.empty(0)
        acc, found = self._buffers()
        pieces: list[np.ndarray] = []
        remaining = sum(w * self.max_weight[t] for t, w in hits)
        candidates = np.empty(0, dtype=np.int64)
        for t, w in hits:
            lo, hi = self.indptr[t], self.indptr[t + 1]
            ids, values = self.indices[lo:hi], w * self.data[lo:hi]
            remaining -= w * self.max_weight[t]
            if len(candidates) >= k and _kth(acc[candidates], k) > remaining + w * self.max_weight[t]:
                keep = found[ids]  # nothing new can reach the top k: update the passages found so far
                acc[ids[keep]] += values[keep]
                continue
            acc[ids] += values
            fresh = ids[~found[ids]]
            found[fresh] = True
            pieces.append(fresh)
            candidates = np.concatenate(pieces) if len(pieces) > 1 else fresh
            pieces = [candidates]
        top = candidates
        if len(top) > k:
            top = top[np.argpartition(-acc[top], k)[:k]]
        order = np.lexsort((top, -acc[top]))  # ties go to the earlier passage
        ids = top[order]
        scores = acc[ids] + sum(w * self.const[t] for t, w in hits)
        acc[candidates] = 0.0  # every passage touched is a candidate: the buffers are clean again
        found[candidates] = False
        return ids.astype(np.int64), scores

    def _buffers(self) -> tuple[np.ndarray, np.ndarray]:
        """Zeroed score and seen arrays, one pair per thread, reused across questions."""
        local = self._local
        if getattr(local, "acc", None) is None or len(local.acc) != len(self.p_section):
            local.acc = np.zeros(len(self.p_section))
            local.found = np.zeros(len(self.p_section), dtype=bool)
        return local.acc, local.found

    def knows(self, term: str) -> bool:
        """True if the stemmed term occurs anywhere in the corpus."""
        return term in self.term_ids

    def cover_idf(self, term: str) -> float:
        return float(self.cover_idf_array[self.term_ids[term]])

    def _compute_section_terms(self, sid: int) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
        section = self.sections[sid]
        return frozenset(analyze(section.heading)), tuple(frozenset(analyze(u.text)) for u in section.units)

    def heading_terms(self, sid: int) -> frozenset[str]:
        """Stems of a section's heading (computed on first need, then cached)."""
        return self._section_terms(sid)[0]

    def unit_terms(self, sid: int) -> tuple[frozenset[str], ...]:
        """Stems of each unit of a section (computed on first need, then cached)."""
        return self._section_terms(sid)[1]

    def passage_tokens(self, pid: int) -> list[str]:
        """The analysed tokens of a passage, as rank-bm25 would be given them (for checks)."""
        p = self.passage(pid)
        section = self.sections[p.section]
        tokens = analyze(section.heading)
        for unit in section.units[p.first:p.last]:
            tokens.extend(analyze(unit.text))
        return tokens

    def reference_model(self):
        """rank-bm25's own model built the slow way, to prove the scores equal (tests only)."""
        corpus = [self.passage_tokens(pid) for pid in range(len(self.p_section))]
        return VARIANTS[self.variant](corpus, k1=self.k1, b=self.b)
