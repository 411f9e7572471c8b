"""Shared fixtures: real bots over the bundled corpus and over a small library of other documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.bot import Bot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LIBRARY = Path(__file__).resolve().parent / "data" / "library"


@pytest.fixture(scope="session")
def bot() -> Bot:
    return Bot.from_folder(CORPUS)


@pytest.fixture(scope="session")
def library_bot() -> Bot:
    return Bot.from_folder(LIBRARY)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in CORPUS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return folder
