"""Per-client rate limits with the `limits` library (the engine of Flask-Limiter), kept to one check
per request: counters in Redis when configured, else in the worker.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, jsonify, request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.middleware.proxy_fix import ProxyFix

from qa_bot.config import Settings

__all__ = ["RateLimits", "install"]

log = logging.getLogger(__name__)
LOG_EVERY = 60.0


class RateLimits:
    """Fixed-window counters per client and per route group."""

    def __init__(self, storage_uri: str) -> None:
        self.shared = FixedWindowRateLimiter(storage_from_string(storage_uri))
        self.local = FixedWindowRateLimiter(MemoryStorage())  # if the shared store is unreachable
        self._logged = 0.0

    def blocked(self, items: list[RateLimitItem], scope: str, client: str) -> int:
        """0 if the request may go ahead, else the seconds until the client may try again."""
        for item in items:
            try:
                allowed = self.shared.hit(item, scope, client)
                limiter = self.shared
            except Exception as exc:  # Redis down: count in this worker rather than refuse or fail requests
                if time.monotonic() - self._logged > LOG_EVERY:
                    self._logged = time.monotonic()
                    log.error("rate-limit storage unavailable, counting in this worker: %s", exc)
                allowed, limiter = self.local.hit(item, scope, client), self.local
            if not allowed:
                reset = limiter.get_window_stats(item, scope, client).reset_time
                return max(1, math.ceil(reset - time.time()))
        return 0

    def wrap(self, view: Callable[..., Any], limit: str, scope: str) -> Callable[..., Any]:
        """The view behind the limit: over it, a JSON 429 with Retry-After."""
        items = parse_many(limit)

        @wraps(view)
        def limited(*args: Any, **kwargs: Any) -> Any:
            wait = self.blocked(items, scope, request.remote_addr or "unknown")
            if wait:
                response: Response = jsonify(error={"code": "rate_limited",
                                                    "message": f"too many requests; try again in {wait} s ({limit})"})
                response.status_code = 429
                response.headers["Retry-After"] = str(wait)
                return response
            return view(*args, **kwargs)

        return limited


def install(app: Flask, settings: Settings) -> RateLimits | None:
    """Limit /api/ask, /api/feedback and the webhooks; believe X-Forwarded-For only from trusted proxies."""
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)  # type: ignore[method-assign]
    if not settings.rate_limit and not settings.webhook_rate_limit:
        return None
    limits = RateLimits(settings.redis_url or "memory://")
    for endpoint in app.view_functions:
        blueprint = endpoint.split(".", 1)[0]
        if settings.rate_limit and endpoint in ("api.ask", "api.feedback"):
            app.view_functions[endpoint] = limits.wrap(app.view_functions[endpoint], settings.rate_limit, endpoint)
        elif settings.webhook_rate_limit and blueprint in ("slack", "mattermost"):
            app.view_functions[endpoint] = limits.wrap(app.view_functions[endpoint], settings.webhook_rate_limit,
                                                       "webhooks")
    return limits
