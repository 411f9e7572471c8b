"""The HTTP channel: the Flask application factory, one error mapping, and response headers."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, request
from flask_cors import CORS
from gunicorn.http.errors import NoMoreData, ParseException
from werkzeug.exceptions import HTTPException

from qa_bot.channels import docs_page, limits, metrics, widget
from qa_bot.channels.admin import admin
from qa_bot.channels.api import api
from qa_bot.channels.common import ApiError, error_response, service
from qa_bot.channels.mattermost import mattermost
from qa_bot.channels.slack import SlackChannel, slack
from qa_bot.config import Settings
from qa_bot.errors import InvalidQuestionError, QuestionTooLongError, StorageError, UnknownConversationError
from qa_bot.service import Service

__all__ = ["ApiError", "create_app", "service"]

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large",
          415: "unsupported_media_type", 429: "rate_limited", 500: "internal_error"}
_MESSAGES = {400: "the request could not be understood; check it against /openapi.json",
             415: "send the body as JSON with Content-Type: application/json",
             429: "too many requests; wait a moment and try again",
             500: "something went wrong on our side; please try again"}
_HTML_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")


def _handle_api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.code, exc.message)


def _handle_question_error(exc: InvalidQuestionError) -> Response:
    if isinstance(exc, QuestionTooLongError):
        return error_response(413, "question_too_long", str(exc))
    return error_response(400, "invalid_question", str(exc))


def _handle_broken_body(exc: Exception) -> Response:
    # gunicorn reads a chunked body as the app asks for it: a broken chunk is the client's framing, not our fault.
    return error_response(400, "invalid_body", f"the request body could not be read: {exc}; send it again, whole")


def _handle_unknown_conversation(exc: UnknownConversationError) -> Response:
    return error_response(404, "unknown_conversation", str(exc))


def _handle_storage_error(exc: StorageError) -> Response:
    response = error_response(503, "storage_unavailable", str(exc))
    response.headers["Retry-After"] = "30"
    return response


def _message(exc: HTTPException, status: int) -> str:
    """Our own words for an HTTP error; a description our code gave (abort(404, description=...)) is kept."""
    if exc.description and exc.description != type(exc).description:
        return exc.description
    if status == 404:
        return f"there is nothing at {request.path}; GET /openapi.json lists the API's routes"
    if status == 405:
        allowed = ", ".join(m for m in getattr(exc, "valid_methods", None) or () if m not in ("HEAD", "OPTIONS"))
        return f"{request.method} is not allowed on {request.path}" + (f"; use {allowed}" if allowed else "")
    if status == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        return f"the request body is larger than the {limit:,} bytes accepted; send a shorter request" if limit \
            else "the request body is too large; send a shorter request"
    return _MESSAGES.get(status, "the request could not be handled; check it against /openapi.json")


def _handle_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    response = error_response(status, _CODES.get(status, "http_error"), _message(exc, status))
    for name, value in exc.get_headers():
        if name.lower() in ("allow", "retry-after"):
            response.headers[name] = value
    return response


def _handle_unexpected(exc: Exception) -> Response:
    # The traceback goes to the log, never to the client.
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", "something went wrong on our side; please try again")


def _note_foreign_origin() -> None:
    """Log once per origin a browser's API request from another site that QA_BOT_ALLOWED_ORIGINS does not list.

    The browser blocks the answers and the widget can only say it could not reach the service; the
    operator must learn why from the server, not from a visitor's console.
    """
    origin = request.headers.get("Origin")
    if not origin or not request.path.startswith("/api/"):
        return
    allowed = service().settings.allowed_origins
    # Same site (by host: behind a TLS proxy the scheme differs) needs no permission.
    # (Split by hand: urlsplit raises on a hostile header such as "http://[".)
    if origin in allowed or origin.partition("://")[2] == request.host:
        return
    seen = current_app.extensions.setdefault("qa_bot.foreign_origins", set())
    if origin in seen or len(seen) >= 100:  # a flood of invented origins cannot fill memory or the log
        return
    seen.add(origin)
    where = "does not list it" if allowed else "is not set"
    log.warning("a browser on %r asked %s, but QA_BOT_ALLOWED_ORIGINS %s: add the site there for the widget "
                "to work on it", origin[:200], request.path, where)  # %r: the header may hold control characters


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", _HTML_CSP)
    else:
        response.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    return response


def _register_chat_channels(app: Flask, settings: Settings, slack_clock: object) -> None:
    """Slack and Mattermost routes exist only when their secrets are configured (else 404)."""
    if settings.channels["slack"]:
        app.extensions["qa_bot.slack"] = SlackChannel(app.extensions["qa_bot"], clock=slack_clock)  # type: ignore[arg-type]
        app.register_blueprint(slack)
        if not settings.slack_bot_token:
            log.warning("SLACK_BOT_TOKEN is not set: slash commands work, mentions cannot be answered")
    elif settings.slack_bot_token:
        log.warning("SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: the Slack routes are off until it is")
    if settings.channels["mattermost"]:
        app.register_blueprint(mattermost)
    on = [name for name, enabled in settings.channels.items() if enabled]
    log.info("chat channels on: %s", ", ".join(on) if on else "none")


def create_app(settings: Settings | None = None, service_: Service | None = None,
               slack_clock: object = None) -> Flask:
    """The WSGI application: routes, error mapping, CORS, metrics, all from one settings object."""
    settings = settings or (service_.settings if service_ else Settings.from_env())
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["qa_bot"] = service_ or Service.from_settings(settings)

    app.extensions["qa_bot.metrics"] = metrics.install(app)
    app.register_blueprint(api)
    app.register_blueprint(docs_page.pages)
    app.register_blueprint(widget.widget)
    _register_chat_channels(app, settings, slack_clock)
    if settings.admin_token:
        app.register_blueprint(admin)
    if settings.allowed_origins:
        CORS(app, resources={r"/api/*": {"origins": list(settings.allowed_origins)}},
             methods=["GET", "POST", "OPTIONS"], allow_headers=["Content-Type"], max_age=600)
    app.extensions["qa_bot.limiter"] = limits.install(app, settings)
    app.before_request(_note_foreign_origin)
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(InvalidQuestionError, _handle_question_error)
    app.register_error_handler(UnknownConversationError, _handle_unknown_conversation)
    app.register_error_handler(ParseException, _handle_broken_body)
    app.register_error_handler(NoMoreData, _handle_broken_body)
    app.register_error_handler(StorageError, _handle_storage_error)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(Exception, _handle_unexpected)
    app.after_request(_security_headers)
    return app
