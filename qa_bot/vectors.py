"""The meaning of every unit as a vector, and the search for the units nearest a question.

Each unit is embedded with its section heading ("Heading: sentence"), so a list item keeps the
topic its heading gives it. A small library is searched exactly; a large one through an inverted
file (IVF): the vectors are clustered once at build time, and a question reads only the clusters
nearest to it. Everything is plain numpy arrays, so the on-disk cache never holds code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from qa_bot.documents import Section
from qa_bot.embedding import DIMENSIONS, Encoder, build_threads

__all__ = ["ARRAYS", "UnitVectors", "unit_text"]

EXACT_LIMIT = 20_000  # up to this many units every vector is compared (about 2 ms on one core)
PROBE = 24  # clusters read per question in a large library: measured recall@10 ≥ 0.95 (benchmarks/scale.py)
KMEANS_ROUNDS = 10
KMEANS_SAMPLE = 32  # vectors per cluster used to place the clusters
ARRAYS = ("vectors", "section_start", "centroids", "list_start", "unit_of_row", "heading_vectors")


def unit_text(section: Section, j: int) -> str:
    """What is embedded for unit j: its heading, then the unit."""
    return f"{section.heading}: {section.units[j].text}"


class UnitVectors:
    """Unit vectors (float32, unit length), by section, with an optional IVF for large libraries."""

    def __init__(self, vectors: np.ndarray, section_start: np.ndarray, centroids: np.ndarray,
                 list_start: np.ndarray, unit_of_row: np.ndarray, heading_vectors: np.ndarray) -> None:
        self.vectors = vectors  # (units, DIMENSIONS), in IVF row order when there are clusters
        self.section_start = section_start  # section s has unit ids section_start[s] .. section_start[s+1]-1
        self.centroids = centroids  # (clusters, DIMENSIONS); empty when the search is exact
        self.list_start = list_start  # rows of cluster c are list_start[c] .. list_start[c+1]-1
        self.unit_of_row = unit_of_row  # unit id of each row of vectors
        self.heading_vectors = heading_vectors  # (sections, DIMENSIONS): each section's heading alone
        self.row_of_unit = np.empty_like(unit_of_row)
        self.row_of_unit[unit_of_row] = np.arange(len(unit_of_row))

    @classmethod
    def build(cls, sections: Sequence[Section], encoder: Encoder,
              progress: Callable[[Iterable], Iterable] | None = None) -> UnitVectors:
        """Embed every unit of every section (the slow part of indexing: one model call a unit)."""
        texts = [unit_text(s, j) for s in sections for j in range(len(s.units))]
        counts = np.fromiter((len(s.units) for s in sections), dtype=np.int64, count=len(sections))
        section_start = np.concatenate([[0], np.cumsum(counts)])
        # Stored as float16 on disk; rounding here too keeps a fresh build and a cached load identical.
        vectors = encoder.encode(texts, threads=build_threads(), progress=progress)
        vectors = vectors.astype(np.float16).astype(np.float32)
        # Libraries repeat their headings ("What are the symptoms?"): each distinct one is embedded once.
        distinct = list(dict.fromkeys(s.heading for s in sections))
        row = {heading: i for i, heading in enumerate(distinct)}
        heading_vectors = encoder.encode(distinct, threads=build_threads()).astype(np.float16).astype(np.float32)
        heading_vectors = heading_vectors[[row[s.heading] for s in sections]] if sections else heading_vectors
        if len(vectors) <= EXACT_LIMIT:
            empty = np.zeros((0, DIMENSIONS), dtype=np.float32)
            return cls(vectors, section_start, empty, np.zeros(1, dtype=np.int64),
                       np.arange(len(vectors), dtype=np.int64), heading_vectors)
        centroids = _cluster(vectors, int(2 * np.sqrt(len(vectors))))
        assignment = _nearest_centroid(vectors, centroids)
        order = np.argsort(assignment, kind="stable")
        list_start = np.concatenate([[0], np.cumsum(np.bincount(assignment, minlength=len(centroids)))])
        return cls(vectors[order], section_start, centroids, list_start, order.astype(np.int64), heading_vectors)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> UnitVectors:
        """Vectors saved by to_arrays; ValueError if the arrays do not fit together."""
        vectors = arrays["vectors"].astype(np.float32)
        made = cls(vectors, arrays["section_start"], arrays["centroids"].astype(np.float32),
                   arrays["list_start"], arrays["unit_of_row"], arrays["heading_vectors"].astype(np.float32))
        if (vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS or made.section_start[-1] != len(vectors)
                or len(made.heading_vectors) != len(made.section_start) - 1
                or len(made.unit_of_row) != len(vectors) or made.list_start[-1] != len(vectors) * bool(len(made.centroids))):
            raise ValueError("cached vectors do not fit their index")
        return made

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for the on-disk cache (vectors as float16: half the size, same answers)."""
        return {"vectors": self.vectors.astype(np.float16), "section_start": self.section_start,
                "centroids": self.centroids, "list_start": self.list_start, "unit_of_row": self.unit_of_row,
                "heading_vectors": self.heading_vectors.astype(np.float16)}

    def section_similarities(self, sid: int, question: np.ndarray) -> np.ndarray:
        """Cosine of the question to each unit of one section, in unit order."""
        first, last = int(self.section_start[sid]), int(self.section_start[sid + 1])
        if not len(self.centroids):
            return self.vectors[first:last] @ question
        return self.vectors[self.row_of_unit[first:last]] @ question

    def section_mean_similarity(self, sid: int, question: np.ndarray) -> float:
        """Cosine of the question to the mean of a section's unit vectors (the section as a whole)."""
        first, last = int(self.section_start[sid]), int(self.section_start[sid + 1])
        if last == first:
            return 0.0
        rows = slice(first, last) if not len(self.centroids) else self.row_of_unit[first:last]
        mean = self.vectors[rows].mean(axis=0)
        return float(mean @ question / (np.linalg.norm(mean) or 1.0))

    def topics(self, limit: int = 5000) -> np.ndarray:
        """The distinct heading vectors (at most ``limit``): what the documents are about."""
        return np.unique(self.heading_vectors[:limit * 4], axis=0)[:limit] if len(self.heading_vectors) else self.heading_vectors

    def nearest(self, question: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k units most similar to the question (unit ids, cosines), best first."""
        if not len(self.centroids):
            rows, sims = np.arange(len(self.vectors)), self.vectors @ question
        else:
            lists = np.argpartition(-(self.centroids @ question), min(PROBE, len(self.centroids)) - 1)[:PROBE]
            rows = np.concatenate([np.arange(self.list_start[c], self.list_start[c + 1]) for c in lists])
            sims = np.concatenate([self.vectors[self.list_start[c]:self.list_start[c + 1]] @ question for c in lists])
        if len(sims) > k:
            keep = np.argpartition(-sims, k - 1)[:k]
            rows, sims = rows[keep], sims[keep]
        order = np.lexsort((rows, -sims))  # ties go to the earlier row: the same answer every time
        return self.unit_of_row[rows[order]], sims[order]

    def section_of(self, units: np.ndarray) -> np.ndarray:
        """The section id of each unit id."""
        return np.searchsorted(self.section_start, units, side="right") - 1


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
