"""``qa-bot serve``: gunicorn with the index built once, before the workers fork.

SIGHUP (``qa-bot reload``, or POST /admin/reload) rebuilds the index in the master process; if
that works, gunicorn starts new workers on it and retires the old ones gracefully, so no request
is refused. If it fails, the old index keeps serving and the log says why.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from qa_bot.channels.common import SERVER_PID_VARIABLE
from qa_bot.config import Settings

__all__ = ["SERVER_PID_VARIABLE", "serve"]

log = logging.getLogger(__name__)


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


def serve(settings: Settings, on_ready: Any = None) -> None:
    """Build the app (and its index) in this process, then run gunicorn's workers on it."""
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
        log.info("serving %d documents (%d sections) with %d workers", len(service.bot.documents),
                 len(service.bot.index.sections), settings.workers)
        return app

    options = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": settings.workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "child_exit": _child_exit,
        "when_ready": on_ready or (lambda server: None),
        "post_fork": lambda server, worker: log.debug("worker %s started", worker.pid),
        "pidfile": str(settings.pidfile) if settings.pidfile else None,
        "control_socket_disable": True,  # one socket per user would clash between several servers
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
    }
    _Gunicorn(build, options).run()
