"""The meaning of every unit as a vector, and the search for the units nearest a question.

A unit's vector is its sentence's meaning plus half its heading's (then unit length), so a list item
keeps the topic its heading gives it, and each distinct heading is embedded once. Against
embedding "Heading: sentence" whole, on the fitting question sets: the right section first as often
or more, whole answers as often on the held-out sets, a quarter fewer tokens to embed.

A small library is searched exactly; a large one through an inverted file (IVF): the vectors are
clustered once at build time, and a question reads only the clusters nearest to it. Everything is
plain numpy arrays, so the on-disk cache never holds code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from qa_bot.documents import Section
from qa_bot.embedding import DIMENSIONS, Encoder, build_threads

__all__ = ["ARRAYS", "UnitVectors"]

HEADING_WEIGHT = 0.5  # of the heading's vector in a unit's (0.3-0.7 measured alike; 0 and 1.0 worse)
EXACT_LIMIT = 20_000  # up to this many units every vector is compared (about 2 ms on one core)
PROBE = 24  # clusters read per question in a large library: measured recall@10 ≥ 0.95 (benchmarks/scale.py)
KMEANS_ROUNDS = 10
KMEANS_SAMPLE = 32  # vectors per cluster used to place the clusters
_CHUNK = 65_536  # units processed at a time after embedding (bounded scratch memory)
ARRAYS = ("vectors", "section_start", "headings", "heading_of_section", "centroids", "list_start", "list_units")


class UnitVectors:
    """Unit vectors (float32, unit length, in unit order), by section, with an IVF for large libraries."""

    def __init__(self, vectors: np.ndarray, section_start: np.ndarray, headings: np.ndarray,
                 heading_of_section: np.ndarray, centroids: np.ndarray, list_start: np.ndarray,
                 list_units: np.ndarray) -> None:
        # Rows of ``vectors`` are grouped by cluster (row r holds unit list_units[r]), so a question
        # reads each cluster it probes as one slice; a small library keeps unit order (no clusters).
        self.vectors = vectors  # (units, DIMENSIONS)
        self.section_start = section_start  # section s has unit ids section_start[s] .. section_start[s+1]-1
        self.headings = headings  # (distinct headings, DIMENSIONS): each distinct heading alone
        self.heading_of_section = heading_of_section  # row of ``headings`` for each section
        self.centroids = centroids  # (clusters, DIMENSIONS); empty when the search is exact
        self.list_start = list_start  # cluster c is rows list_start[c] .. list_start[c+1]-1
        self.list_units = list_units  # the unit each row holds (empty: row r holds unit r)
        self._mean_norms: dict[int, float] = {}  # length of each section's mean vector, on first need
        self.row_of_unit = None
        if len(list_units):
            self.row_of_unit = np.empty_like(list_units)
            self.row_of_unit[list_units] = np.arange(len(list_units))

    @classmethod
    def build(cls, sections: Sequence[Section], encoder: Encoder,
              progress: Callable[[Iterable], Iterable] | None = None) -> UnitVectors:
        """Embed every unit and distinct heading (the slow part of indexing), then cluster a large library."""
        counts = np.fromiter((len(s.units) for s in sections), dtype=np.int64, count=len(sections))
        section_start = np.concatenate([[0], np.cumsum(counts)])
        # Libraries repeat their headings ("What are the symptoms?"): each distinct one is embedded once.
        rows: dict[str, int] = {}
        heading_of_section = np.fromiter((rows.setdefault(s.heading, len(rows)) for s in sections), dtype=np.int64,
                                         count=len(sections))
        headings = _rounded(encoder.encode(list(rows), threads=build_threads()))
        vectors = encoder.encode([u.text for s in sections for u in s.units], threads=build_threads(), progress=progress)
        unit_heading = np.repeat(heading_of_section, counts)
        for first in range(0, len(vectors), _CHUNK):  # in place, a chunk at a time: memory stays one array
            part = vectors[first:first + _CHUNK]
            part += HEADING_WEIGHT * headings[unit_heading[first:first + _CHUNK]]
            part /= np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-12)
            part[:] = _rounded(part)
        return cls.arrange(vectors, section_start, headings, heading_of_section)

    @classmethod
    def arrange(cls, vectors: np.ndarray, section_start: np.ndarray, headings: np.ndarray,
                heading_of_section: np.ndarray) -> UnitVectors:
        """Unit vectors (in unit order, rounded as stored) made searchable: clustered if the library is large."""
        centroids, list_start, list_units = _inverted_file(vectors)
        if len(list_units):
            # Group the rows by cluster in place, through a half-size copy: no second full-size array.
            half = vectors.astype(np.float16)
            for first in range(0, len(vectors), _CHUNK):
                vectors[first:first + _CHUNK] = half[list_units[first:first + _CHUNK]]
            del half
        return cls(vectors, section_start, headings, heading_of_section, centroids, list_start, list_units)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> UnitVectors:
        """Vectors saved by to_arrays; ValueError if the arrays do not fit together."""
        vectors = arrays["vectors"].astype(np.float32)
        made = cls(vectors, arrays["section_start"], arrays["headings"].astype(np.float32),
                   arrays["heading_of_section"], arrays["centroids"], arrays["list_start"], arrays["list_units"])
        if (vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS or made.section_start[-1] != len(vectors)
                or len(made.heading_of_section) != len(made.section_start) - 1
                or (len(made.heading_of_section) and made.heading_of_section.max() >= len(made.headings))
                or made.list_start[-1] != len(made.list_units)
                or (len(made.list_units) and not np.array_equal(np.sort(made.list_units), np.arange(len(vectors))))):
            raise ValueError("cached vectors do not fit their index")
        return made

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for the on-disk cache (vectors as float16: half the size, the same values)."""
        return {"vectors": self.vectors.astype(np.float16), "section_start": self.section_start,
                "headings": self.headings.astype(np.float16), "heading_of_section": self.heading_of_section,
                "centroids": self.centroids, "list_start": self.list_start, "list_units": self.list_units}

    def heading(self, sid: int) -> np.ndarray:
        """The vector of a section's heading alone."""
        return self.headings[self.heading_of_section[sid]]

    def _section(self, sid: int) -> np.ndarray:
        """The vectors of one section's units, in unit order."""
        first, last = int(self.section_start[sid]), int(self.section_start[sid + 1])
        return self.vectors[first:last] if self.row_of_unit is None else self.vectors[self.row_of_unit[first:last]]

    def section_similarities(self, sid: int, question: np.ndarray) -> np.ndarray:
        """Cosine of the question to each unit of one section, in unit order."""
        return self._section(sid) @ question

    def section_mean_similarity(self, sid: int, question: np.ndarray, similarities: np.ndarray | None = None) -> float:
        """Cosine of the question to the mean of a section's unit vectors (the section as a whole)."""
        # The mean's dot product is the mean of the units' (``similarities``, when the caller has them);
        # only the mean's length depends on the section alone, so it is computed once.
        sims = self.section_similarities(sid, question) if similarities is None else similarities
        if not len(sims):
            return 0.0
        if sid not in self._mean_norms:
            self._mean_norms[sid] = float(np.linalg.norm(self._section(sid).mean(axis=0))) or 1.0
        return float(sims.mean()) / self._mean_norms[sid]

    def topics(self, limit: int = 5000) -> np.ndarray:
        """Distinct heading vectors (at most ``limit``): what the documents are about."""
        return self.headings[:limit]

    def nearest(self, question: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k units most similar to the question (unit ids, cosines), best first."""
        if not len(self.centroids):
            units, sims = np.arange(len(self.vectors)), self.vectors @ question
        else:
            probe = min(PROBE, len(self.centroids))
            lists = np.sort(np.argpartition(-(self.centroids @ question), probe - 1)[:probe])
            units = np.concatenate([self.list_units[self.list_start[c]:self.list_start[c + 1]] for c in lists])
            sims = np.concatenate([self.vectors[self.list_start[c]:self.list_start[c + 1]] @ question for c in lists])
        if len(sims) > k:
            keep = np.argpartition(-sims, k - 1)[:k]
            units, sims = units[keep], sims[keep]
        order = np.lexsort((units, -sims))  # ties go to the earlier unit: the same answer every time
        return units[order], sims[order]

    def section_of(self, units: np.ndarray) -> np.ndarray:
        """The section id of each unit id."""
        return np.searchsorted(self.section_start, units, side="right") - 1


def _rounded(vectors: np.ndarray) -> np.ndarray:
    """Through float16 and back: the cache stores float16, so a fresh build must hold the same values."""
    return vectors.astype(np.float16).astype(np.float32)


def _inverted_file(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cluster centres, and each cluster's units; no clusters (exact search) for a small library."""
    if len(vectors) <= EXACT_LIMIT:
        return np.zeros((0, DIMENSIONS), dtype=np.float32), np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    centroids = _cluster(vectors, int(2 * np.sqrt(len(vectors))))
    assignment = _nearest_centroid(vectors, centroids)
    list_start = np.concatenate([[0], np.cumsum(np.bincount(assignment, minlength=len(centroids)))])
    return centroids, list_start, np.argsort(assignment, kind="stable").astype(np.int64)


def _nearest_centroid(vectors: np.ndarray, centroids: np.ndarray, block: int = 8192) -> np.ndarray:
    """Index of the most similar centroid of each vector, a block at a time (bounded memory)."""
    return np.concatenate([np.argmax(vectors[i:i + block] @ centroids.T, axis=1)
                           for i in range(0, len(vectors), block)])


def _cluster(vectors: np.ndarray, k: int) -> np.ndarray:
    """Spherical k-means (Lloyd's rounds on a fixed sample, seeded): the IVF's cluster centres.

    A few numpy products on a sample; a library (faiss) would add 66 MB and an OpenMP runtime
    that is not safe to use before gunicorn forks its workers.
    """
    rng = np.random.default_rng(0)
    sample = vectors[np.sort(rng.choice(len(vectors), min(len(vectors), k * KMEANS_SAMPLE), replace=False))]
    centroids = sample[np.sort(rng.choice(len(sample), k, replace=False))].copy()
    for _ in range(KMEANS_ROUNDS):
        assignment = _nearest_centroid(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assignment, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centroids = np.where(norms > 0, sums / np.maximum(norms, 1e-12), centroids).astype(np.float32)
    return centroids
