"""The sentence-embedding model: the shipped files, what its vectors mean, and input it must survive."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from qa_bot.embedding import DIMENSIONS, MAX_TOKENS, Encoder, shared_encoder
from qa_bot.errors import ModelError

MODEL = Path(str(resources.files("qa_bot.data").joinpath("model")))


def test_shipped_model_files_match_the_checksums_the_export_script_wrote():
    manifest = json.loads((MODEL / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"model.onnx", "tokenizer.json"}
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((MODEL / name).read_bytes()).hexdigest() == digest, name
    assert (MODEL / "model.onnx").stat().st_size <= 30 * 1024 * 1024
    assert manifest["licence"] == "Apache-2.0" and manifest["dimensions"] == DIMENSIONS


def test_vectors_are_unit_length_and_closeness_follows_meaning():
    vectors = shared_encoder().encode([
        "Leave the ice on for 20 minutes, 2–3 times a day.",
        "how long can I keep the cold pack on",
        "The muscle runs from the top of the pelvis to the thigh bone.",
    ])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[1] @ vectors[2] + 0.2


def test_a_question_gets_the_same_vector_every_time_and_its_batched_twin_is_close():
    encoder = shared_encoder()
    alone = encoder.question("how long should I ice my hip")
    assert np.array_equal(alone, encoder.question("how long should I ice my hip"))
    batched = encoder.encode(["how long should I ice my hip", "Rest and ice help."])[0]
    assert float(alone @ batched) > 0.97


def test_corpus_vectors_depend_only_on_the_texts_and_their_order():
    texts = [f"Sentence number {i} about hips and knees." for i in range(40)]
    encoder = shared_encoder()
    assert np.array_equal(encoder.encode(texts, threads=1), encoder.encode(texts, threads=2))


@pytest.mark.parametrize("text", ["", "\udcff0 lone surrogate", "👋🏽🦵", "word " * 5000, "\x00\x1f control"])
def test_any_text_a_client_can_send_gets_a_finite_vector(text):
    vector = shared_encoder().question(text)
    assert vector.shape == (DIMENSIONS,) and np.isfinite(vector).all()


def test_long_texts_are_cut_at_the_token_limit():
    encoder = shared_encoder()
    long = "the gluteus medius muscle stabilises the hip " * 200
    assert np.array_equal(encoder.question(long), encoder.question(long + " and much more text after the limit"))
    assert MAX_TOKENS <= 256  # the model's own limit


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="reinstall"):
        Encoder(tmp_path)


def test_progress_is_reported_for_every_text():
    seen: list[int] = []

    def progress(items):
        return (seen.append(i) or i for i in items)

    shared_encoder().encode([f"text {i}" for i in range(37)], progress=progress)
    assert len(seen) == 37
