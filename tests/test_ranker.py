"""The fitted ranker: it fits the features the code computes, it was fitted only on 'fit' sets, it is sane."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qa_bot.features import FEATURES
from qa_bot.ranker import SIGNALS, Ranker

from .conftest import ROOT


def test_bundled_weights_fit_the_features_and_signals_of_this_code():
    ranker = Ranker.load()
    assert len(ranker.weights) == len(FEATURES) and len(ranker.signal_weights) == len(SIGNALS)
    assert 0.0 < ranker.threshold < 1.0


def test_weights_fitted_for_other_features_are_refused(tmp_path):
    spec = json.loads((ROOT / "qa_bot" / "data" / "ranker.json").read_text())
    spec["features"] = [*spec["features"], "something_new"]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="fit_ranker"):
        Ranker.load(path)


def test_the_ranker_was_fitted_on_fit_sets_only_never_on_held_out_ones():
    registry = json.loads((ROOT / "eval" / "sets.json").read_text())["sets"]
    fitted_on = set(Ranker.load().spec["fitted_on"]["sets"])
    assert fitted_on == {s["name"] for s in registry if s["use"] == "fit"}
    assert not fitted_on & {s["name"] for s in registry if s["use"] != "fit"}


def test_confidence_rises_with_the_share_of_the_question_the_answer_covers():
    ranker = Ranker.load()
    base = dict.fromkeys(SIGNALS, 0.0) | {"score": 5.0, "margin": 1.0, "cosine": 0.6, "section_cosine": 0.6}
    low, high = ranker.confidence(base | {"coverage": 0.2}), ranker.confidence(base | {"coverage": 1.0})
    assert 0.0 <= low < high <= 1.0


def test_more_meaning_and_more_words_in_common_score_higher():
    ranker = Ranker.load()
    rows = np.zeros((2, len(FEATURES)))
    for name in ("context_coverage", "cosine", "section_cosine"):
        rows[1, FEATURES.index(name)] = 1.0
    first, second = ranker.scores(rows)
    assert second > first


def test_a_blank_ranker_scores_everything_alike():
    assert not Ranker.blank().scores(np.ones((3, len(FEATURES)))).any()
