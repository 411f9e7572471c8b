"""The index scores exactly as rank-bm25 defines BM25, without its per-passage loop."""

from __future__ import annotations

import random

import numpy as np
import pytest

from qa_bot.documents import Document
from qa_bot.index import VARIANTS, Index
from qa_bot.loader import load_corpus
from qa_bot.parse import parse_plain
from qa_bot.text import analyze

from .conftest import CORPUS, LIBRARY

QUESTIONS = ["how long should I ice", "gluteus medius pain hip", "bridge exercise too easy",
             "trigger point injection complications", "unknownword", "pain pain pain"]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("folder", [CORPUS, LIBRARY])
def test_scores_equal_rank_bm25_get_scores(variant, folder):
    index = Index(load_corpus(folder), variant=variant)
    reference = index.reference_model()
    for question in QUESTIONS:
        terms = analyze(question)
        assert np.allclose(index.scores(terms), reference.get_scores(terms), atol=1e-9, rtol=0)


def _random_document(rng: random.Random, n: int) -> Document:
    vocabulary = [f"w{i}" for i in range(60)]
    parts = ["Random Title"]
    for s in range(n):
        parts.append(f"Heading {s} {rng.choice(vocabulary)}")
        sentence = " ".join(rng.choices(vocabulary, weights=range(60, 0, -1), k=rng.randint(3, 30)))
        parts.append(sentence.capitalize() + ".")
    text = "\n\n".join(parts) + "\n"
    title, sections = parse_plain(text, "random")
    return Document("random", title, "random.txt", text, tuple(sections))


@pytest.mark.parametrize("seed", range(5))
def test_scores_equal_rank_bm25_on_random_corpora(seed):
    rng = random.Random(seed)
    index = Index([_random_document(rng, rng.randint(3, 40))], variant=["plus", "okapi", "l"][seed % 3])
    reference = index.reference_model()
    for _ in range(20):
        terms = [f"w{rng.randint(0, 70)}" for _ in range(rng.randint(1, 6))]
        assert np.allclose(index.scores(terms), reference.get_scores(terms), atol=1e-9, rtol=0)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_top_k_agrees_with_sorting_every_score(variant):
    index = Index(load_corpus(LIBRARY), variant=variant)
    for question in QUESTIONS:
        query = {t: 1.0 for t in analyze(question)}
        ids, scores = index.top(query, 5)
        full = index.scores(query)
        assert np.allclose(scores, np.sort(full[ids])[::-1])
        if len(ids):
            assert np.isclose(scores[0], full.max())
            assert set(ids) <= set(np.flatnonzero(full >= np.sort(full)[-5] - 1e-12))


def test_top_k_is_exact_on_a_larger_zipfian_corpus():
    rng = random.Random(3)
    index = Index([_random_document(rng, 600)], variant="plus")
    for _ in range(200):
        query = {f"w{rng.randint(0, 70)}": rng.choice([1.0, 0.5, 0.25]) for _ in range(rng.randint(1, 6))}
        full = index.scores(query)
        for k in (1, 8, 50):
            ids, scores = index.top(query, k)
            expected = np.argsort(-full, kind="stable")[: len(ids)]
            assert np.allclose(scores, full[expected])
            assert set(ids) == set(expected) or np.allclose(np.sort(full[ids]), np.sort(full[expected]))


def test_weighted_query_scales_each_term():
    index = Index(load_corpus(CORPUS))
    one = index.scores({"ice": 1.0})
    half = index.scores({"ice": 0.5})
    assert np.allclose(half, one / 2)


def test_unknown_variant_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown BM25 variant"):
        Index(load_corpus(CORPUS), variant="bm99")
