"""A real redis-server (Debian's package) on a free local port, for the tests that share state."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .server_process import free_port, require_program

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


def require_redis() -> None:
    """redis-server must be there under CI; elsewhere its absence skips these tests."""
    require_program(REDIS, "redis-server")


@contextmanager
def running_redis(folder: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield (redis URL, process) of a throwaway redis-server that keeps nothing on disk."""
    require_redis()
    port = free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(folder), "--protected-mode", "yes"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
