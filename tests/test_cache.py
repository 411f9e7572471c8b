"""The on-disk index cache: reused while files are unchanged, rebuilt when changed, foreign or corrupt."""

from __future__ import annotations

import logging
import shutil

import numpy as np
import pytest

from qa_bot import triage
from qa_bot.bot import Bot
from qa_bot.documents import LazySections
from qa_bot.embedding import Encoder

from .conftest import CORPUS, LIBRARY

QUESTIONS = ["how long should I ice", "Do I need crutches?", "What causes plantar fasciitis?", "hi",
             "what is the capital of France", "and how long do I hold it?"]


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    return folder


def _answers(bot):
    return [bot.ask(q, ["how do I do the calf stretch against a wall?"]).to_dict() for q in QUESTIONS]


def test_second_load_comes_from_the_cache_and_answers_the_same(library, tmp_path, caplog):
    cache = tmp_path / "cache"
    built = Bot.from_folder(library, cache_dir=cache)
    assert len(list(cache.glob("index-*.npz"))) == 1
    with caplog.at_level(logging.INFO, logger="qa_bot.library"):
        cached = Bot.from_folder(library, cache_dir=cache)
    assert "loaded the index" in caplog.text
    assert isinstance(cached.index.sections, LazySections)
    assert _answers(cached) == _answers(built)
    query = {"ankl": 1.0, "ice": 0.5}
    assert np.allclose(cached.index.scores(query), built.index.scores(query))
    assert [s.heading for d in cached.documents for s in d.sections] == \
           [s.heading for d in built.documents for s in d.sections]


def test_a_changed_file_rebuilds(library, tmp_path):
    cache = tmp_path / "cache"
    Bot.from_folder(library, cache_dir=cache)
    with open(library / "ankle-sprain.txt", "a", encoding="utf-8") as f:
        f.write("\nSwimming\n\nSwimming is a good way to stay fit while your ankle heals.\n")
    bot = Bot.from_folder(library, cache_dir=cache)
    assert len(list(cache.glob("index-*.npz"))) == 2
    assert "Swimming is a good way" in bot.ask("can I go swimming with a sprained ankle?").answer


@pytest.mark.parametrize("damage", [
    lambda p: p.write_bytes(b"not a zip file at all"),
    lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    lambda p: np.savez(p, key=np.array([object()], dtype=object)),
])
def test_a_corrupt_cache_is_ignored_and_rebuilt(library, tmp_path, caplog, damage):
    cache = tmp_path / "cache"
    Bot.from_folder(library, cache_dir=cache)
    (path,) = cache.glob("index-*.npz")
    damage(path)
    with caplog.at_level(logging.WARNING):
        bot = Bot.from_folder(library, cache_dir=cache)
    assert "ignoring index cache" in caplog.text
    assert bot.ask("Do I need crutches?").kind == "answer"
    assert Bot.from_folder(library, cache_dir=cache).ask("Do I need crutches?").kind == "answer"  # rewritten


def test_a_foreign_cache_under_our_name_is_rejected(library, tmp_path, caplog):
    cache = tmp_path / "cache"
    Bot.from_folder(library, cache_dir=cache)
    (ours,) = cache.glob("index-*.npz")
    other_cache = tmp_path / "other"
    Bot.from_folder(CORPUS, cache_dir=other_cache)
    (theirs,) = other_cache.glob("index-*.npz")
    shutil.copy(theirs, ours)
    with caplog.at_level(logging.WARNING):
        bot = Bot.from_folder(library, cache_dir=cache)
    assert "other files or code" in caplog.text
    assert bot.ask("Do I need crutches?").citations[0].title == "Ankle Sprain, Adult"


def test_skipped_files_are_still_reported_from_the_cache(library, tmp_path, caplog):
    (library / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    cache = tmp_path / "cache"
    Bot.from_folder(library, cache_dir=cache)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        Bot.from_folder(library, cache_dir=cache)
    assert "broken.txt" in caplog.text


def test_an_unwritable_cache_folder_only_warns(library, tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING):
        bot = Bot.from_folder(library, cache_dir=blocker / "cache")
    assert "could not write the index cache" in caplog.text
    assert bot.ask("Do I need crutches?").kind == "answer"


class _NoCorpusEmbedding(Encoder):
    """The real model, except that embedding a corpus is an error: a cached start must not need it."""

    def encode(self, texts, threads=1, progress=None):
        raise AssertionError(f"asked to embed {len(texts)} texts on a cached start")


def test_a_cached_start_reloads_the_vectors_and_never_embeds_the_corpus(library, tmp_path):
    cache = tmp_path / "cache"
    built = Bot.from_folder(library, cache_dir=cache)
    cached = Bot.from_folder(library, cache_dir=cache, encoder=_NoCorpusEmbedding())
    assert np.array_equal(cached.index.vectors.vectors, built.index.vectors.vectors)
    assert cached.ask("how long should I ice my ankle").to_dict() == built.ask("how long should I ice my ankle").to_dict()
    assert len(list(cache.glob("intents-*.npz"))) == 1  # the message-kind exemplars' vectors are kept too
    assert len(list(cache.glob("triage-*.npz"))) == 1  # ... and the safety model fitted on them


def test_a_cached_start_reuses_the_fitted_triage_model(library, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    built = Bot.from_folder(library, cache_dir=cache)
    triage._models.clear()  # as in a new process: nothing fitted in memory
    monkeypatch.setattr(triage, "_logistic", _refuse_to_fit)
    cached = Bot.from_folder(library, cache_dir=cache)
    restored, fitted = cached.triage.model.arrays(), built.triage.model.arrays()
    assert all(np.array_equal(restored[name], fitted[name]) for name in fitted)
    assert cached.ask("my lips are swelling up since the jab").kind == "safety"


def _refuse_to_fit(*_):
    raise AssertionError("the triage model was fitted again on a cached start")


def test_a_cache_built_from_another_copy_of_the_folder_serves_this_copy_s_files(library, tmp_path, monkeypatch):
    from qa_bot.channels.http import create_app
    from qa_bot.config import Settings
    from qa_bot.service import Service
    from qa_bot.store import Store

    cache = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    Bot.from_folder("library", cache_dir=cache)  # built from a relative path, as `qa-bot ask --corpus library` does
    copy = tmp_path / "elsewhere" / "library"
    shutil.copytree(library, copy)
    monkeypatch.chdir(copy.parent.parent.parent)  # a working directory where "library" means nothing
    bot = Bot.from_folder(copy, cache_dir=cache)
    assert {d.path for d in bot.documents} == {str(p.resolve()) for p in copy.iterdir()}
    settings = Settings(corpus=copy, database=tmp_path / "db.sqlite3")
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    response = client.get("/docs/plantar-fasciitis/original")
    assert response.status_code == 200 and response.get_data() == (copy / "plantar-fasciitis.md").read_bytes()
    (copy / "plantar-fasciitis.md").unlink()
    assert client.get("/docs/plantar-fasciitis/original").status_code == 404
