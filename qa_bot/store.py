"""SQLite storage shared by server workers: conversations, feedback and unanswered questions.

Writes that fail (locked, read-only or full database) are logged and dropped: storage must never
stop the bot from answering.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_bot.errors import StorageError
from qa_bot.privacy import redact
from qa_bot.shared_state import RedisState
from qa_bot.surrogates import storable

__all__ = ["Conversation", "Store"]

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, updated REAL NOT NULL, turns TEXT NOT NULL, last TEXT
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations (updated);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY, created REAL NOT NULL, conversation_id TEXT, helpful INTEGER NOT NULL,
    comment TEXT, question TEXT, document TEXT, section TEXT
);
CREATE TABLE IF NOT EXISTS seen_events (id TEXT PRIMARY KEY, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY, created REAL NOT NULL, question TEXT NOT NULL, kind TEXT NOT NULL,
    confidence REAL NOT NULL
);
"""
BUSY_TIMEOUT = 0.25  # seconds to wait for a lock held by another worker
MAX_TURNS = 8  # questions kept per conversation; follow-ups only look a few back
_PRUNE_EVERY = 200  # writes between clean-ups of expired and surplus rows
EVENT_MEMORY = 3600  # seconds a chat event id is remembered; Slack retries within minutes


@dataclass
class Conversation:
    """A conversation's recent questions and what its last answer cited."""

    id: str
    turns: list[str] = field(default_factory=list)
    last: dict[str, Any] = field(default_factory=dict)  # question, kind, document, section


def new_conversation_id() -> str:
    """A random, unguessable conversation id."""
    return secrets.token_urlsafe(18)


class Store:
    """One SQLite file (WAL mode), one connection per thread and process."""

    def __init__(self, path: str | Path, ttl: float = 3600, max_conversations: int = 10_000,
                 shared: RedisState | None = None, retention_days: float = 0) -> None:
        self.path = Path(path)
        self.ttl = ttl
        self.max_conversations = max_conversations
        self.shared = shared  # Redis, when several machines serve: conversations and events live there
        self.retention = retention_days * 86400
        self._local = threading.local()
        self._writes = 0
        self.error: str | None = None  # the last storage failure, for /healthz

    def _db(self) -> sqlite3.Connection:
        # A connection must not cross a fork: each worker process opens its own.
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            # A short busy timeout: a locked database drops a row rather than hold up an answer.
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _run(self, what: str, sql: str, params: tuple = ()) -> list[tuple] | None:
        # A lone surrogate (JSON may spell one) cannot be stored as UTF-8: it becomes U+FFFD, not a lost row.
        params = tuple(storable(p) if isinstance(p, str) else p for p in params)
        try:
            rows = self._db().execute(sql, params).fetchall()
        except (sqlite3.Error, OSError) as exc:
            self.error = f"{what}: {exc}"
            log.error("storage failed (%s): %s", what, exc)
            return None
        self.error = None
        return rows

    def check(self) -> bool:
        """True if the database (and Redis, when used) can be reached; else see ``problems()``."""
        database = self._run("health check", "SELECT 1") is not None
        shared = self.shared.check() if self.shared is not None else True
        return database and shared

    def problems(self) -> list[str]:
        """What is wrong with storage right now, for /healthz."""
        out = [f"database unavailable: {self.error}"] if self.error else []
        if self.shared is not None and self.shared.error:
            out.append(self.shared.error)
        return out

    # conversations
    def conversation(self, conversation_id: str | None) -> Conversation | None:
        """The stored conversation, or None if unknown, expired, or storage is unavailable."""
        if not conversation_id:
            return None
        if self.shared is not None:
            data = self.shared.load(conversation_id)
            if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
                return None
            return Conversation(conversation_id, [t for t in data["turns"] if isinstance(t, str)],
                                data.get("last") if isinstance(data.get("last"), dict) else {})
        rows = self._run("read conversation", "SELECT updated, turns, last FROM conversations WHERE id = ?",
                         (conversation_id,))
        if not rows or rows[0][0] < time.time() - self.ttl:
            return None
        try:
            return Conversation(conversation_id, json.loads(rows[0][1]), json.loads(rows[0][2] or "{}"))
        except ValueError:
            return None

    def save(self, conversation: Conversation) -> None:
        """Store a conversation's recent turns; prune expired and surplus ones now and then."""
        self._wrote()
        if self.shared is not None:
            self.shared.save(conversation.id, {"turns": conversation.turns[-MAX_TURNS:], "last": conversation.last})
            return
        self._run("save conversation",
                  "INSERT INTO conversations (id, updated, turns, last) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT(id) DO UPDATE SET updated = excluded.updated, turns = excluded.turns, "
                  "last = excluded.last",
                  (conversation.id, time.time(), json.dumps(conversation.turns[-MAX_TURNS:]),
                   json.dumps(conversation.last)))

    def _wrote(self) -> None:
        # Clean-ups ride along with writes now and then, in whichever worker makes them.
        self._writes += 1
        if self._writes % _PRUNE_EVERY == 0:
            self.prune()

    def prune(self) -> None:
        """Forget expired conversations, then the oldest beyond the cap; apply the retention period."""
        if self.retention:
            cutoff = time.time() - self.retention
            self._run("apply retention", "DELETE FROM unanswered WHERE created < ?", (cutoff,))
            self._run("apply retention", "DELETE FROM feedback WHERE created < ?", (cutoff,))
        self._run("prune events", "DELETE FROM seen_events WHERE created < ?", (time.time() - EVENT_MEMORY,))
        self._run("prune conversations", "DELETE FROM conversations WHERE updated < ?", (time.time() - self.ttl,))
        self._run("cap conversations",
                  "DELETE FROM conversations WHERE id IN (SELECT id FROM conversations "
                  "ORDER BY updated DESC LIMIT -1 OFFSET ?)", (self.max_conversations,))

    def conversation_count(self) -> int:
        rows = self._run("count conversations", "SELECT COUNT(*) FROM conversations")
        return rows[0][0] if rows else 0

    # chat platform deliveries
    def first_delivery(self, event_id: str, keep_seconds: float = EVENT_MEMORY) -> bool:
        """True the first time an event id is seen (by any worker); False for a retry.

        If storage fails the event counts as new: answering twice beats never answering.
        """
        if self.shared is not None:
            return self.shared.first_delivery(event_id, keep_seconds)
        self._wrote()
        rows = self._run("record event", "INSERT OR IGNORE INTO seen_events (id, created) VALUES (?, ?) "
                         "RETURNING id", (event_id, time.time()))
        return rows is None or bool(rows)

    # feedback and content gaps
    def add_feedback(self, conversation_id: str, helpful: bool, comment: str | None,
                     last: dict[str, Any]) -> bool:
        """Record a thumbs up or down on a conversation's last answer; False if it was dropped."""
        self._wrote()
        return self._run("save feedback",
                         "INSERT INTO feedback (created, conversation_id, helpful, comment, question, document, "
                         "section) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (time.time(), conversation_id, int(helpful), redact(comment), redact(last.get("question")),
                          last.get("document"), last.get("section"))) is not None

    def add_unanswered(self, question: str, kind: str, confidence: float) -> bool:
        """Record a question the documents could not answer well; False if it was dropped."""
        self._wrote()
        return self._run("save unanswered question",
                         "INSERT INTO unanswered (created, question, kind, confidence) VALUES (?, ?, ?, ?)",
                         (time.time(), redact(question), kind, confidence)) is not None

    def report(self, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """The most frequent unanswered questions and the feedback counts per section; StorageError if unreadable."""
        questions = self._run(
            "read report",
            "SELECT lower(trim(question)) AS q, COUNT(*) AS n, MAX(created) FROM unanswered "
            "GROUP BY q ORDER BY n DESC, MAX(created) DESC LIMIT ?", (limit,))
        sections = self._run(
            "read report",
            "SELECT COALESCE(document, '?'), COALESCE(section, '(no answer)'), SUM(helpful), "
            "SUM(1 - helpful) FROM feedback GROUP BY 1, 2 ORDER BY SUM(1 - helpful) DESC, SUM(helpful) DESC")
        if questions is None or sections is None:
            # An empty report would say "nothing yet" of a database that could not be read at all.
            raise StorageError(f"cannot read the database {self.path}: {self.error}")
        return {
            "unanswered": [{"question": q, "count": n} for q, n, _ in questions],
            "feedback": [{"document": d, "section": s, "helpful": h, "unhelpful": u}
                         for d, s, h, u in sections],
        }
