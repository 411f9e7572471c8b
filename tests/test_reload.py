"""Reloading a running server's corpus: no refused request, and a failed reload keeps the old index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from .conftest import LIBRARY
from .server_process import ROOT, running_server

NEW_SECTION = "\nSwimming\n\nSwimming is a good way to stay fit while your ankle heals.\n"


def _ask(base: str, question: str) -> dict:
    request = urllib.request.Request(base + "/api/ask", data=json.dumps({"question": question}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


class Hammer(threading.Thread):
    """Asks questions without pause and counts every request that failed."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base, self.ok, self.failed, self.running = base, 0, [], True

    def run(self) -> None:
        while self.running:
            try:
                _ask(self.base, "Do I need crutches?")
                self.ok += 1
            except (OSError, ValueError) as exc:
                self.failed.append(repr(exc))


def test_reload_without_downtime_and_a_failed_reload_keeps_serving(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(LIBRARY, corpus)
    pidfile = tmp_path / "qa.pid"
    env = {"QA_BOT_CORPUS": str(corpus), "QA_BOT_DB": str(tmp_path / "qa.sqlite3"), "QA_BOT_PIDFILE": str(pidfile),
           "QA_BOT_ADMIN_TOKEN": "s3cret-admin-token"}
    with running_server(env) as base:
        assert "Swimming is a good way" not in _ask(base, "can I go swimming with a sprained ankle?")["answer"]
        hammer = Hammer(base)
        hammer.start()
        try:
            with open(corpus / "ankle-sprain.txt", "a", encoding="utf-8") as f:
                f.write(NEW_SECTION)
            proc = subprocess.run([sys.executable, "-m", "qa_bot", "reload"], cwd=ROOT, capture_output=True,
                                  text=True, env={**os.environ, **env}, timeout=60)
            assert proc.returncode == 0, proc.stderr
            assert _wait_for(lambda: "Swimming is a good way" in
                             _ask(base, "can I go swimming with a sprained ankle?")["answer"])

            # Break the corpus, then reload through the admin route: the old index must keep serving.
            for path in corpus.iterdir():
                path.write_bytes(b"")
            unauthorized = urllib.request.Request(base + "/admin/reload", method="POST")
            try:
                urllib.request.urlopen(unauthorized, timeout=10)
                raise AssertionError("reload without a token must be refused")
            except urllib.error.HTTPError as exc:
                assert exc.code == 401
            authorized = urllib.request.Request(base + "/admin/reload", method="POST",
                                                headers={"Authorization": "Bearer s3cret-admin-token"})
            with urllib.request.urlopen(authorized, timeout=10) as response:
                assert response.status == 202
            log = tmp_path / "qa.log"
            assert _wait_for(lambda: "reload failed" in log.read_text(errors="replace"))
            time.sleep(1)
            assert "Swimming is a good way" in _ask(base, "can I go swimming with a sprained ankle?")["answer"]
        finally:
            hammer.running = False
            hammer.join(timeout=15)
        assert hammer.failed == [] and hammer.ok > 20
