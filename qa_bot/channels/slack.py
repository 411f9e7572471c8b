"""Slack: slash commands and the Events API, verified with slack-sdk, answered through Service.ask."""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

from flask import Blueprint, Response, current_app, jsonify, request
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import Clock, SignatureVerifier

from qa_bot.channels.chat_format import slack_message, usage
from qa_bot.channels.common import json_object
from qa_bot.errors import InvalidQuestionError
from qa_bot.service import Service

__all__ = ["SlackChannel", "slack"]

log = logging.getLogger(__name__)
slack = Blueprint("slack", __name__)
_MARKUP = re.compile(r"<([^<>]*)>")  # Slack's links, mentions and channel names: <url|label>, <@U1>, <#C1|general>


def _plain(text: str) -> str:
    """The words a person typed: a link as its label; mentions, @here and channel names left out;
    and &, < and > (which Slack sends escaped) as themselves."""
    def words(markup: re.Match) -> str:
        target, _, label = markup.group(1).partition("|")
        if target.startswith(("@", "!", "#")):
            return " "  # the bot's own mention, another person's, @here, a user group, a channel's name
        return f" {label} "  # a link: its text; a bare address says nothing the documents could
    text = _MARKUP.sub(words, text)
    return " ".join(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


class SlackChannel:
    """Everything the Slack routes need: the verifier, the service, a client and a worker pool."""

    def __init__(self, service: Service, clock: Clock | None = None) -> None:
        settings = service.settings
        self.service = service
        self.verifier = SignatureVerifier(settings.slack_signing_secret, clock=clock or Clock())
        self.base_url = settings.public_url
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def verified(self) -> bool:
        """True only for a request signed with our secret within the last five minutes."""
        try:
            return self.verifier.is_valid(request.get_data(cache=True), request.headers.get("X-Slack-Request-Timestamp"),
                                          request.headers.get("X-Slack-Signature"))
        except (ValueError, TypeError):  # a timestamp that is not a number
            return False

    def client(self) -> WebClient:
        settings = self.service.settings
        return WebClient(token=settings.slack_bot_token or None, base_url=settings.slack_api_url, timeout=10)

    def submit(self, job: Any, *args: Any) -> None:
        # Created on first use, so each forked worker has its own threads.
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="qa-bot-slack")
        self._pool.submit(job, *args)

    def reply_to_event(self, event: dict[str, Any], team: str) -> None:
        """Answer a mention or direct message in its thread (runs after Slack has had its 200)."""
        try:
            text = _plain(event.get("text") or "")
            # A direct message is one conversation, as a chat with a person is; a mention in a channel gets its
            # own thread, and a reply inside a thread stays in it.
            direct = event.get("channel_type") == "im" and not event.get("thread_ts")
            thread = None if direct else event.get("thread_ts") or event.get("ts")
            if not text:
                answer_text = usage(self.service.welcome())
                message = {"text": answer_text, "blocks": [{"type": "section", "text": {"type": "plain_text",
                                                                                        "text": answer_text}}]}
            else:
                key = f"slack:{team}:{event.get('channel')}" + ("" if direct else f":{thread}")
                reply = self.service.ask(text[: self.service.settings.max_question_chars], key, channel_key=True)
                message = slack_message(reply.answer, self.base_url)
            if thread:
                message["thread_ts"] = thread
            self.client().chat_postMessage(channel=event["channel"], **message)
        except SlackApiError as exc:
            log.error("Slack refused the reply: %s", exc.response.get("error", exc))
        except Exception:
            log.exception("could not answer a Slack event")


def _channel() -> SlackChannel:
    return current_app.extensions["qa_bot.slack"]


@slack.before_request
def _verify() -> Response | None:
    if not _channel().verified():
        return _unauthorized()
    return None


def _unauthorized() -> Response:
    response = jsonify(error={"code": "invalid_signature", "message": "the request is not signed by Slack"})
    response.status_code = 401
    return response


@slack.post("/slack/commands")
def command() -> Response:
    form = {k: v[0] for k, v in parse_qs(request.get_data(as_text=True), keep_blank_values=True).items()}
    channel = _channel()
    settings = channel.service.settings
    text = _plain(form.get("text", ""))
    if not text:
        return jsonify(response_type="ephemeral", text=usage(channel.service.welcome(), form.get("command") or "/ask"))
    key = f"slack-command:{form.get('team_id')}:{form.get('channel_id')}:{form.get('user_id')}"
    try:
        reply = channel.service.ask(text, key, channel_key=True)
    except InvalidQuestionError as exc:
        return jsonify(response_type="ephemeral", text=str(exc))
    # A safety reply is for the person who asked alone, whatever the channel's setting.
    private = reply.answer.kind == "safety"
    return jsonify(slack_message(reply.answer, channel.base_url, "ephemeral" if private else settings.slack_response_type))


@slack.post("/slack/events")
def events() -> Response:
    payload = json_object(request.get_data(cache=True))
    if payload.get("type") == "url_verification":
        return jsonify(challenge=str(payload.get("challenge", "")))
    event = payload.get("event")
    if payload.get("type") != "event_callback" or not isinstance(event, dict):
        return Response(status=200)
    channel = _channel()
    wanted = event.get("type") == "app_mention" or (
        event.get("type") == "message" and event.get("channel_type") == "im")
    from_a_bot = bool(event.get("bot_id")) or event.get("subtype") is not None
    event_id = str(payload.get("event_id") or f"{event.get('channel')}:{event.get('ts')}")
    # Acknowledge at once; retries of an event already seen by any worker are dropped.
    if wanted and not from_a_bot and channel.service.store.first_delivery(f"slack:{event_id}"):
        channel.submit(channel.reply_to_event, event, str(payload.get("team_id", "")))
    return Response(status=200)
