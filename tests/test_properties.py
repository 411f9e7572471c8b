"""Property-based tests: any text, any history, any request body — never a crash, always the contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa_bot.channels.http import create_app
from qa_bot.config import Settings
from qa_bot.errors import InvalidQuestionError
from qa_bot.models import KINDS
from qa_bot.service import Service
from qa_bot.store import Store
from qa_bot.surrogates import has_lone_surrogate

from .conftest import CORPUS

# Text that stresses normalisation: controls, right-to-left marks, zero-width joiners, emoji.
ODD = st.sampled_from(["\u200b", "\u200d", "\u202e", "\u2066", "\x00", "\x1b", "\ufeff", "👍🏽", "ﷺ", "İ", "ß",
                       "\u0301", "\r\n", "\t", "—", "’", "__", "<img src=x>", "%s", "{}", "\\", "\udcff"])
QUESTION = st.one_of(st.text(max_size=300), st.lists(st.one_of(ODD, st.text(max_size=5)), max_size=40).map("".join))
HISTORY = st.one_of(st.none(), st.lists(QUESTION, max_size=8))

SLOW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(answer) -> None:
    data = answer.to_dict()
    assert data["kind"] in KINDS
    assert isinstance(data["answer"], str) and data["answer"]
    assert 0.0 <= data["confidence"] <= 1.0
    json.dumps(data)
    if data["kind"] == "answer":
        assert data["citations"]


@SLOW
@given(question=QUESTION, history=HISTORY)
def test_bot_ask_never_crashes(bot, question, history):
    try:
        answer = bot.ask(question, history)
    except InvalidQuestionError:
        assert not question.strip() or len(question.strip()) > 2000 or has_lone_surrogate(question)
        return
    _check(answer)


@SLOW
@given(question=st.text(alphabet=st.sampled_from(list("aeioustrnlhcgbk ")), min_size=1, max_size=60))
def test_near_words_never_crash_the_typo_corrector(bot, question):
    if question.strip():
        _check(bot.ask(question))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20)
BODIES = st.one_of(
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["question", "conversation_id", "history", "helpful", "comment", "x"]),
                    JSON_VALUES, max_size=4).map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=300),
    st.integers(1, 40).map(lambda n: b"[" * (n * 100) + b"]" * (n * 100)),
    st.just(b'{"question": "' + b"x" * 20_000 + b'"}'),
    st.just(b'{"question": "hi", "pad": "' + b"x" * 1_100_000 + b'"}'),
    st.dictionaries(st.sampled_from(["token", "text", "trigger_word", "type", "event", "challenge"]),
                    st.text(max_size=30), max_size=4).map(lambda d: json.dumps(d).encode()),
)
CONTENT_TYPES = st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain", "",
                                 "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=latin1"])


@pytest.fixture(scope="module")
def client(bot, tmp_path_factory):
    # Every channel on, so every route is exercised (the Slack API URL points nowhere on purpose).
    db = tmp_path_factory.mktemp("props") / "db.sqlite3"
    settings_ = Settings(corpus=CORPUS, database=db, slack_signing_secret="s", slack_bot_token="x",
                         slack_api_url="http://127.0.0.1:9/", mattermost_tokens=("t",), admin_token="a",
                         rate_limit="", webhook_rate_limit="")
    return create_app(settings_, Service(bot, Store(db), settings_)).test_client()


@SLOW
@given(path=st.sampled_from(["/api/ask", "/api/feedback", "/healthz", "/api/documents", "/docs/gluteus-medius-syndrome",
                             "/openapi.json", "/", "/nope", "/widget.js", "/metrics", "/slack/commands",
                             "/slack/events", "/mattermost", "/admin/reload", "/docs/%00", "/docs/..%2f..%2fetc"]),
       method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"]),
       body=BODIES, content_type=CONTENT_TYPES, query=st.text(max_size=30))
def test_no_route_ever_returns_a_500(client, path, method, body, content_type, query):
    response = client.open(path, method=method, data=body, content_type=content_type or None,
                           query_string={"hl": query})
    assert response.status_code < 500, response.get_data(as_text=True)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "/work/" not in body and "site-packages" not in body
    if response.status_code >= 400 and method != "HEAD":
        assert response.get_json()["error"]["code"]
