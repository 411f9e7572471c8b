"""Settings in one place: the only module that reads environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from qa_bot.errors import ConfigError

__all__ = ["CRISIS_LINE", "EMERGENCY_NUMBER", "Settings", "default_corpus"]

CRISIS_LINE = "in the US and Canada, call or text 988; in the UK and Ireland, call Samaritans on 116 123"
EMERGENCY_NUMBER = "such as 911, 999 or 112"

_SOURCE_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_corpus(environ: Mapping[str, str] | None = None) -> Path:
    """QA_BOT_CORPUS, else the corpus/ folder bundled with the source tree, else ./corpus."""
    configured = (os.environ if environ is None else environ).get("QA_BOT_CORPUS")
    if configured:
        return Path(configured)
    return _SOURCE_CORPUS if _SOURCE_CORPUS.is_dir() else Path("corpus")


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(p.strip().rstrip("/") for p in env.get(name, "").split(",") if p.strip())


def _choice(env: Mapping[str, str], name: str, options: tuple[str, ...]) -> str:
    raw = env.get(name, "").strip().lower() or options[0]
    if raw not in options:
        raise ConfigError(f"{name} must be one of {', '.join(options)}, not {raw!r}")
    return raw


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip() or default
    if not raw.startswith(("http://", "https://")):
        raise ConfigError(f"{name} must be an http:// or https:// URL, not {raw!r}")
    return raw if raw.endswith("/") else raw + "/"


def _rate_limit(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip() or default
    if raw.lower() == "off":
        return ""
    from limits import parse_many

    try:
        parse_many(raw)
    except ValueError:
        raise ConfigError(f"{name} must look like '30/minute;300/hour' or be 'off', not {raw!r}") from None
    return raw


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    raw = env.get("QA_BOT_CACHE_DIR", "").strip()
    if raw.lower() in ("off", "none", "false", "0"):
        return None
    if raw:
        return Path(raw)
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "qa-bot"


@dataclass(frozen=True)
class Settings:
    """Everything an operator can configure; see the README's settings table."""

    corpus: Path = field(default_factory=default_corpus)
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    allowed_origins: tuple[str, ...] = ()
    public_url: str = ""  # e.g. https://bot.example.org; absolute links in Slack and widgets
    database: Path = Path("qa-bot.sqlite3")
    log_questions: bool = True
    max_question_chars: int = 2000
    max_body_bytes: int = 1024 * 1024
    conversation_ttl: int = 3600  # seconds of silence after which a conversation is forgotten
    max_conversations: int = 10_000
    log_level: str = "INFO"
    cache_dir: Path | None = None  # where built indexes are kept; None turns the cache off
    pidfile: Path | None = Path("qa-bot.pid")  # the server's process id, for `qa-bot reload`
    admin_token: str = ""  # turns on POST /admin/reload for requests bearing this token
    redis_url: str = ""  # conversations, rate limits and event de-duplication shared through Redis
    rate_limit: str = "30/minute;300/hour"  # per client, on /api/ask, /api/feedback and the webhooks
    webhook_rate_limit: str = "600/minute"  # chat platforms send everyone's messages from a few addresses
    trusted_proxies: int = 0  # how many reverse proxies' X-Forwarded-For entries to believe
    retention_days: int = 90  # unanswered questions and feedback older than this are deleted
    slack_signing_secret: str = ""  # turns on /slack/commands and /slack/events
    slack_bot_token: str = ""  # lets event replies be posted with chat.postMessage
    slack_api_url: str = "https://slack.com/api/"
    slack_response_type: str = "ephemeral"  # or in_channel, for slash-command replies
    mattermost_tokens: tuple[str, ...] = ()  # turns on /mattermost; one token per command or webhook
    mattermost_response_type: str = "ephemeral"
    crisis_line: str = CRISIS_LINE  # what the crisis reply tells people to call or text
    emergency_number: str = EMERGENCY_NUMBER  # the local emergency number(s) safety replies give

    @property
    def channels(self) -> dict[str, bool]:
        """Which chat channels are switched on."""
        return {"slack": bool(self.slack_signing_secret), "mattermost": bool(self.mattermost_tokens)}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from QA_BOT_* environment variables; ConfigError says what is wrong."""
        env = os.environ if environ is None else environ
        level = env.get("QA_BOT_LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ConfigError(f"QA_BOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
        return cls(
            corpus=default_corpus(env),
            host=env.get("QA_BOT_HOST", "127.0.0.1").strip() or "127.0.0.1",
            port=_int(env, "QA_BOT_PORT", 8000, 0, 65535),
            workers=_int(env, "QA_BOT_WORKERS", 2, 1, 64),
            allowed_origins=_list(env, "QA_BOT_ALLOWED_ORIGINS"),
            public_url=env.get("QA_BOT_PUBLIC_URL", "").strip().rstrip("/"),
            database=Path(env.get("QA_BOT_DB", "").strip() or "qa-bot.sqlite3"),
            log_questions=_bool(env, "QA_BOT_LOG_QUESTIONS", True),
            max_question_chars=_int(env, "QA_BOT_MAX_QUESTION_CHARS", 2000, 1, 100_000),
            max_body_bytes=_int(env, "QA_BOT_MAX_BODY_BYTES", 1024 * 1024, 256, 10 * 1024 * 1024),
            conversation_ttl=_int(env, "QA_BOT_CONVERSATION_TTL", 3600, 10, 30 * 86400),
            max_conversations=_int(env, "QA_BOT_MAX_CONVERSATIONS", 10_000, 10, 10_000_000),
            log_level=level,
            cache_dir=_cache_dir(env),
            pidfile=Path(env.get("QA_BOT_PIDFILE", "").strip() or "qa-bot.pid"),
            admin_token=env.get("QA_BOT_ADMIN_TOKEN", "").strip(),
            redis_url=env.get("QA_BOT_REDIS_URL", "").strip(),
            rate_limit=_rate_limit(env, "QA_BOT_RATE_LIMIT", "30/minute;300/hour"),
            webhook_rate_limit=_rate_limit(env, "QA_BOT_WEBHOOK_RATE_LIMIT", "600/minute"),
            trusted_proxies=_int(env, "QA_BOT_TRUSTED_PROXIES", 0, 0, 10),
            retention_days=_int(env, "QA_BOT_RETENTION_DAYS", 90, 0, 36500),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            slack_bot_token=env.get("SLACK_BOT_TOKEN", "").strip(),
            slack_api_url=_url(env, "SLACK_API_URL", "https://slack.com/api/"),
            slack_response_type=_choice(env, "QA_BOT_SLACK_RESPONSE_TYPE", ("ephemeral", "in_channel")),
            mattermost_tokens=_list(env, "MATTERMOST_TOKEN"),
            mattermost_response_type=_choice(env, "QA_BOT_MATTERMOST_RESPONSE_TYPE", ("ephemeral", "in_channel")),
            crisis_line=env.get("QA_BOT_CRISIS_LINE", "").strip() or CRISIS_LINE,
            emergency_number=env.get("QA_BOT_EMERGENCY_NUMBER", "").strip() or EMERGENCY_NUMBER,
        )

    def replace(self, **changes: object) -> Settings:
        """A copy with some settings changed (unknown names are an error)."""
        names = {f.name for f in fields(self)}
        unknown = set(changes) - names
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
        return Settings(**{**{n: getattr(self, n) for n in names}, **changes})  # type: ignore[arg-type]
