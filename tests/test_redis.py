"""Several workers and machines sharing Redis: follow-ups, Slack retries and rate limits hold across them."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from qa_bot.channels.http import create_app
from qa_bot.config import Settings
from qa_bot.service import Service
from qa_bot.shared_state import RedisState
from qa_bot.store import Store

from .conftest import CORPUS
from .fake_slack import FakeSlackApi
from .redis_process import running_redis
from .server_process import free_port, running_server
from .test_slack import SECRET, _event


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as (url, _):
        yield url


def post(base, path, payload):
    request = urllib.request.Request(base + path, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def test_followup_works_across_machines_sharing_redis(redis_url, tmp_path):
    # Two servers with their own databases stand for two machines behind a load balancer.
    a = {"QA_BOT_DB": str(tmp_path / "a.sqlite3"), "QA_BOT_REDIS_URL": redis_url}
    b = {"QA_BOT_DB": str(tmp_path / "b.sqlite3"), "QA_BOT_REDIS_URL": redis_url}
    with running_server(a) as first, running_server(b) as second:
        for _ in range(3):
            _, answer = post(first, "/api/ask", {"question": "how long should I ice"})
            _, followup = post(second, "/api/ask", {"question": "and how many times a day?",
                                                    "conversation_id": answer["conversation_id"]})
            assert followup["conversation_id"] == answer["conversation_id"]
            assert "2–3 times a day" in followup["answer"]


def test_rate_limits_hold_across_machines(redis_url, tmp_path):
    limits = {"QA_BOT_REDIS_URL": redis_url, "QA_BOT_RATE_LIMIT": "5/minute"}
    with running_server({"QA_BOT_DB": str(tmp_path / "a.sqlite3"), **limits}) as first, \
            running_server({"QA_BOT_DB": str(tmp_path / "b.sqlite3"), **limits}) as second:
        statuses = [post(base, "/api/ask", {"question": "hi"})[0] for base in (first, second) * 4]
    assert statuses.count(200) == 5 and statuses.count(429) == 3


def test_slack_retry_on_another_machine_is_not_answered_twice(bot, redis_url, tmp_path):
    with FakeSlackApi() as api:
        clients = []
        for name in ("a", "b"):
            settings = Settings(corpus=CORPUS, database=tmp_path / f"{name}.sqlite3", slack_signing_secret=SECRET,
                                slack_bot_token="xoxb-test", slack_api_url=api.url, redis_url=redis_url)
            store = Store(settings.database, shared=RedisState(redis_url, 600))
            clients.append(create_app(settings, Service(bot, store, settings)).test_client())
        event = {"type": "app_mention", "user": "U1", "text": "<@U0BOT> how long should I ice", "ts": "9.1",
                 "channel": "C7"}
        _event(clients[0], event, event_id="EvAcrossMachines")
        _event(clients[1], event, event_id="EvAcrossMachines", retry=1)
        _event(clients[1], event, event_id="EvAcrossMachines", retry=2)
        assert len(api.wait_for_posts(1)) == 1


def test_without_redis_the_service_keeps_answering_and_reports_degraded(tmp_path):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with running_server({"QA_BOT_DB": str(tmp_path / "a.sqlite3"), "QA_BOT_REDIS_URL": dead}) as base:
        status, answer = post(base, "/api/ask", {"question": "how long should I ice"})
        assert status == 200 and "20 minutes" in answer["answer"]
        status, _followup = post(base, "/api/ask", {"question": "what is the capital of France",
                                                   "conversation_id": answer["conversation_id"]})
        assert status == 200
        with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
            health = json.loads(response.read())
        assert health["status"] == "degraded" and "redis unavailable" in health["reason"]
        assert post(base, "/api/feedback", {"conversation_id": answer["conversation_id"], "helpful": True})[0] == 204


def test_redis_going_away_mid_service_only_loses_memory(bot, tmp_path):
    with running_redis(tmp_path) as (url, proc):
        settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", redis_url=url)
        service = Service(bot, Store(settings.database, shared=RedisState(url, 600)), settings)
        client = create_app(settings, service).test_client()
        first = client.post("/api/ask", json={"question": "how long should I ice"}).get_json()
        proc.kill()
        proc.wait()
        after = client.post("/api/ask", json={"question": "and how many times a day?",
                                              "conversation_id": first["conversation_id"]})
        assert after.status_code == 200 and after.get_json()["kind"] in ("answer", "abstain")
        assert client.get("/healthz").get_json()["status"] == "degraded"
