"""The HTTP channel: a Flask application factory, the JSON API, and one error mapping."""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any, NoReturn

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from qa_bot.config import Settings
from qa_bot.errors import InvalidQuestionError, QuestionTooLongError
from qa_bot.service import Service

__all__ = ["ApiError", "create_app", "service"]

log = logging.getLogger(__name__)
api = Blueprint("api", __name__)

MAX_ID_CHARS = 200
MAX_COMMENT_CHARS = 2000
MAX_HISTORY = 20
_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large",
          415: "unsupported_media_type", 429: "rate_limited", 500: "internal_error"}
_HTML_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")


class ApiError(Exception):
    """A client error with a status, a stable code and a message a person can act on."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def service() -> Service:
    """The service of the application handling this request."""
    return current_app.extensions["qa_bot"]


def error_response(status: int, code: str, message: str) -> Response:
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    return response


def _fail(status: int, code: str, message: str) -> NoReturn:
    raise ApiError(status, code, message)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def json_body() -> dict[str, Any]:
    """The request body as a JSON object, or an ApiError saying what is wrong with it."""
    if request.mimetype != "application/json":
        _fail(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        _fail(415, "unsupported_media_type", "the body must be UTF-8 encoded JSON")
    raw = request.get_data(cache=True)
    if not raw.strip():
        _fail(400, "empty_body", "the request body is empty; send a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _fail(400, "invalid_utf8", "the request body is not valid UTF-8")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        _fail(400, "invalid_json", f"the request body is not valid JSON ({str(exc)[:80]})")
    if not isinstance(data, dict):
        _fail(400, "invalid_json", "the request body must be a JSON object")
    return data


def _optional_string(data: dict[str, Any], name: str, limit: int) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        _fail(400, f"invalid_{name}", f"{name} must be a string")
    if len(value) > limit:
        _fail(413, f"{name}_too_long", f"{name} must be at most {limit} characters")
    return value


@api.post("/api/ask")
def ask() -> Response:
    data = json_body()
    question = data.get("question")
    if question is None:
        _fail(400, "missing_question", 'the body needs a "question" string')
    if not isinstance(question, str):
        _fail(400, "invalid_question", "question must be a string")
    conversation_id = _optional_string(data, "conversation_id", MAX_ID_CHARS)
    history = data.get("history")
    if history is not None and (not isinstance(history, list) or len(history) > MAX_HISTORY
                                or not all(isinstance(h, str) for h in history)):
        _fail(400, "invalid_history", f"history must be a list of at most {MAX_HISTORY} strings")
    svc = service()
    started = time.perf_counter()
    reply = svc.ask(question, conversation_id, history)
    current_app.extensions["qa_bot.metrics"].answered(reply.answer.kind, time.perf_counter() - started)
    return jsonify(reply.to_dict(svc.settings.public_url))


@api.post("/api/feedback")
def feedback() -> Response:
    data = json_body()
    conversation_id = _optional_string(data, "conversation_id", MAX_ID_CHARS)
    if not conversation_id:
        _fail(400, "missing_conversation_id", 'the body needs the "conversation_id" of the answer')
    helpful = data.get("helpful")
    if not isinstance(helpful, bool):
        _fail(400, "invalid_helpful", "helpful must be true or false")
    comment = _optional_string(data, "comment", MAX_COMMENT_CHARS)
    about = {name: _optional_string(data, name, MAX_COMMENT_CHARS) for name in ("question", "document", "section")}
    service().feedback(conversation_id, helpful, comment.strip() if comment else None, about)
    return Response(status=204)


@api.get("/healthz")
def healthz() -> Response:
    from qa_bot.channels.metrics import resident_bytes

    status = service().health()
    status["worker"] = {"pid": os.getpid(), "resident_mb": round(resident_bytes() / 2**20, 1)}
    return jsonify(status)


@api.get("/api/documents")
def documents() -> Response:
    out = []
    for doc in service().bot.documents:
        out.append({
            "document": doc.id, "title": doc.title, "url": f"/docs/{doc.id}",
            "sections": [{"section": s.heading, "anchor": s.anchor, "url": f"/docs/{doc.id}#{s.anchor}",
                          "characters": s.size} for s in doc.sections],
        })
    return jsonify(documents=out, suggestions=service().bot.topics[:3])


@api.get("/openapi.json")
def openapi() -> Response:
    from qa_bot.channels.openapi import SPEC

    return jsonify(SPEC)


def _handle_api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.code, exc.message)


def _handle_question_error(exc: InvalidQuestionError) -> Response:
    if isinstance(exc, QuestionTooLongError):
        return error_response(413, "question_too_long", str(exc))
    return error_response(400, "invalid_question", str(exc))


def _handle_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    response = error_response(status, _CODES.get(status, "http_error"), exc.description or exc.name)
    for name, value in exc.get_headers():
        if name.lower() in ("allow", "retry-after"):
            response.headers[name] = value
    return response


def _handle_unexpected(exc: Exception) -> Response:
    # The traceback goes to the log, never to the client.
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", "something went wrong on our side; please try again")


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
        from qa_bot.channels.slack import SlackChannel, slack

        app.extensions["qa_bot.slack"] = SlackChannel(app.extensions["qa_bot"], clock=slack_clock)  # type: ignore[arg-type]
        app.register_blueprint(slack)
        if not settings.slack_bot_token:
            log.warning("SLACK_BOT_TOKEN is not set: slash commands work, mentions cannot be answered")
    if settings.channels["mattermost"]:
        from qa_bot.channels.mattermost import mattermost

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

    from qa_bot.channels import docs_page, metrics, widget

    app.extensions["qa_bot.metrics"] = metrics.install(app)
    app.register_blueprint(api)
    app.register_blueprint(docs_page.pages)
    app.register_blueprint(widget.widget)
    _register_chat_channels(app, settings, slack_clock)
    if settings.admin_token:
        from qa_bot.channels.admin import admin

        app.register_blueprint(admin)
    if settings.allowed_origins:
        from flask_cors import CORS

        CORS(app, resources={r"/api/*": {"origins": list(settings.allowed_origins)}},
             methods=["GET", "POST", "OPTIONS"], allow_headers=["Content-Type"], max_age=600)
    from qa_bot.channels import limits

    app.extensions["qa_bot.limiter"] = limits.install(app, settings)
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(InvalidQuestionError, _handle_question_error)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(Exception, _handle_unexpected)
    app.after_request(_security_headers)
    return app
