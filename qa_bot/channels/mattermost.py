"""Mattermost: its Slack-compatible slash commands and outgoing webhooks, answered in Markdown."""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from qa_bot.channels.chat_format import mattermost_text, usage
from qa_bot.channels.common import json_object
from qa_bot.errors import InvalidQuestionError
from qa_bot.service import Service

__all__ = ["mattermost"]

mattermost = Blueprint("mattermost", __name__)


def _payload() -> dict[str, Any]:
    """Mattermost sends form fields or, for outgoing webhooks set to JSON, a JSON object."""
    if request.mimetype == "application/json":
        return {k: v for k, v in json_object(request.get_data(cache=True)).items() if isinstance(v, str)}
    return {k: v for k, v in request.form.items()}


def _token_ok(token: str, accepted: tuple[str, ...]) -> bool:
    # Compare against every configured token in constant time; no early exit reveals which matched.
    matched = False
    for expected in accepted:
        matched |= hmac.compare_digest(token.encode(), expected.encode())
    return matched


@mattermost.post("/mattermost")
def webhook() -> Response:
    service: Service = current_app.extensions["qa_bot"]
    settings = service.settings
    data = _payload()
    if not _token_ok(data.get("token", ""), settings.mattermost_tokens):
        response = jsonify(error={"code": "invalid_token", "message": "unknown Mattermost token"})
        response.status_code = 401
        return response
    text = data.get("text", "").strip()
    trigger = data.get("trigger_word", "").strip()
    if trigger and text.lower().startswith(trigger.lower()):
        text = text[len(trigger):].strip(" :,")
    if not text:
        return jsonify(response_type="ephemeral", text=usage(service.welcome(), data.get("command") or trigger))
    key = f"mattermost:{data.get('team_id', '')}:{data.get('channel_id', '')}:{data.get('user_id', '')}"
    try:
        reply = service.ask(text, key, channel_key=True)
    except InvalidQuestionError as exc:
        return jsonify(response_type="ephemeral", text=str(exc))
    # A safety reply is for the person who asked alone, whatever the channel's setting.
    private = reply.answer.kind == "safety"
    return jsonify(response_type="ephemeral" if private else settings.mattermost_response_type,
                   text=mattermost_text(reply.answer, settings.public_url))
