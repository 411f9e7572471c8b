"""The HTTP API through Flask's test client: contract, conversations, pages, errors, headers."""

from __future__ import annotations

import json
import logging
import re
import time

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from qa_bot.bot import Bot
from qa_bot.channels.http import create_app
from qa_bot.channels.openapi import SPEC, build_spec
from qa_bot.config import Settings
from qa_bot.service import Service
from qa_bot.store import Store

from .conftest import CORPUS, ROOT


@pytest.fixture
def settings(tmp_path):
    return Settings(corpus=CORPUS, database=tmp_path / "qa.sqlite3")


@pytest.fixture
def app(bot, settings):
    service = Service(bot, Store(settings.database, settings.conversation_ttl, settings.max_conversations), settings)
    app = create_app(settings, service)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def ask(client, payload, **kwargs):
    return client.post("/api/ask", json=payload, **kwargs)


def _answer_schema():
    spec = json.loads(json.dumps(SPEC))
    schema = spec["components"]["schemas"]["Answer"]
    schema["properties"]["citations"]["items"] = spec["components"]["schemas"]["Citation"]
    return schema


def test_ask_returns_the_answer_object_with_a_conversation_id(client):
    response = ask(client, {"question": "how long should I ice"})
    assert response.status_code == 200
    data = response.get_json()
    OAS30Validator(_answer_schema()).validate(data)
    assert data["answer"] == "Leave the ice on for 20 minutes, 2–3 times a day."
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", data["conversation_id"])


def test_followup_by_conversation_id_needs_no_history(client):
    first = ask(client, {"question": "how long should I ice"}).get_json()
    second = ask(client, {"question": "and how many times a day?",
                          "conversation_id": first["conversation_id"]}).get_json()
    assert second["kind"] == "answer" and "2–3 times a day" in second["answer"]
    assert second["conversation_id"] == first["conversation_id"]


def test_a_followup_to_an_emergency_by_conversation_id_gets_the_safety_reply_again(client):
    first = ask(client, {"question": "I have crushing chest pain and my left arm is numb"}).get_json()
    assert first["kind"] == "safety"
    second = ask(client, {"question": "what should I do?", "conversation_id": first["conversation_id"]}).get_json()
    assert second["kind"] == "safety" and second["reason"] == "emergency"
    again = ask(client, {"question": "what should I do?", "conversation_id": first["conversation_id"]}).get_json()
    assert again["kind"] == "safety"
    third = ask(client, {"question": "how long should I ice", "conversation_id": first["conversation_id"]}).get_json()
    assert third["kind"] == "answer"  # a question of its own is answered as ever


def test_a_crisis_message_is_not_stored_with_the_conversation(client, app):
    first = ask(client, {"question": "i want to end it all tonight"}).get_json()
    assert first["kind"] == "safety"
    stored = app.extensions["qa_bot"].store.conversation(first["conversation_id"])
    assert stored is not None and stored.turns == [] and stored.last["reason"] == "crisis"
    assert "end it all" not in json.dumps(stored.last)  # not even with question logging on, the default


def test_client_history_is_used_for_a_new_conversation(client):
    data = ask(client, {"question": "and how many times a day?", "history": ["how long should I ice"]}).get_json()
    assert "2–3 times a day" in data["answer"]


def test_unknown_conversation_id_starts_a_new_one(client):
    data = ask(client, {"question": "hi", "conversation_id": "made-up-id"}).get_json()
    assert data["conversation_id"] != "made-up-id"


def test_conversations_expire_and_are_capped(bot, tmp_path):
    store = Store(tmp_path / "c.sqlite3", ttl=0.05, max_conversations=3)
    service = Service(bot, store, Settings(corpus=CORPUS, database=store.path))
    first = service.ask("how long should I ice")
    time.sleep(0.1)
    again = service.ask("and how many times a day?", first.conversation_id)
    assert again.conversation_id != first.conversation_id
    store.ttl = 3600
    for _ in range(6):
        service.ask("hi")
    store.prune()
    assert store.conversation_count() == 3


def test_feedback_is_stored_and_reported(client, app):
    cid = ask(client, {"question": "how long should I ice"}).get_json()["conversation_id"]
    assert client.post("/api/feedback", json={"conversation_id": cid, "helpful": True}).status_code == 204
    assert client.post("/api/feedback", json={"conversation_id": cid, "helpful": False,
                                              "comment": "too short"}).status_code == 204
    ask(client, {"question": "what is the capital of France"})
    report = app.extensions["qa_bot"].store.report()
    assert report["feedback"] == [{"document": "gluteus-medius-syndrome",
                                   "section": "Follow these instructions at home", "helpful": 1, "unhelpful": 1}]
    assert report["unanswered"] == [{"question": "what is the capital of france", "count": 1}]


def test_feedback_on_no_answer_is_a_404_unless_it_names_a_real_section(client, app):
    unknown = client.post("/api/feedback", json={"conversation_id": "never-issued", "helpful": True})
    assert unknown.status_code == 404 and unknown.get_json()["error"]["code"] == "unknown_conversation"
    # An answer rated after its conversation expired still names its document and section: kept.
    rated = client.post("/api/feedback", json={"conversation_id": "expired", "helpful": False,
                                               "document": "gluteus-medius-syndrome",
                                               "section": "Follow these instructions at home"})
    assert rated.status_code == 204
    invented = client.post("/api/feedback", json={"conversation_id": "expired", "helpful": False,
                                                  "document": "gluteus-medius-syndrome", "section": "Made up"})
    assert invented.status_code == 404
    assert app.extensions["qa_bot"].store.report()["feedback"] == [
        {"document": "gluteus-medius-syndrome", "section": "Follow these instructions at home", "helpful": 0,
         "unhelpful": 1}]


def test_feedback_the_database_cannot_save_is_a_503_not_a_silent_204(bot, tmp_path):
    settings = Settings(corpus=CORPUS, database=tmp_path / "q.sqlite3")
    store = Store(settings.database)
    client = create_app(settings, Service(bot, store, settings)).test_client()
    cid = client.post("/api/ask", json={"question": "how long should I ice"}).get_json()["conversation_id"]
    store._db().execute("DROP TABLE feedback")  # a database that lost its table: every insert fails
    response = client.post("/api/feedback", json={"conversation_id": cid, "helpful": True})
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "storage_unavailable"
    assert response.headers["Retry-After"]


def test_a_row_whose_text_holds_a_lone_surrogate_is_stored_not_dropped(tmp_path):
    # The store is the last line: whatever text reaches it by a path without the JSON check, half a pair becomes
    # U+FFFD and the row is kept.
    store = Store(tmp_path / "q.sqlite3")
    assert store.add_unanswered("broken \ud800 half", "abstain", 0.1)
    assert store.first_delivery("slack:\udc00") and not store.first_delivery("slack:\udc00")
    assert store.report()["unanswered"] == [{"question": "broken \ufffd half", "count": 1}]


def test_links_to_a_document_whose_file_name_has_url_characters_work(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "care #1 50%?.txt").write_text("Wound Care\n\nKeep the wound clean and dry for two days.\n",
                                             encoding="utf-8")
    settings = Settings(corpus=folder, database=tmp_path / "q.sqlite3")
    client = create_app(settings, Service(Bot.from_folder(folder), Store(settings.database), settings)).test_client()
    url = client.post("/api/ask", json={"question": "how long should I keep the wound dry"}).get_json()["citations"][0]["url"]
    assert url.startswith("/docs/care%20%231%2050%25%3F?hl=")
    page = client.get(url)
    assert page.status_code == 200 and "<mark" in page.get_data(as_text=True)
    listed = client.get("/api/documents").get_json()["documents"][0]
    assert listed["url"] == "/docs/care%20%231%2050%25%3F" and client.get(listed["url"]).status_code == 200
    assert client.get(listed["url"] + "/original").status_code == 200


def test_question_logging_can_be_switched_off(bot, tmp_path):
    settings = Settings(corpus=CORPUS, database=tmp_path / "q.sqlite3", log_questions=False)
    app = create_app(settings, Service(bot, Store(settings.database), settings))
    app.test_client().post("/api/ask", json={"question": "what is the capital of France"})
    assert app.extensions["qa_bot"].store.report()["unanswered"] == []


BAD_REQUESTS = [
    # (description, kwargs for client.post, status, error code)
    ("no content type", {"data": '{"question": "hi"}'}, 415, "unsupported_media_type"),
    ("form post", {"data": {"question": "hi"}}, 415, "unsupported_media_type"),
    ("text/plain", {"data": "hi", "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ("latin-1 charset", {"data": b'{"question": "hi"}', "content_type": "application/json; charset=latin-1"},
     415, "unsupported_media_type"),
    ("empty body", {"data": b"", "content_type": "application/json"}, 400, "empty_body"),
    ("blank body", {"data": b"  \n", "content_type": "application/json"}, 400, "empty_body"),
    ("invalid utf-8", {"data": b'{"question": "\xff\xfe"}', "content_type": "application/json"}, 400, "invalid_utf8"),
    ("malformed json", {"data": b'{"question": ', "content_type": "application/json"}, 400, "invalid_json"),
    ("NaN", {"data": b'{"question": NaN}', "content_type": "application/json"}, 400, "invalid_json"),
    ("deep nesting", {"data": b"[" * 5000 + b"]" * 5000, "content_type": "application/json"}, 400, "invalid_json"),
    ("array", {"json": ["how long should I ice"]}, 400, "invalid_json"),
    ("string", {"json": "how long should I ice"}, 400, "invalid_json"),
    ("null", {"json": None, "data": b"null", "content_type": "application/json"}, 400, "invalid_json"),
    ("number", {"data": b"42", "content_type": "application/json"}, 400, "invalid_json"),
    ("missing question", {"json": {"q": "hi"}}, 400, "missing_question"),
    ("null question", {"json": {"question": None}}, 400, "missing_question"),
    ("numeric question", {"json": {"question": 42}}, 400, "invalid_question"),
    ("boolean question", {"json": {"question": True}}, 400, "invalid_question"),
    ("list question", {"json": {"question": ["hi"]}}, 400, "invalid_question"),
    ("object question", {"json": {"question": {"text": "hi"}}}, 400, "invalid_question"),
    ("empty question", {"json": {"question": ""}}, 400, "invalid_question"),
    ("blank question", {"json": {"question": " \t\n"}}, 400, "invalid_question"),
    ("question too long", {"json": {"question": "a" * 2001}}, 413, "question_too_long"),
    ("body too large", {"json": {"question": "hi", "pad": "x" * 1_100_000}}, 413, "body_too_large"),
    ("numeric conversation id", {"json": {"question": "hi", "conversation_id": 7}}, 400, "invalid_conversation_id"),
    ("huge conversation id", {"json": {"question": "hi", "conversation_id": "x" * 300}}, 400,
     "conversation_id_too_long"),
    ("huge history entry", {"json": {"question": "hi", "history": ["a" * 2001]}}, 400, "history_too_long"),
    ("question too long before stripping", {"json": {"question": " " * 1990 + "ice" * 5}}, 413, "question_too_long"),
    ("null history and id", {"json": {"question": "hi", "history": None, "conversation_id": None}}, 200, None),
    ("history not a list", {"json": {"question": "hi", "history": "ice"}}, 400, "invalid_history"),
    ("history of numbers", {"json": {"question": "hi", "history": [1, 2]}}, 400, "invalid_history"),
    ("history of objects", {"json": {"question": "hi", "history": [{"q": "x"}]}}, 400, "invalid_history"),
    ("history too long", {"json": {"question": "hi", "history": ["a"] * 21}}, 400, "invalid_history"),
    # JSON may spell half of a UTF-16 pair ("\\ud800"); it is no character, and storage cannot hold it.
    ("lone surrogate in the question", {"data": b'{"question": "what is \\ud800 this"}',
                                        "content_type": "application/json"}, 400, "invalid_unicode"),
    ("lone surrogate in the conversation id", {"data": b'{"question": "hi", "conversation_id": "\\udc00"}',
                                               "content_type": "application/json"}, 400, "invalid_unicode"),
    ("lone surrogate in a key", {"data": b'{"question": "hi", "\\ud83d": 1}', "content_type": "application/json"},
     400, "invalid_unicode"),
    ("deep but valid nesting beside the question", {"data": b'{"question": "hi", "x": ' + b"[" * 900 + b"]" * 900 + b"}",
                                                    "content_type": "application/json"}, 200, None),
    ("a surrogate pair is a character", {"data": b'{"question": "hi \\ud83d\\udc4b"}', "content_type": "application/json"},
     200, None),
]


@pytest.mark.parametrize(("kwargs", "status", "code"), [b[1:] for b in BAD_REQUESTS], ids=[b[0] for b in BAD_REQUESTS])
def test_bad_requests_get_a_clear_json_error(client, kwargs, status, code):
    kwargs = {k: v for k, v in kwargs.items() if not (k == "json" and v is None)}
    response = client.post("/api/ask", **kwargs)
    assert response.status_code == status
    assert response.is_json
    if status == 200:
        return
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"]


@pytest.mark.parametrize(("body", "message"), [
    (b'{"question": ', "line 1, column 14: expecting value"),
    (b'{"question": "hi",\n "history": [}', "line 2, column 14: expecting value"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_invalid_json_is_explained_in_our_words_with_where_it_breaks(client, body, message):
    response = client.post("/api/ask", data=body, content_type="application/json")
    assert response.status_code == 400
    text = response.get_json()["error"]["message"]
    assert message in text and "recursion" not in text and "(char " not in text


@pytest.mark.parametrize(("payload", "code"), [
    ({}, "missing_conversation_id"),
    ({"conversation_id": "x"}, "invalid_helpful"),
    ({"conversation_id": "x", "helpful": "yes"}, "invalid_helpful"),
    ({"conversation_id": "x", "helpful": 1}, "invalid_helpful"),
    ({"conversation_id": ["x"], "helpful": True}, "invalid_conversation_id"),
    ({"conversation_id": "x", "helpful": True, "comment": 5}, "invalid_comment"),
    ({"conversation_id": "", "helpful": True}, "missing_conversation_id"),
    ({"conversation_id": "x" * 201, "helpful": True}, "conversation_id_too_long"),
    ({"conversation_id": "x", "helpful": True, "section": "s" * 2001}, "section_too_long"),
])
def test_bad_feedback_is_rejected(client, payload, code):
    response = client.post("/api/feedback", json=payload)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code


def test_unknown_fields_are_ignored(client):
    response = ask(client, {"question": "how long should I ice", "locale": "en", "extra": {"nested": [1]}})
    assert response.status_code == 200


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("get", "/api/ask", 405, "method_not_allowed"),
    ("put", "/api/feedback", 405, "method_not_allowed"),
    ("get", "/api/nothing", 404, "not_found"),
    ("get", "/docs/no-such-document", 404, "not_found"),
    ("post", "/healthz", 405, "method_not_allowed"),
])
def test_routing_errors_are_json(client, method, path, status, code):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    if status == 405:
        assert "POST" in response.headers["Allow"] or "GET" in response.headers["Allow"]


def test_unexpected_errors_are_a_generic_500_without_traceback(app, caplog):
    def boom():
        raise RuntimeError("secret internal detail /etc/passwd")

    app.add_url_rule("/boom", "boom", boom)
    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "secret" not in body and "Traceback" not in body
    assert "secret internal detail" in caplog.text


def test_healthz_reports_documents_sections_and_worker_memory(client):
    health = client.get("/healthz").get_json()
    assert {k: health[k] for k in ("status", "documents", "sections")} == {"status": "ok", "documents": 1, "sections": 20}
    assert health["worker"]["pid"] > 0 and health["worker"]["resident_mb"] > 10


def test_database_failure_degrades_health_but_not_answers(bot, tmp_path):
    settings = Settings(corpus=CORPUS, database=tmp_path / "missing-dir" / "qa.sqlite3")
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    response = ask(client, {"question": "how long should I ice"})
    assert response.status_code == 200 and "20 minutes" in response.get_json()["answer"]
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded" and "database" in health["reason"]


def test_documents_list_sections(client):
    docs = client.get("/api/documents").get_json()["documents"]
    assert docs[0]["document"] == "gluteus-medius-syndrome"
    assert docs[0]["sections"][0] == {"section": "What is Gluteus Medius Syndrome",
                                      "anchor": "what-is-gluteus-medius-syndrome",
                                      "url": "/docs/gluteus-medius-syndrome#what-is-gluteus-medius-syndrome",
                                      "characters": 4519}


def test_citation_url_opens_the_page_with_the_passage_highlighted(client):
    url = ask(client, {"question": "how long should I ice"}).get_json()["citations"][0]["url"]
    page = client.get(url)
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert re.findall(r"<mark>(.*?)</mark>", html) == ["Leave the ice on for 20 minutes, 2–3 times a day."]
    assert 'id="follow-these-instructions-at-home"' in html
    assert "Scroll to Top" not in html and "Sign up" not in html
    assert "<ul><li>Take over-the-counter" in html and "<ul><li>Put ice in a plastic bag." in html


def test_html_pages_send_security_headers(client):
    for path in ("/", "/docs/gluteus-medius-syndrome"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


@pytest.mark.parametrize("hl", ["abc", "5-1", "1-2-3", "-1-5", "99999999999-1", "1-" + "9" * 50, ",,,"])
def test_malformed_highlight_is_ignored(client, hl):
    page = client.get(f"/docs/gluteus-medius-syndrome?hl={hl}")
    assert page.status_code == 200


def test_document_text_is_escaped(bot, tmp_path):
    (tmp_path / "evil.txt").write_text("Evil <script>alert(1)</script>\n\nWhat is it?\n\n"
                                       "It is <img src=x onerror=alert(1)> & more.\n", encoding="utf-8")
    from qa_bot.bot import Bot

    settings = Settings(corpus=tmp_path, database=tmp_path / "db.sqlite3")
    service = Service(Bot.from_folder(tmp_path), Store(settings.database), settings)
    html = create_app(settings, service).test_client().get("/docs/evil").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; more." in html


@pytest.fixture
def formats_client(tmp_path):
    """The service over the bundled example of each format, each under its own id."""
    from qa_bot.bot import Bot

    for example in (ROOT / "tests" / "data" / "formats" / "sports-injuries").iterdir():
        (tmp_path / f"si-{example.suffix[1:]}{example.suffix}").write_bytes(example.read_bytes())
    settings = Settings(corpus=tmp_path, database=tmp_path / "db.sqlite3")
    service = Service(Bot.from_folder(tmp_path), Store(settings.database), settings)
    return create_app(settings, service).test_client()


@pytest.mark.parametrize("doc_id, media_type", [
    ("si-pdf", "application/pdf"), ("si-html", "text/html"), ("si-txt", "text/plain"),
    ("si-docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_the_original_file_is_a_download_that_never_runs(formats_client, doc_id, media_type):
    response = formats_client.get(f"/docs/{doc_id}/original")
    suffix = doc_id.split("-")[1]
    assert response.status_code == 200 and response.mimetype == media_type
    assert response.get_data() == (ROOT / "tests/data/formats/sports-injuries" / f"sports-injuries.{suffix}").read_bytes()
    assert response.headers["Content-Disposition"] == f"attachment; filename={doc_id}.{suffix}"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    page = formats_client.get(f"/docs/{doc_id}").get_data(as_text=True)
    assert f'href="/docs/{doc_id}/original"' in page and f"Original file ({suffix.upper()})" in page


def test_the_page_of_a_pdf_shows_its_extracted_text_with_the_highlight(formats_client):
    answer = formats_client.post("/api/ask", json={"question": "What is little league elbow?"}).get_json()
    citation = answer["citations"][0]
    page = formats_client.get(citation["url"]).get_data(as_text=True)
    assert f"<mark>{citation['quote'].split(' … ')[0][:40]}" in page


def test_no_original_for_unknown_documents_or_paths(formats_client):
    for path in ("/docs/no-such-doc/original", "/docs/..%2f..%2fetc%2fpasswd/original", "/docs/si-pdf/original/x"):
        response = formats_client.get(path)
        assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_metrics_count_requests_and_answers(client):
    def value(text, name, labels):
        m = re.search(rf"^{name}\{{{labels}\}} ([0-9.e+]+)$", text, re.M)
        return float(m.group(1)) if m else 0.0

    before = client.get("/metrics").get_data(as_text=True)
    ask(client, {"question": "how long should I ice"})
    after = client.get("/metrics").get_data(as_text=True)
    labels = 'method="POST",route="/api/ask",status="200"'
    assert value(after, "qa_bot_http_requests_total", labels) == value(before, "qa_bot_http_requests_total", labels) + 1
    assert value(after, "qa_bot_answers_total", 'kind="answer"') >= 1
    assert "qa_bot_answer_seconds_bucket" in after


def test_openapi_document_is_valid_and_lists_every_route(client, app):
    spec = client.get("/openapi.json").get_json()
    validate(spec)
    validate(build_spec(slack=True, mattermost=True, admin=True))
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()}
    assert routes == set(spec["paths"])


def test_cors_is_off_by_default(client):
    response = client.options("/api/ask", headers={"Origin": "https://clinic.example",
                                                   "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_preflight_for_an_allowed_origin(bot, tmp_path):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", allowed_origins=("https://clinic.example",))
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    preflight = client.options("/api/ask", headers={"Origin": "https://clinic.example",
                                                    "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://clinic.example"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    other = client.post("/api/ask", json={"question": "hi"}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_a_site_missing_from_the_allowed_origins_is_named_in_the_log_once(bot, tmp_path, caplog):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", allowed_origins=("https://clinic.example",))
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    with caplog.at_level(logging.WARNING, logger="qa_bot.channels.http"):
        for _ in range(3):
            client.get("/api/welcome", headers={"Origin": "http://localhost:8733"})
        client.get("/api/welcome", headers={"Origin": "https://clinic.example"})
    warned = [r.getMessage() for r in caplog.records if "QA_BOT_ALLOWED_ORIGINS" in r.getMessage()]
    assert len(warned) == 1 and "http://localhost:8733" in warned[0]


def test_without_allowed_origins_a_cross_site_widget_is_named_but_the_service_itself_is_not(bot, tmp_path, caplog):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3")
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    with caplog.at_level(logging.WARNING, logger="qa_bot.channels.http"):
        client.post("/api/ask", json={"question": "hi"}, headers={"Origin": "http://localhost"})  # its own page
        client.get("/api/welcome", headers={"Origin": "https://www.clinic.example\x1b[31m"})
    warned = [r.getMessage() for r in caplog.records if "QA_BOT_ALLOWED_ORIGINS" in r.getMessage()]
    assert len(warned) == 1 and "is not set" in warned[0] and "\x1b" not in warned[0] and "\\x1b" in warned[0]


def test_public_url_makes_citation_links_absolute(bot, tmp_path):
    settings = Settings(corpus=CORPUS, database=tmp_path / "db.sqlite3", public_url="https://bot.example.org")
    client = create_app(settings, Service(bot, Store(settings.database), settings)).test_client()
    url = ask(client, {"question": "how long should I ice"}).get_json()["citations"][0]["url"]
    assert url.startswith("https://bot.example.org/docs/gluteus-medius-syndrome?hl=")


@pytest.mark.parametrize(("method", "path", "exception"), [
    ("get", "/api/ask", "MethodNotAllowed"), ("delete", "/healthz", "MethodNotAllowed"),
    ("get", "/nowhere", "NotFound"), ("post", "/api/ask", "RequestEntityTooLarge"),
])
def test_error_messages_are_ours_not_werkzeugs(client, method, path, exception):
    from werkzeug import exceptions

    kwargs = {"json": {"question": "x" * 1_100_000}} if method == "post" else {}
    message = getattr(client, method)(path, **kwargs).get_json()["error"]["message"]
    assert message and message != getattr(exceptions, exception).description
    assert path in message or "1,048,576 bytes" in message


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"
