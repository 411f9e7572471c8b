"""A conversation that fits the loaded documents: /, /api/welcome and the chat help come from the corpus."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from qa_bot.bot import Bot
from qa_bot.channels.http import create_app
from qa_bot.config import Settings
from qa_bot.service import Service
from qa_bot.store import Store

DATA = Path(__file__).resolve().parent / "data"
# Words only the bundled handout (corpus/gluteus-medius-syndrome.txt) would bring.
HANDOUT = re.compile(r"(?i)\b(gluteus|medius|hip|ice|icing|bridge|lunge|buttock)\b")
SECRET = "test-signing-secret"


def _client(folder: Path, tmp_path: Path):
    settings = Settings(corpus=folder, database=tmp_path / "db.sqlite3", slack_signing_secret=SECRET,
                        mattermost_tokens=("mm-token",), rate_limit="", webhook_rate_limit="")
    return create_app(settings, Service(Bot.from_folder(folder), Store(settings.database), settings)).test_client()


def _slack_help(client) -> str:
    body = urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "command": "/ask", "text": ""})
    timestamp = str(int(time.time()))
    headers = {"X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)}
    response = client.post("/slack/commands", data=body, content_type="application/x-www-form-urlencoded",
                           headers=headers)
    assert response.status_code == 200
    return response.get_json()["text"]


@pytest.mark.parametrize(("name", "title"), [("elbow", "TENNIS ELBOW (LATERAL EPICONDYLITIS)"),
                                             ("shoulder", "Shoulder Bursitis"), ("back", "Low Back Pain")])
def test_another_corpus_leaves_no_trace_of_the_bundled_handout(tmp_path, name, title):
    client = _client(DATA / name, tmp_path)
    welcome = client.get("/api/welcome").get_json()
    assert title in welcome["greeting"] and "not medical advice" in welcome["greeting"]
    assert welcome["documents"][0]["title"] == title and len(welcome["suggestions"]) == 3
    page = client.get("/").get_data(as_text=True)
    slack = _slack_help(client)
    mattermost = client.post("/mattermost", data={"token": "mm-token", "command": "/ask", "text": ""}).get_json()["text"]
    # The API description the demo page links to too: its examples are of no handout a clinic serves.
    spec = client.get("/openapi.json").get_data(as_text=True)
    for text in (welcome["greeting"], *welcome["suggestions"], page, slack, mattermost, spec):
        assert not HANDOUT.search(text), HANDOUT.search(text)
    assert welcome["suggestions"][0] in page and welcome["suggestions"][0] in slack
    assert f'data-title="Ask about {title}"' in page


def test_the_bundled_corpus_opens_with_its_own_questions(tmp_path):
    client = _client(DATA.parent.parent / "corpus", tmp_path)
    welcome = client.get("/api/welcome").get_json()
    assert welcome["suggestions"][0] == "What is Gluteus Medius Syndrome?"
    assert welcome["greeting"].startswith("Hi! I answer questions about Gluteus Medius Syndrome")


def test_many_long_titles_give_a_short_header_and_abstain_but_every_title_in_the_greeting_and_help(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    long_titles = ["How do I care for someone who is sick at home?", "When and how do I properly wash my hands?",
                   "Infection and Neutropenia during Cancer Treatment", "Hip Replacement: What to Expect"]
    for n, title in enumerate(long_titles):
        (corpus / f"doc-{n}.md").write_text(f"# {title}\n\n## Rest\n\nRest for {n + 2} days.\n", encoding="utf-8")
    client = _client(corpus, tmp_path)
    page = client.get("/").get_data(as_text=True)
    assert "<h1>These 4 documents</h1>" in page and 'data-title="Ask about these 4 documents"' in page
    abstain = client.post("/api/ask", json={"question": "what is the capital of France"}).get_json()
    assert abstain["kind"] == "abstain" and "find an answer to that in these 4 documents." in abstain["answer"]
    greeting = client.get("/api/welcome").get_json()["greeting"]
    help_text = _slack_help(client)
    assert all(title in greeting and title in help_text for title in long_titles)  # never "and 1 more"


def test_a_title_that_asks_is_no_starter_question_its_sections_are(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hands.md").write_text(
        "# When and how do I properly wash my hands?\n\nHandwashing is one of the best ways to stay healthy.\n\n"
        "## Follow five steps to wash your hands\n\n1. Wet your hands.\n2. Lather them with soap.\n3. Scrub for 20 "
        "seconds.\n4. Rinse them.\n5. Dry them.\n\n## Use hand sanitizer when you can't use soap\n\nUse a "
        "sanitizer with at least 60% alcohol.\n", encoding="utf-8")
    topics = Bot.from_folder(corpus).topics
    assert topics and "When and how do I properly wash my hands?" not in topics
    assert any("five steps" in t for t in topics)
