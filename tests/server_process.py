"""Start the real `qa-bot serve` on a free port for tests, and stop it afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def require_program(path: str, package: str) -> None:
    """Skip on a developer machine without a program; under CI=true its absence is a failure."""
    import pytest

    if os.path.exists(path):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{path} not found; .ci/run installs it with apt-get install {package}")
    pytest.skip(f"{path} is not installed (apt-get install {package}); CI always runs these tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(env: dict[str, str], workers: int = 2, timeout: float = 60) -> Iterator[str]:
    """Yield the base URL of a `qa-bot serve` process, started with extra environment variables."""
    port = free_port()
    state = Path(env.get("QA_BOT_DB") or tempfile.mkdtemp(prefix="qa-bot-test-"))
    env = {"QA_BOT_PIDFILE": str(state.with_suffix(".pid")), "QA_BOT_CACHE_DIR": str(state.parent / "cache"),
           "QA_BOT_RATE_LIMIT": "100000/minute", **env}
    log = state.with_suffix(".log")
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "qa_bot", "serve", "--port", str(port), "--workers", str(workers)],
            cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"qa-bot serve exited: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"qa-bot serve did not start: {log.read_text(errors='replace')}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
