"""``qa-bot serve``: gunicorn with the index built once, before the workers fork."""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

from gunicorn.app.base import BaseApplication

from qa_bot.config import Settings

__all__ = ["serve"]

log = logging.getLogger(__name__)


class _Gunicorn(BaseApplication):
    """Gunicorn configured in code: no config file, the app object passed in."""

    def __init__(self, app: Any, options: dict[str, Any]) -> None:
        self._app, self._options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # older gunicorn releases lack some settings
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self._app


def _child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def serve(settings: Settings, on_ready: Any = None) -> None:
    """Build the app (and its index) in this process, then run gunicorn's workers on it."""
    # Metrics from every worker are summed through files in this directory.
    metrics_dir = tempfile.mkdtemp(prefix="qa-bot-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    from qa_bot.channels.http import create_app

    app = create_app(settings)
    service = app.extensions["qa_bot"]
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
        "control_socket_disable": True,  # one socket per user would clash between several servers
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
    }
    log.info("serving %d documents (%d sections) with %d workers",
             len(service.bot.documents), sum(len(d.sections) for d in service.bot.documents), settings.workers)
    _Gunicorn(app, options).run()
