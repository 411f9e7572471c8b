"""What every HTTP blueprint shares: the service of the current app, JSON errors and request bodies.

Blueprints import this module, never ``http.py``; the factory in ``http.py`` imports the blueprints.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from flask import Response, current_app, jsonify, request

from qa_bot.service import Service
from qa_bot.surrogates import has_lone_surrogate

__all__ = ["SERVER_PID_VARIABLE", "ApiError", "error_response", "fail", "json_body", "json_object", "optional_string",
           "service"]

SERVER_PID_VARIABLE = "QA_BOT_SERVER_PID"  # set for the workers: the master to signal for a reload


class ApiError(Exception):
    """A client error with a status, a stable code and a message a person can act on."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def service() -> Service:
    """The service of the application handling this request."""
    return current_app.extensions["qa_bot"]


def error_response(status: int, code: str, message: str) -> Response:
    """The one error shape: ``{"error": {"code": ..., "message": ...}}``."""
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    return response


def fail(status: int, code: str, message: str) -> NoReturn:
    """Stop handling the request with a JSON error."""
    raise ApiError(status, code, message)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def json_body() -> dict[str, Any]:
    """The request body as a JSON object, or an ApiError saying what is wrong with it."""
    if request.mimetype != "application/json":
        fail(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        fail(415, "unsupported_media_type", "the body must be UTF-8 encoded JSON")
    return json_object(request.get_data(cache=True))


def json_object(raw: bytes) -> dict[str, Any]:
    """UTF-8 bytes as a JSON object of valid Unicode text, or an ApiError saying what is wrong with them."""
    if not raw.strip():
        fail(400, "empty_body", "the request body is empty; send a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        fail(400, "invalid_utf8", "the request body is not valid UTF-8")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        fail(400, "invalid_json", f"the request body is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                  f"{exc.msg.lower()})")
    except ValueError as exc:  # NaN, Infinity
        fail(400, "invalid_json", f"the request body is not valid JSON ({exc})")
    except RecursionError:
        fail(400, "invalid_json", "the request body is not valid JSON: it is nested too deeply")
    if not isinstance(data, dict):
        fail(400, "invalid_json", "the request body must be a JSON object")
    if has_lone_surrogate(data):
        fail(400, "invalid_unicode", "the request body has a \\u escape that is half of a UTF-16 pair (such as "
                                     "\\ud800), which is no character; send valid Unicode text")
    return data


def optional_string(data: dict[str, Any], name: str, limit: int) -> str | None:
    """A string field that may be absent or null; over ``limit`` characters is a 400 (the schema's maxLength)."""
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        fail(400, f"invalid_{name}", f"{name} must be a string")
    if len(value) > limit:
        fail(400, f"{name}_too_long", f"{name} must be at most {limit} characters")
    return value
