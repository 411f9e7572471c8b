"""Answers formatted for chat platforms: Slack Block Kit and Mattermost Markdown."""

from __future__ import annotations

import re
from typing import Any

from qa_bot import replies
from qa_bot.models import Answer

__all__ = ["escape_mrkdwn", "mattermost_text", "slack_message", "usage"]

SECTION_LIMIT = 3000  # characters in one Block Kit text object
MAX_BLOCKS = 50
HEADER_LIMIT = 150


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters, so document text can never become a link or mention."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pieces(text: str, limit: int):
    """Lines and sentences, with anything still longer than limit cut at a space."""
    for part in re.split(r"(?<=\n)|(?<=[.!?] )", text):
        while len(part) > limit:
            cut = part.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            yield part[:cut]
            part = part[cut:]
        if part:
            yield part


def _chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Text split at line, sentence, then word boundaries into pieces of at most limit characters."""
    out, current = [], ""
    for piece in _pieces(text, limit):
        if current and len(current) + len(piece) > limit:
            out.append(current.strip())
            current = ""
        current += piece
    if current.strip():
        out.append(current.strip())
    return [c for c in out if c]


def _source(answer: Answer, base_url: str) -> tuple[str, str] | None:
    """(label, absolute url or '') of the answer's first citation."""
    if not answer.citations:
        return None
    cite = answer.citations[0]
    url = base_url + cite.url if base_url and cite.url.startswith("/") else (cite.url if "://" in cite.url else "")
    return f"{cite.title} › {cite.section}", url


def usage(welcome: dict[str, Any], prefix: str = "") -> str:
    """How to ask, with example questions from the loaded documents (``Service.welcome()``)."""
    lead = f"Ask me a question about {replies.named([d['title'] for d in welcome['documents']])}, for example:"
    examples = "\n".join(f"• {prefix} {q}".replace("•  ", "• ") for q in welcome["suggestions"])
    return f"{lead}\n{examples}\n{welcome['disclaimer']}"


def slack_message(answer: Answer, base_url: str = "", response_type: str | None = None) -> dict[str, Any]:
    """A Slack message: plain-text fallback plus Block Kit blocks within Slack's limits."""
    head: list[dict[str, Any]] = []
    if answer.kind == "safety":
        head.append({"type": "header", "text": {"type": "plain_text", "text": ":rotating_light: Please get help now",
                                                "emoji": True}})
    body = [{"type": "section", "text": {"type": "plain_text", "text": chunk, "emoji": False}}
            for chunk in _chunks(answer.answer)]
    tail: list[dict[str, Any]] = []
    source = _source(answer, base_url)
    if source:
        label, url = source
        link = f"<{url}|{escape_mrkdwn(label)}>" if url else escape_mrkdwn(label)
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"Source: {link}"}]})
    if answer.suggestions and answer.kind in ("answer", "abstain", "smalltalk"):
        tries = " · ".join(escape_mrkdwn(s) for s in answer.suggestions[:3])
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"You could also ask: {tries}"}]})
    room = MAX_BLOCKS - len(head) - len(tail)
    if len(body) > room:
        # Keep the source: shorten the passage and say so.
        note = {"type": "mrkdwn", "text": "(answer shortened; open the source for the rest)"}
        body = [*body[:room - 1], {"type": "context", "elements": [note]}]
    fallback = answer.answer + (f"\nSource: {source[0]}" + (f" {source[1]}" if source[1] else "") if source else "")
    # The fallback (shown in notifications) is mrkdwn: document text must not become a link or a mention there.
    message: dict[str, Any] = {"text": escape_mrkdwn(fallback[:SECTION_LIMIT]), "blocks": head + body + tail}
    if response_type:
        message["response_type"] = response_type
    return message


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def mattermost_text(answer: Answer, base_url: str = "") -> str:
    """Mattermost Markdown: the verbatim passage quoted, the source linked in bold."""
    lines = [f"> {_escape_markdown(line)}" if answer.kind == "answer" else _escape_markdown(line)
             for line in answer.answer.split("\n")]
    if answer.kind == "safety":
        lines.insert(0, "**:rotating_light: Please get help now**")
    source = _source(answer, base_url)
    if source:
        label, url = source
        lines.append(f"**Source:** [{_escape_markdown(label)}]({url})" if url else f"**Source:** {_escape_markdown(label)}")
    if answer.suggestions and answer.kind != "safety":
        lines.append("_You could also ask:_ " + " · ".join(_escape_markdown(s) for s in answer.suggestions[:3]))
    return "\n".join(lines)
