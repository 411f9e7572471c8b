"""Unit vectors: exact search for a small library, an inverted file for a large one, and the cache arrays."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot import vectors
from qa_bot.vectors import DIMENSIONS, UnitVectors


def _library(n_units: int, n_sections: int, seed: int = 1) -> UnitVectors:
    """Unit-length vectors in loose clusters, as sentences about a few hundred topics are."""
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(300, DIMENSIONS))
    raw = topics[rng.integers(0, len(topics), n_units)] + 0.6 * rng.normal(size=(n_units, DIMENSIONS))
    unit = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float16).astype(np.float32)
    section_start = np.linspace(0, n_units, n_sections + 1).astype(np.int64)
    return UnitVectors.arrange(unit.copy(), section_start, unit[:1].copy(), np.zeros(n_sections, dtype=np.int64)), unit


def _exact(unit: np.ndarray, question: np.ndarray, k: int) -> set[int]:
    return set(np.argsort(-(unit @ question))[:k].tolist())


def test_a_small_library_is_searched_exactly(bot):
    library = bot.index.vectors
    assert not len(library.centroids)
    question = bot.encoder.question("how long should I ice")
    units, sims = library.nearest(question, 5)
    assert set(units.tolist()) == _exact(library.vectors, question, 5)
    assert list(sims) == sorted(sims, reverse=True)


def test_a_large_library_is_searched_through_clusters_and_finds_nearly_all_of_the_exact_top(monkeypatch):
    monkeypatch.setattr(vectors, "EXACT_LIMIT", 1000)
    library, unit = _library(6000, 600)
    assert len(library.centroids) == int(2 * np.sqrt(6000))
    assert sorted(library.list_units.tolist()) == list(range(6000))  # every unit in exactly one cluster
    sid = 123  # a section's vectors come back in unit order although rows are grouped by cluster
    first, last = library.section_start[sid], library.section_start[sid + 1]
    assert np.array_equal(library.section_similarities(sid, unit[0]), unit[first:last] @ unit[0])
    rng = np.random.default_rng(7)
    recall = []
    for row in rng.integers(0, 6000, 40):
        question = unit[row] + 0.3 * rng.normal(size=DIMENSIONS).astype(np.float32)
        question /= np.linalg.norm(question)
        found, _ = library.nearest(question, 10)
        recall.append(len(set(found.tolist()) & _exact(unit, question, 10)) / 10)
    assert np.mean(recall) >= 0.9


def test_clustering_is_deterministic(monkeypatch):
    monkeypatch.setattr(vectors, "EXACT_LIMIT", 1000)
    (first, _), (second, _) = _library(3000, 300), _library(3000, 300)
    assert np.array_equal(first.centroids, second.centroids) and np.array_equal(first.list_units, second.list_units)


def test_cache_arrays_round_trip_to_the_same_values(bot):
    library = bot.index.vectors
    again = UnitVectors.from_arrays(library.to_arrays())
    assert np.array_equal(again.vectors, library.vectors) and np.array_equal(again.headings, library.headings)
    sid = 3
    question = bot.encoder.question("what are the symptoms")
    assert np.array_equal(again.section_similarities(sid, question), library.section_similarities(sid, question))


@pytest.mark.parametrize("damage", ["short_vectors", "bad_heading", "bad_list"])
def test_cache_arrays_that_do_not_fit_are_refused(bot, damage):
    arrays = bot.index.vectors.to_arrays()
    if damage == "short_vectors":
        arrays["vectors"] = arrays["vectors"][:-1]
    elif damage == "bad_heading":
        arrays["heading_of_section"] = arrays["heading_of_section"] + 1000
    else:
        arrays["list_start"] = np.array([0, 5], dtype=np.int64)
    with pytest.raises(ValueError):
        UnitVectors.from_arrays(arrays)


def test_each_unit_knows_its_section(bot):
    library = bot.index.vectors
    for sid in (0, 5, len(library.section_start) - 2):
        first = int(library.section_start[sid])
        assert library.section_of(np.array([first]))[0] == sid
