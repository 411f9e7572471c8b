"""Prometheus metrics via prometheus-client: requests by route and status, answers, latency.

Under gunicorn, ``qa-bot serve`` sets PROMETHEUS_MULTIPROC_DIR before any worker starts, so
/metrics adds up every worker's counts.
"""

from __future__ import annotations

import os
import time

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

__all__ = ["Metrics", "install"]

REQUESTS = Counter("qa_bot_http_requests_total", "HTTP requests by route, method and status",
                   ["route", "method", "status"])
ANSWERS = Counter("qa_bot_answers_total", "Answers by kind", ["kind"])
ANSWER_SECONDS = Histogram("qa_bot_answer_seconds", "Time to answer one question",
                           buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0))
WORKER_RSS = Gauge("qa_bot_worker_resident_bytes", "Resident memory of each worker process",
                   multiprocess_mode="all")
REQUEST_SECONDS = Histogram("qa_bot_http_request_seconds", "HTTP request duration by route", ["route"],
                            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0))


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int:
    """This process's resident memory (Linux /proc; 0 where unavailable)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


class Metrics:
    """What the routes record beyond the per-request counters."""

    @staticmethod
    def answered(kind: str, seconds: float) -> None:
        ANSWERS.labels(kind=kind).inc()
        ANSWER_SECONDS.observe(seconds)


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def install(app: Flask) -> Metrics:
    """Count every request and serve GET /metrics."""

    @app.before_request
    def _start() -> None:
        g.qa_bot_started = time.perf_counter()

    @app.after_request
    def _count(response: Response) -> Response:
        # Label by route pattern, never by raw path, so label values stay few.
        route = request.url_rule.rule if request.url_rule else "unmatched"
        REQUESTS.labels(route=route, method=request.method, status=str(response.status_code)).inc()
        started = g.get("qa_bot_started")
        if started is not None:
            REQUEST_SECONDS.labels(route=route).observe(time.perf_counter() - started)
        return response

    @app.get("/metrics")
    def metrics() -> Response:
        WORKER_RSS.set(resident_bytes())
        return Response(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST.split(";")[0],
                        headers={"Content-Type": CONTENT_TYPE_LATEST})

    return Metrics()
