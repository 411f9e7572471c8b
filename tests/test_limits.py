"""Per-client rate limits: 429 with Retry-After, and X-Forwarded-For believed only behind trusted proxies."""

from __future__ import annotations

from qa_bot.channels.http import create_app
from qa_bot.config import Settings
from qa_bot.service import Service
from qa_bot.store import Store

from .conftest import CORPUS


def _client(bot, tmp_path, **settings):
    s = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", **settings)
    return create_app(s, Service(bot, Store(s.database), s)).test_client()


def test_over_the_limit_gets_429_with_retry_after(bot, tmp_path):
    client = _client(bot, tmp_path, rate_limit="3/minute")
    statuses = [client.post("/api/ask", json={"question": "hi"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.post("/api/ask", json={"question": "hi"})
    assert limited.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    assert client.get("/healthz").status_code == 200  # reading is not limited
    rated = {"conversation_id": "x", "helpful": True, "document": "gluteus-medius-syndrome",
             "section": "Follow these instructions at home"}
    assert client.post("/api/feedback", json=rated).status_code == 204


def test_forwarded_for_is_ignored_without_trusted_proxies(bot, tmp_path):
    client = _client(bot, tmp_path, rate_limit="2/minute")
    for i in range(2):
        client.post("/api/ask", json={"question": "hi"}, headers={"X-Forwarded-For": f"10.0.0.{i}"})
    spoofed = client.post("/api/ask", json={"question": "hi"}, headers={"X-Forwarded-For": "10.0.0.99"})
    assert spoofed.status_code == 429  # a client cannot dodge its limit by inventing addresses


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(bot, tmp_path):
    client = _client(bot, tmp_path, rate_limit="2/minute", trusted_proxies=1)
    for _ in range(2):
        assert client.post("/api/ask", json={"question": "hi"}, headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 200
    assert client.post("/api/ask", json={"question": "hi"}, headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 429
    assert client.post("/api/ask", json={"question": "hi"}, headers={"X-Forwarded-For": "203.0.113.8"}).status_code == 200


def test_rate_limiting_can_be_switched_off(bot, tmp_path):
    client = _client(bot, tmp_path, rate_limit="", webhook_rate_limit="")
    assert all(client.post("/api/ask", json={"question": "hi"}).status_code == 200 for _ in range(40))


def test_webhooks_are_limited_too(bot, tmp_path):
    client = _client(bot, tmp_path, mattermost_tokens=("t",), webhook_rate_limit="2/minute")
    statuses = [client.post("/mattermost", data={"token": "t", "text": "hi"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
