"""Format readers run in a child process with memory and time limits: no file can take the loader down.

HTML, PDF and Word parsers are large libraries reading untrusted bytes; a zip bomb, an inflating
stream or a pathological layout would otherwise cost the server its memory or minutes of CPU.
The child is an ordinary ``python -m qa_bot.formats.sandbox`` talking JSON over its pipes.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

from qa_bot.formats.build import Extracted, Piece
from qa_bot.formats.errors import Unreadable

__all__ = ["MEMORY_LIMIT", "NAMES", "TIME_LIMIT", "Sandbox"]

TIME_LIMIT = 20.0  # seconds one file may take to read
MEMORY_LIMIT = 1024 * 2**20  # bytes of memory a reader may use on top of the child's own start-up
START_LIMIT = 60.0  # seconds the child may take to start (imports on a busy machine)
NAMES = {"webpage": "HTML", "pdf": "PDF", "word": "Word (.docx)"}


def _send(stream: Any, message: object) -> None:
    data = json.dumps(message).encode()
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _read_exactly(stream: Any, n: int) -> bytes:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _receive(stream: Any) -> Any:
    return json.loads(_read_exactly(stream, int.from_bytes(_read_exactly(stream, 8), "big")))


class Sandbox:
    """One child process that reads files on request; replaced when a file breaks a limit."""

    def __init__(self, time_limit: float | None = None, memory_limit: int | None = None) -> None:
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self.memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
        self._child: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def read(self, reader: str, path: Path) -> Extracted:
        """What the reader found in the file; Unreadable if it cannot be read within the limits."""
        if reader not in NAMES:
            raise ValueError(f"no sandboxed reader called {reader!r}")
        child = self._start()
        try:
            _send(child.stdin, [reader, str(path)])
        except OSError:  # the child died since it last answered
            self.close()
            raise Unreadable("the document reader stopped unexpectedly", transient=True) from None
        reply = self._wait(child, self.time_limit, f"reading took longer than {self.time_limit:g} s")
        if reply.get("fatal"):
            self.close()  # the child is on its way out; the next file gets a new one
        if "error" in reply:
            raise Unreadable(reply["error"])
        return Extracted(reply["title"], [Piece(*p) for p in reply["pieces"]], tuple(reply["notes"]))

    def _wait(self, child: subprocess.Popen[bytes], timeout: float, late: str) -> Any:
        ready, _, _ = select.select([child.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise Unreadable(late, transient=True)
        try:
            return _receive(child.stdout)
        except (EOFError, OSError, ValueError):
            self.close()
            raise Unreadable(f"the reader stopped: it needed more than {self.memory_limit // 2**20} MiB "
                             "of memory, or crashed", transient=True) from None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._child is not None and self._child.poll() is None:
            return self._child
        self.close()
        self._child = subprocess.Popen(
            [sys.executable, "-m", "qa_bot.formats.sandbox", str(self.memory_limit)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        self._wait(self._child, START_LIMIT, "the document reader did not start")
        return self._child

    def close(self) -> None:
        """Stop the child, if one is running."""
        child, self._child = self._child, None
        if child is None:
            return
        child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()


def _limit_memory(extra: int) -> None:
    """Cap the address space at what the process uses now plus ``extra`` (Linux; elsewhere no cap)."""
    try:
        import resource

        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    resource.setrlimit(resource.RLIMIT_AS, (used + extra, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _read(reader: str, path: str) -> dict[str, Any]:
    module = importlib.import_module(f"qa_bot.formats.{reader}")
    found = module.read(Path(path).read_bytes())
    return {"title": found.title, "pieces": [list(p) for p in found.pieces], "notes": list(found.notes)}


def main() -> None:
    """The child: answer one [reader, path] request after another until the pipe closes."""
    logging.disable(logging.CRITICAL)  # parsers log about every malformed object; the reply says enough
    requests, replies = sys.stdin.buffer, os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # a library's stray print must not corrupt the replies
    _limit_memory(int(sys.argv[1]))
    _send(replies, {"ready": True})
    while True:
        try:
            reader, path = _receive(requests)
        except EOFError:
            return
        try:
            reply = _read(reader, path)
        except Unreadable as exc:
            reply = {"error": str(exc)}
        except MemoryError:
            _send(replies, {"error": f"needs more than {int(sys.argv[1]) // 2**20} MiB of memory", "fatal": True})
            return  # a process that ran out of memory is not trusted with the next file
        except RecursionError:
            reply = {"error": "its structure is nested too deeply"}
        except Exception as exc:  # a library's own error on a malformed file: the file is unreadable
            reply = {"error": f"not a readable {NAMES[reader]} file ({type(exc).__name__})"}
        _send(replies, reply)


if __name__ == "__main__":
    main()
