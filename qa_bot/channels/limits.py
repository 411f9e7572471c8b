"""Per-client rate limits (Flask-Limiter): counters in Redis when configured, else in the worker."""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix

from qa_bot.config import Settings

__all__ = ["install"]


def _client() -> str:
    return request.remote_addr or "unknown"


def install(app: Flask, settings: Settings) -> Limiter | None:
    """Limit /api/ask, /api/feedback and the webhooks; believe X-Forwarded-For only from trusted proxies."""
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)  # type: ignore[method-assign]
    if not settings.rate_limit and not settings.webhook_rate_limit:
        return None
    limiter = Limiter(
        _client, app=app, storage_uri=settings.redis_url or "memory://", headers_enabled=True,
        strategy="fixed-window", key_prefix="qa-bot",
        # If Redis is down, count in the worker rather than refuse or fail requests.
        swallow_errors=True, in_memory_fallback_enabled=bool(settings.redis_url),
    )
    for endpoint in ("api.ask", "api.feedback") if settings.rate_limit else ():
        # The limit is enforced by the wrapper, so the wrapper must be what Flask calls.
        app.view_functions[endpoint] = limiter.limit(settings.rate_limit)(app.view_functions[endpoint])
    for name in ("slack", "mattermost") if settings.webhook_rate_limit else ():
        if name in app.blueprints:
            limiter.limit(settings.webhook_rate_limit)(app.blueprints[name])
    return limiter
