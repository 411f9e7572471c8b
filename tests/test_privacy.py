"""Question logs: redacted before storage, kept only for the retention period, or not at all."""

from __future__ import annotations

import sqlite3
import time

import pytest

from qa_bot.privacy import redact
from qa_bot.store import Store


@pytest.mark.parametrize(("text", "expected"), [
    ("mail me at jane.doe+x@example.co.uk please", "mail me at [email] please"),
    ("call 555-123-4567 or (555) 123 4567", "call [phone] or [phone]"),
    ("my number is +44 20 7946 0958", "my number is [phone]"),
    ("leave the ice on for 20 minutes, 2-3 times a day", "leave the ice on for 20 minutes, 2-3 times a day"),
    ("lift it 4–6 inches (10–15 cm)", "lift it 4–6 inches (10–15 cm)"),
    (None, None),
])
def test_redaction(text, expected):
    assert redact(text) == expected


def test_stored_questions_and_comments_are_redacted(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    store.add_unanswered("is jane@example.org allowed to call 0412 345 678?", "abstain", 0.1)
    store.add_feedback("c1", False, "reach me on 555 123 4567", {"question": "email bob@x.io"})
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute("SELECT question FROM unanswered").fetchall() + \
               conn.execute("SELECT comment FROM feedback UNION ALL SELECT question FROM feedback").fetchall()
    text = " ".join(r[0] for r in rows)
    assert "@" not in text and "345" not in text and "4567" not in text
    assert "[email]" in text and "[phone]" in text


def test_rows_older_than_the_retention_period_are_deleted(tmp_path):
    store = Store(tmp_path / "db.sqlite3", retention_days=30)
    store.add_unanswered("old question", "abstain", 0.1)
    store.add_feedback("c1", True, None, {})
    with sqlite3.connect(store.path) as conn:
        old = time.time() - 31 * 86400
        conn.execute("UPDATE unanswered SET created = ?", (old,))
        conn.execute("UPDATE feedback SET created = ?", (old,))
    store.add_unanswered("new question", "abstain", 0.1)
    store.prune()
    assert store.report()["unanswered"] == [{"question": "new question", "count": 1}]
    assert store.report()["feedback"] == []
