"""Operator routes, behind QA_BOT_ADMIN_TOKEN: reload the corpus without downtime."""

from __future__ import annotations

import hmac
import logging
import os
import signal

from flask import Blueprint, Response, jsonify, request

from qa_bot.channels.common import SERVER_PID_VARIABLE, service

__all__ = ["admin"]

log = logging.getLogger(__name__)
admin = Blueprint("admin", __name__)


@admin.before_request
def _authorize() -> Response | None:
    expected = service().settings.admin_token
    given = request.headers.get("Authorization", "")
    if not expected or not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
        response = jsonify(error={"code": "unauthorized", "message": "send Authorization: Bearer <admin token>"})
        response.status_code = 401
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    return None


@admin.post("/admin/reload")
def reload() -> Response:
    """Ask the server's master process to rebuild the index and roll the workers onto it."""
    master = os.environ.get(SERVER_PID_VARIABLE)
    if not master:
        response = jsonify(error={"code": "not_supported",
                                  "message": "reloading needs the server started with `qa-bot serve`"})
        response.status_code = 409
        return response
    os.kill(int(master), signal.SIGHUP)
    log.info("reload requested through /admin/reload")
    response = jsonify(status="reloading")
    response.status_code = 202
    return response
