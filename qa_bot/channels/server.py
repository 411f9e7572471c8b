"""``qa-bot serve``: gunicorn with the index built once, before the workers fork.

SIGHUP (``qa-bot reload``, or POST /admin/reload) rebuilds the index in the master process; if
that works, gunicorn starts new workers on it and retires the old ones gracefully, so no request
is refused. If it fails, the old index keeps serving and the log says why.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

from qa_bot.channels.common import SERVER_PID_VARIABLE
from qa_bot.config import Settings
from qa_bot.errors import ConfigError

__all__ = ["ACCESS_LOG", "SERVER_PID_VARIABLE", "check_pidfile", "serve"]

log = logging.getLogger(__name__)
# The Combined Log Format plus the duration in milliseconds. A query string may carry what a person
# typed, so it is logged only when QA_BOT_LOG_QUESTIONS allows storing question text.
ACCESS_LOG_QUESTIONS = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
ACCESS_LOG = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


class _Gunicorn(BaseApplication):
    """Gunicorn configured in code: no config file, the app built by our factory."""

    def __init__(self, build: Callable[[], Any], options: dict[str, Any]) -> None:
        self._build, self._options = build, options
        self._app = build()
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # older gunicorn releases lack some settings
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self._app

    def reload(self) -> None:
        super().reload()
        started = time.perf_counter()
        try:
            app = self._build()
        except Exception:
            log.exception("reload failed; the previous index keeps serving")
            return
        self._app = self.callable = app
        log.info("reloaded the corpus in %.2f s; new workers will serve it", time.perf_counter() - started)


def _child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def _worker_exit(server: Any, worker: Any) -> None:
    """End a worker without Python's clean-up: ONNX Runtime's session, made before the fork, hangs or
    aborts when a forked child destroys it ("terminate called ... Invalid argument")."""
    code = getattr(sys.exc_info()[1], "code", 0)  # gunicorn's own exit codes (a boot error is 3) pass through
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _holder(pid: int) -> str:
    """The command line of a process, where the system shows it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)[:200]


def check_pidfile(pidfile: Path | None) -> None:
    """ConfigError if another live process holds the pid file; a stale file is simply replaced."""
    if pidfile is None:
        return
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    except PermissionError:
        pass  # alive, and someone else's
    if pid == os.getpid():
        return
    command = _holder(pid)
    raise ConfigError(
        f"another server holds the pid file {pidfile}: process {pid}" + (f" ({command})" if command else "")
        + f". Stop it (kill {pid}), or give this server its own file: QA_BOT_PIDFILE=other.pid qa-bot serve "
        "(and another --port)")


def serve(settings: Settings, on_ready: Any = None) -> None:
    """Build the app (and its index) in this process, then run gunicorn's workers on it."""
    check_pidfile(settings.pidfile)  # before the corpus is loaded: say so at once
    # Metrics from every worker are summed through files in this directory.
    metrics_dir = tempfile.mkdtemp(prefix="qa-bot-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    os.environ[SERVER_PID_VARIABLE] = str(os.getpid())
    # prometheus_client chooses its multiprocess mode when first imported, so the app (and with it
    # the metrics) is imported only now that PROMETHEUS_MULTIPROC_DIR is set. Not a circle: http.py
    # never imports this module.
    from qa_bot.channels.http import create_app

    def build() -> Any:
        app = create_app(settings)
        service = app.extensions["qa_bot"]
        log.info("serving %s (%s) with %s", _count(len(service.bot.documents), "document"),
                 _count(len(service.bot.index.sections), "section"), _count(settings.workers, "worker"))
        return app

    options = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": settings.workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        # Files go out through write(), not sendfile(): gunicorn's sendfile path counts no bytes, so the access
        # log said "200 0" for the widget. The files are small (the widget, the favicon); the cost is nil.
        "sendfile": False,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_QUESTIONS if settings.log_questions else ACCESS_LOG,
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "child_exit": _child_exit,
        "worker_exit": _worker_exit,
        "when_ready": on_ready or (lambda server: None),
        "post_fork": lambda server, worker: log.debug("worker %s started", worker.pid),
        "pidfile": str(settings.pidfile) if settings.pidfile else None,
        "control_socket_disable": True,  # one socket per user would clash between several servers
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
    }
    _Gunicorn(build, options).run()
