"""Conversations and chat-event de-duplication in Redis, shared by every worker and replica.

When Redis cannot be reached the bot keeps answering: conversations are forgotten (no follow-up
memory), events count as new, the failure is logged at most once a minute, and /healthz says
"degraded" with the reason.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import redis

__all__ = ["RedisState"]

log = logging.getLogger(__name__)
LOG_EVERY = 60.0  # seconds between repeated "Redis is down" log lines
_PREFIX = "qa-bot:"


class RedisState:
    """The parts of the service's state that must be the same for every worker."""

    def __init__(self, url: str, ttl: float) -> None:
        # Short timeouts: a slow or absent Redis must not hold up an answer.
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5,
                                           health_check_interval=30)
        self.ttl = int(ttl)
        self.error: str | None = None
        self._logged = 0.0

    def _failed(self, what: str, exc: Exception) -> None:
        self.error = f"redis unavailable ({what}): {type(exc).__name__}"
        now = time.monotonic()
        if now - self._logged > LOG_EVERY:
            self._logged = now
            log.error("%s; answering without shared memory: %s", self.error, exc)

    def _ok(self) -> None:
        if self.error:
            log.info("redis is reachable again")
        self.error = None

    def check(self) -> bool:
        try:
            self.client.ping()
        except redis.RedisError as exc:
            self._failed("ping", exc)
            return False
        self._ok()
        return True

    def load(self, conversation_id: str) -> dict[str, Any] | None:
        try:
            raw = self.client.get(_PREFIX + "conv:" + conversation_id)
        except redis.RedisError as exc:
            self._failed("read conversation", exc)
            return None
        self._ok()
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def save(self, conversation_id: str, data: dict[str, Any]) -> None:
        try:
            self.client.set(_PREFIX + "conv:" + conversation_id, json.dumps(data), ex=self.ttl)
        except redis.RedisError as exc:
            self._failed("save conversation", exc)
            return
        self._ok()

    def first_delivery(self, event_id: str, keep_seconds: float) -> bool:
        try:
            created = self.client.set(_PREFIX + "event:" + event_id, "1", nx=True, ex=int(keep_seconds))
        except redis.RedisError as exc:
            self._failed("record event", exc)
            return True
        self._ok()
        return bool(created)
