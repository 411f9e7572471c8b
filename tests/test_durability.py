"""Feedback and content-gap rows: nothing lost under concurrency or a crash; storage faults never block answers."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from qa_bot.channels.http import create_app
from qa_bot.config import Settings
from qa_bot.service import Service
from qa_bot.store import Store

from .conftest import CORPUS
from .server_process import ROOT, free_port

ROWS_PER_PROCESS = 250


def _write_rows(path: str, worker: int) -> None:
    store = Store(path)
    for i in range(ROWS_PER_PROCESS):
        assert store.add_feedback(f"c{worker}-{i}", i % 2 == 0, f"comment {i}", {})


def test_concurrent_writers_in_four_processes_lose_nothing(tmp_path):
    path = str(tmp_path / "qa.sqlite3")
    Store(path).check()
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_write_rows, args=(path, w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT conversation_id) FROM feedback").fetchone() == (
            4 * ROWS_PER_PROCESS, 4 * ROWS_PER_PROCESS)


RATED = {"document": "gluteus-medius-syndrome", "section": "Follow these instructions at home"}  # a real section


def test_kill_9_loses_no_acknowledged_row(tmp_path):
    db = tmp_path / "qa.sqlite3"
    port = free_port()
    env = {**os.environ, "QA_BOT_DB": str(db), "QA_BOT_PIDFILE": str(tmp_path / "qa.pid"),
           "QA_BOT_CACHE_DIR": str(tmp_path / "cache"), "QA_BOT_RATE_LIMIT": "off"}
    proc = subprocess.Popen([sys.executable, "-m", "qa_bot", "serve", "--port", str(port), "--workers", "2"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    stop = threading.Event()

    def load() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            cid = f"kill-test-{threading.get_ident()}-{n}"
            request = urllib.request.Request(base + "/api/feedback", method="POST",
                                             data=json.dumps({"conversation_id": cid, "helpful": True, **RATED}).encode(),
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 204:
                        acknowledged.append(cid)
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.01)

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        threads = [threading.Thread(target=load) for _ in range(4)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 200:
            assert proc.poll() is None and time.monotonic() < deadline, "the server died or never acknowledged"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)  # master and workers, mid-load
        stop.set()
        for t in threads:
            t.join(10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT conversation_id FROM feedback")}
    assert set(acknowledged) <= stored


def _client(bot, path):
    settings = Settings(corpus=CORPUS, database=path)
    service = Service(bot, Store(path), settings)
    return create_app(settings, service).test_client(), service


def test_a_locked_database_neither_blocks_nor_breaks_answers(bot, tmp_path, caplog):
    path = tmp_path / "qa.sqlite3"
    client, service = _client(bot, path)
    service.store.check()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        answer = client.post("/api/ask", json={"question": "what is the capital of France"})
        feedback = client.post("/api/feedback", json={"conversation_id": "x", "helpful": False, **RATED})
        elapsed = time.monotonic() - started
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert answer.status_code == 200 and answer.get_json()["kind"] == "abstain"
    assert feedback.status_code == 503  # never a 204 for a row that was not stored
    assert elapsed < 3.0
    assert "database is locked" in caplog.text


def test_a_read_only_or_full_database_drops_the_row_with_a_logged_error(bot, tmp_path, caplog):
    path = tmp_path / "qa.sqlite3"
    client, service = _client(bot, path)
    service.store.check()
    with sqlite3.connect(path) as conn:  # real SQLite errors, raised by the database itself
        conn.execute("CREATE TRIGGER ro BEFORE INSERT ON feedback BEGIN SELECT RAISE(ABORT, "
                     "'attempt to write a readonly database'); END")
        conn.execute("CREATE TRIGGER full BEFORE INSERT ON unanswered BEGIN SELECT RAISE(ABORT, "
                     "'database or disk is full'); END")
    dropped = client.post("/api/feedback", json={"conversation_id": "x", "helpful": True, **RATED})
    assert dropped.status_code == 503 and dropped.get_json()["error"]["code"] == "storage_unavailable"
    answer = client.post("/api/ask", json={"question": "Is surgery needed?"})
    assert answer.status_code == 200 and answer.get_json()["kind"] == "abstain"
    assert "readonly database" in caplog.text and "disk is full" in caplog.text
