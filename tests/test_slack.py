"""Slack and Mattermost webhooks: real signed requests, and a real local server as Slack's Web API."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from qa_bot.channels.chat_format import escape_mrkdwn, mattermost_text, slack_message
from qa_bot.channels.http import create_app
from qa_bot.config import Settings
from qa_bot.models import Answer, Citation
from qa_bot.service import Service
from qa_bot.store import Store

from .conftest import CORPUS
from .fake_slack import FakeSlackApi

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # Slack's published example secret


class FixedClock:
    def __init__(self, now: float) -> None:
        self.value = now

    def now(self) -> float:
        return self.value


@pytest.fixture
def slack_api():
    with FakeSlackApi() as api:
        yield api


def _app(bot, tmp_path, slack_api=None, clock=None, **extra):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", slack_signing_secret=SECRET,
                        slack_bot_token="xoxb-test", slack_api_url=slack_api.url if slack_api else "http://127.0.0.1:9/",
                        public_url="https://bot.example.org", mattermost_tokens=("mm-command-token", "mm-hook-token"),
                        **extra)
    app = create_app(settings, Service(bot, Store(settings.database), settings), slack_clock=clock)
    return app.test_client()


def _signed(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def _command(client, text, headers=None, **fields):
    body = urlencode({"token": "legacy", "team_id": "T1", "channel_id": "C1", "user_id": "U1",
                      "command": "/ask", "text": text, **fields})
    return client.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                       headers=headers if headers is not None else _signed(body))


def _event(client, event, event_id="Ev1", retry=None):
    body = json.dumps({"type": "event_callback", "team_id": "T1", "event_id": event_id, "event": event})
    headers = _signed(body)
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return client.post("/slack/events", data=body, content_type="application/json", headers=headers)


def test_slacks_published_example_is_a_valid_signature(bot, tmp_path):
    body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    headers = {"X-Slack-Request-Timestamp": "1531420618",
               "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"}
    client = _app(bot, tmp_path, clock=FixedClock(1531420618 + 60))
    response = client.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                           headers=headers)
    assert response.status_code == 200
    assert "• /webhook-collect What is Gluteus Medius Syndrome?" in response.get_json()["text"]  # empty text: usage help
    later = _app(bot, tmp_path, clock=FixedClock(1531420618 + 301))
    assert later.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                      headers=headers).status_code == 401


def test_slash_command_answers_with_blocks_and_source(bot, tmp_path):
    response = _command(_app(bot, tmp_path), "how long should I ice")
    assert response.status_code == 200
    data = response.get_json()
    assert data["response_type"] == "ephemeral"
    assert data["blocks"][0] == {"type": "section", "text": {
        "type": "plain_text", "text": "Leave the ice on for 20 minutes, 2–3 times a day.", "emoji": False}}
    context = data["blocks"][1]["elements"][0]["text"]
    assert context.startswith("Source: <https://bot.example.org/docs/gluteus-medius-syndrome?hl=")
    assert context.endswith("|Gluteus Medius Syndrome › Follow these instructions at home>")
    assert "20 minutes" in data["text"]


def test_slash_command_in_channel_when_configured(bot, tmp_path):
    data = _command(_app(bot, tmp_path, slack_response_type="in_channel"), "how long should I ice").get_json()
    assert data["response_type"] == "in_channel"


@pytest.mark.parametrize(("question", "kind_check"), [
    ("I want to kill myself", lambda d: d["blocks"][0]["type"] == "header" and "988" in d["text"]),
    ("what is the capital of France", lambda d: "couldn't find" in d["text"]),
    ("hello", lambda d: d["text"].startswith("Hello!")),
])
def test_other_kinds_are_rendered(bot, tmp_path, question, kind_check):
    assert kind_check(_command(_app(bot, tmp_path), question).get_json())


@pytest.mark.parametrize("headers", [
    {},
    {"X-Slack-Request-Timestamp": str(int(time.time()))},
    {"X-Slack-Signature": "v0=abc"},
    {"X-Slack-Request-Timestamp": "not-a-number", "X-Slack-Signature": "v0=abc"},
    {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": ""},
])
def test_unsigned_or_malformed_requests_are_rejected(bot, tmp_path, headers):
    assert _command(_app(bot, tmp_path), "how long should I ice", headers=headers).status_code == 401


def test_stale_tampered_and_wrongly_signed_requests_are_rejected(bot, tmp_path):
    client = _app(bot, tmp_path)
    body = urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "text": "hi"})
    stale = _signed(body, timestamp=int(time.time()) - 6 * 60)
    assert client.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                       headers=stale).status_code == 401
    good = _signed(body)
    tampered = body.replace("hi", "hello")
    assert client.post("/slack/commands", data=tampered, content_type="application/x-www-form-urlencoded",
                       headers=good).status_code == 401
    wrong = _signed(body, secret="not-our-secret")
    assert client.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                       headers=wrong).status_code == 401


def test_replayed_request_outside_the_window_is_rejected(bot, tmp_path):
    now = int(time.time())
    body = urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "text": "hi"})
    headers = _signed(body, timestamp=now)
    later = _app(bot, tmp_path, clock=FixedClock(now + 5 * 60 + 1))
    assert later.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                      headers=headers).status_code == 401


def test_url_verification_returns_the_challenge(bot, tmp_path):
    body = json.dumps({"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"})
    response = _app(bot, tmp_path).post("/slack/events", data=body, content_type="application/json",
                                        headers=_signed(body))
    assert response.get_json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_mention_is_answered_once_in_its_thread_despite_retries(bot, tmp_path, slack_api):
    client = _app(bot, tmp_path, slack_api)
    event = {"type": "app_mention", "user": "U1", "text": "<@U0BOT> how long should I ice", "ts": "1700000000.000100",
             "channel": "C1"}
    for retry in (None, 1, 2):
        assert _event(client, event, event_id="EvMention", retry=retry).status_code == 200
    posts = slack_api.wait_for_posts(1)
    assert len(posts) == 1
    data = posts[0]["data"]
    assert posts[0]["auth"] == "Bearer xoxb-test"
    assert data["channel"] == "C1" and data["thread_ts"] == "1700000000.000100"
    assert "Leave the ice on for 20 minutes" in data["text"]
    assert data["blocks"][0]["text"]["type"] == "plain_text"


def test_retry_reaching_another_worker_is_not_answered_twice(bot, tmp_path, slack_api):
    # Two apps sharing one database stand for two server workers.
    first, second = _app(bot, tmp_path, slack_api), _app(bot, tmp_path, slack_api)
    event = {"type": "app_mention", "user": "U1", "text": "<@U0BOT> hi", "ts": "1.1", "channel": "C1"}
    _event(first, event, event_id="EvShared")
    _event(second, event, event_id="EvShared", retry=1)
    assert len(slack_api.wait_for_posts(1)) == 1


def test_direct_message_is_answered_and_bot_messages_are_ignored(bot, tmp_path, slack_api):
    client = _app(bot, tmp_path, slack_api)
    _event(client, {"type": "message", "channel_type": "im", "user": "U1", "text": "how long should I ice",
                    "ts": "2.1", "channel": "D1"}, event_id="EvDm")
    _event(client, {"type": "message", "channel_type": "im", "bot_id": "B1", "text": "Leave the ice on",
                    "ts": "2.2", "channel": "D1"}, event_id="EvBot")
    _event(client, {"type": "message", "subtype": "bot_message", "channel_type": "im", "text": "hello",
                    "ts": "2.3", "channel": "D1"}, event_id="EvBot2")
    _event(client, {"type": "message", "channel_type": "channel", "user": "U1", "text": "how long should I ice",
                    "ts": "2.4", "channel": "C9"}, event_id="EvChannelChatter")
    posts = slack_api.wait_for_posts(1)
    assert [p["data"]["channel"] for p in posts] == ["D1"]
    assert "thread_ts" not in posts[0]["data"]  # a direct message is answered in the chat, not in a thread


def test_a_direct_message_chat_is_one_conversation(bot, tmp_path, slack_api):
    client = _app(bot, tmp_path, slack_api)
    _event(client, {"type": "message", "channel_type": "im", "user": "U1", "text": "how do I do the bridge exercise?",
                    "ts": "4.1", "channel": "D1"}, event_id="EvDm1")
    slack_api.wait_for_posts(1, settle=0)
    # Alone this is answered from the ice ("2–3 times a day"); after the bridge it is the bridge's blank to fill in.
    _event(client, {"type": "message", "channel_type": "im", "user": "U1", "text": "how many times should I do it?",
                    "ts": "4.2", "channel": "D1"}, event_id="EvDm2")
    posts = slack_api.wait_for_posts(2)
    assert "couldn't find" in posts[1]["data"]["text"] and "2–3 times a day" not in posts[1]["data"]["text"]


@pytest.mark.parametrize("setting", ["ephemeral", "in_channel"])
def test_a_safety_reply_to_a_slash_command_is_always_private(bot, tmp_path, setting):
    client = _app(bot, tmp_path, slack_response_type=setting, mattermost_response_type=setting)
    slack_reply = _command(client, "i want to end my life tonight").get_json()
    assert slack_reply["response_type"] == "ephemeral" and "988" in slack_reply["text"]
    mattermost_reply = client.post("/mattermost", data={"token": "mm-command-token", "text": "i want to end my life tonight"})
    assert mattermost_reply.get_json()["response_type"] == "ephemeral"
    answer = _command(client, "how long should I ice").get_json()
    assert answer["response_type"] == setting


def test_a_lone_surrogate_in_an_event_or_a_mattermost_body_is_a_clear_400(bot, tmp_path):
    client = _app(bot, tmp_path)
    body = '{"type": "event_callback", "event_id": "\\ud800", "event": {"type": "message", "channel_type": "im"}}'
    response = client.post("/slack/events", data=body, content_type="application/json", headers=_signed(body))
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_unicode"
    hook = client.post("/mattermost", data='{"token": "mm-hook-token", "text": "ice \\ud800"}',
                       content_type="application/json")
    assert hook.status_code == 400 and hook.get_json()["error"]["code"] == "invalid_unicode"
    broken = client.post("/mattermost", data='{"token": "mm-hook-token", "text": ', content_type="application/json")
    assert broken.status_code == 400 and broken.get_json()["error"]["code"] == "invalid_json"


def test_followups_work_inside_a_thread(bot, tmp_path, slack_api):
    client = _app(bot, tmp_path, slack_api)
    _event(client, {"type": "app_mention", "user": "U1", "text": "<@U0BOT> how long should I ice", "ts": "3.1",
                    "channel": "C1"}, event_id="EvT1")
    slack_api.wait_for_posts(1, settle=0)
    _event(client, {"type": "app_mention", "user": "U1", "text": "<@U0BOT> and how many times a day?", "ts": "3.2",
                    "thread_ts": "3.1", "channel": "C1"}, event_id="EvT2")
    posts = slack_api.wait_for_posts(2)
    assert len(posts) == 2
    assert posts[1]["data"]["thread_ts"] == "3.1" and "2–3 times a day" in posts[1]["data"]["text"]


def test_long_answers_are_split_within_block_kit_limits():
    text = "\n".join(f"Item {i}: " + "word " * 700 for i in range(60))
    cite = Citation("doc", "Title", "Section", text[:50], 0, 50, "/docs/doc#section")
    message = slack_message(Answer("answer", text, 0.9, (cite,)), "https://x.example")
    assert len(message["blocks"]) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in message["blocks"] if b["type"] == "section")
    assert message["blocks"][-2]["elements"][0]["text"].startswith("(answer shortened")
    assert message["blocks"][-1]["elements"][0]["text"].startswith("Source: <https://x.example/docs/doc#section|")
    assert len(message["text"]) <= 3000


def test_hostile_text_is_inert_in_slack_and_mattermost():
    evil = "<!channel> <@U123> <https://evil.example|click> & *bold* [x](javascript:alert(1))"
    cite = Citation("doc", "T <b>", "S & <@U1>", evil, 0, 1, "/docs/doc#s")
    answer = Answer("answer", evil, 0.9, (cite,), ("<!here>",))
    message = slack_message(answer, "https://bot.example.org")
    assert message["blocks"][0]["text"]["type"] == "plain_text"  # Slack shows plain_text literally
    mrkdwn = " ".join(e["text"] for b in message["blocks"] if b["type"] == "context" for e in b["elements"])
    assert "<!here>" not in mrkdwn and "<@U1>" not in mrkdwn and "&lt;!here&gt;" in mrkdwn
    assert "<!channel>" not in message["text"] and message["text"].startswith("&lt;!channel&gt; &lt;@U123&gt;")
    assert escape_mrkdwn("a & <b>") == "a &amp; &lt;b&gt;"
    md = mattermost_text(answer, "https://bot.example.org")
    assert "[x](javascript" not in md and "\\[x\\]\\(javascript:alert\\(1\\)\\)" in md


def test_slack_is_off_without_a_secret(bot, tmp_path):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3")
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    assert client.post("/slack/commands", data="text=hi").status_code == 404
    assert client.post("/slack/events", json={}).status_code == 404
    assert client.post("/mattermost", data={"token": "x", "text": "hi"}).status_code == 404


def test_mattermost_slash_command_with_form_payload(bot, tmp_path):
    client = _app(bot, tmp_path)
    response = client.post("/mattermost", data={"token": "mm-command-token", "team_id": "T", "channel_id": "C",
                                                "user_id": "U", "command": "/ask", "text": "how long should I ice"})
    data = response.get_json()
    assert response.status_code == 200 and data["response_type"] == "ephemeral"
    assert data["text"].startswith("> Leave the ice on for 20 minutes, 2–3 times a day.")
    assert "**Source:** [Gluteus Medius Syndrome › Follow these instructions at home](https://bot.example.org/docs/" \
           in data["text"]


def test_mattermost_outgoing_webhook_with_json_payload_strips_the_trigger_word(bot, tmp_path):
    client = _app(bot, tmp_path, mattermost_response_type="in_channel")
    response = client.post("/mattermost", json={"token": "mm-hook-token", "trigger_word": "#ask",
                                                 "text": "#ask how long should I ice", "channel_id": "C"})
    data = response.get_json()
    assert data["response_type"] == "in_channel" and "20 minutes" in data["text"]


@pytest.mark.parametrize("payload", [
    {"text": "hi"}, {"token": "", "text": "hi"}, {"token": "mm-command-token-x", "text": "hi"},
    {"token": "MM-COMMAND-TOKEN", "text": "hi"},
])
def test_mattermost_bad_tokens_are_rejected(bot, tmp_path, payload):
    client = _app(bot, tmp_path)
    assert client.post("/mattermost", data=payload).status_code == 401
    assert client.post("/mattermost", json=payload).status_code == 401


def test_mattermost_empty_question_gets_usage(bot, tmp_path):
    client = _app(bot, tmp_path)
    command = client.post("/mattermost", data={"token": "mm-command-token", "command": "/ask", "text": "  "}).get_json()
    assert "• /ask What is Gluteus Medius Syndrome?" in command["text"]
    hook = client.post("/mattermost", json={"token": "mm-hook-token", "trigger_word": "#ask", "text": "#ask"}).get_json()
    assert "• #ask What is Gluteus Medius Syndrome?" in hook["text"]
    assert hook["text"].startswith("Ask me a question about Gluteus Medius Syndrome, for example:")


def test_a_bot_token_without_the_signing_secret_says_why_slack_is_off(bot, tmp_path, caplog):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", slack_bot_token="xoxb-test")
    with caplog.at_level(logging.WARNING, logger="qa_bot.channels.http"):
        client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    assert client.post("/slack/commands", data="text=hi").status_code == 404
    assert "SLACK_SIGNING_SECRET is not" in caplog.text


def test_slack_markup_in_a_question_is_read_as_the_words_a_person_typed(bot, tmp_path, slack_api):
    client = _app(bot, tmp_path, slack_api)
    data = _command(client, "<!here> how long should I ice &amp; rest <https://example.org/ice|see this page> "
                            "<#C0123|general>").get_json()
    assert "Leave the ice on for 20 minutes" in data["text"]
    _command(client, "<!here> what is the capital of France? <https://example.org/paris|Paris guide> <#C0123|general>")
    store = Store(tmp_path / "db.sqlite3")
    assert {"question": "what is the capital of france? paris guide", "count": 1} in store.report()["unanswered"]
    _event(client, {"type": "app_mention", "user": "U1", "ts": "5.1", "channel": "C1",
                    "text": "<@U0BOT> how long should I ice <https://example.org/a-very-long-link>"}, event_id="EvLink")
    assert "Leave the ice on for 20 minutes" in slack_api.wait_for_posts(1)[0]["data"]["text"]
