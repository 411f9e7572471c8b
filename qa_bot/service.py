"""The bot as a service: ``Bot.ask`` plus server-side conversations and the content-gap log.

Every networked channel (HTTP, Slack, Mattermost) calls ``Service.ask``; none keeps its own state.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot import replies
from qa_bot.bot import Bot
from qa_bot.config import Settings
from qa_bot.errors import StorageError, UnknownConversationError
from qa_bot.models import Answer
from qa_bot.replies import Contacts
from qa_bot.shared_state import RedisState
from qa_bot.store import Conversation, Store, new_conversation_id

__all__ = ["Reply", "Service"]

log = logging.getLogger(__name__)
LOW_CONFIDENCE = 0.6  # answers below this are logged as content gaps too


@dataclass(frozen=True)
class Reply:
    """An answer and the conversation it belongs to."""

    answer: Answer
    conversation_id: str

    def to_dict(self, base_url: str = "") -> dict:
        """The contract's answer object plus ``conversation_id``; links absolute when base_url is set."""
        data = self.answer.to_dict()
        if base_url:
            for citation in data["citations"]:
                citation["url"] = base_url + citation["url"]
        data["conversation_id"] = self.conversation_id
        return data


class Service:
    """One bot, one store, one set of settings."""

    def __init__(self, bot: Bot, store: Store, settings: Settings) -> None:
        self.bot = bot
        self.store = store
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings) -> Service:
        """Load the corpus (CorpusError if unusable) and open the database lazily."""
        bot = Bot.from_folder(settings.corpus, cache_dir=settings.cache_dir, progress=True,
                              max_question_chars=settings.max_question_chars,
                              contacts=Contacts(settings.crisis_line, settings.emergency_number))
        bot.speller.warm()  # once here, so forked workers share it instead of each building it
        shared = RedisState(settings.redis_url, settings.conversation_ttl) if settings.redis_url else None
        store = Store(settings.database, settings.conversation_ttl, settings.max_conversations, shared,
                      settings.retention_days)
        return cls(bot, store, settings)

    def ask(self, question: str, conversation_id: str | None = None,
            history: Sequence[str] | None = None, *, channel_key: bool = False) -> Reply:
        """Answer in a conversation: a known id brings its earlier questions; else a new id is issued.

        ``channel_key`` marks an id a channel derives itself (a Slack thread), kept even when new.
        """
        conversation = self.store.conversation(conversation_id)
        if conversation is None:
            keep = channel_key and conversation_id
            conversation = Conversation(conversation_id if keep else new_conversation_id())
        turns = conversation.turns or list(history or [])
        # The text of a crisis or emergency message is not kept (see _remember); only the kind of reply it got.
        after = conversation.last.get("reason") if conversation.last.get("kind") == "safety" else None
        answer = self.bot.ask(question, turns, after_safety=after)
        self._remember(conversation, question, answer)
        if self.settings.log_questions and (answer.kind == "abstain" or (
                answer.kind == "answer" and answer.confidence < LOW_CONFIDENCE)):
            self.store.add_unanswered(question.strip(), answer.kind, answer.confidence)
        return Reply(answer, conversation.id)

    def _remember(self, conversation: Conversation, question: str, answer: Answer) -> None:
        if answer.kind == "answer":
            conversation.turns.append(question.strip())
        elif answer.kind == "safety":
            conversation.turns.clear()  # a crisis message's words are not stored; "reason" below is enough
        cite = answer.citations[0] if answer.citations else None
        conversation.last = {
            # A crisis or emergency message's words are never kept, whatever QA_BOT_LOG_QUESTIONS says.
            "question": question.strip() if self.settings.log_questions and answer.kind != "safety" else None,
            "kind": answer.kind,
            "reason": answer.extra.get("reason"),  # crisis or emergency: a follow-up gets that reply again
            "document": cite.document if cite else None,
            "section": cite.section if cite else None,
        }
        self.store.save(conversation)

    def feedback(self, conversation_id: str, helpful: bool, comment: str | None = None,
                 about: dict[str, str | None] | None = None) -> None:
        """Record feedback on an answer: UnknownConversationError if there is none to rate, StorageError if dropped.

        ``about`` may name the answer's document and section (a widget rates older answers too, after
        their conversation expired); only a real section is believed, else the conversation's last answer is meant.
        """
        about = about or {}
        conversation = self.store.conversation(conversation_id)
        target = dict(conversation.last) if conversation else {}
        if self._is_section(about.get("document"), about.get("section")):
            target.update(document=about["document"], section=about["section"],
                          question=about.get("question") if self.settings.log_questions else None)
        elif conversation is None and self.store.check():
            # Storage is healthy, so the conversation is truly unknown. (When it is not, Redis may be down:
            # the rating is still kept, without the answer it was about.)
            raise UnknownConversationError(
                f"conversation {conversation_id[:40]!r} has no answer to rate: it is unknown or has expired; "
                "send the answer's document and section with the feedback")
        if not self.store.add_feedback(conversation_id, helpful, comment, target):
            raise StorageError("the feedback could not be saved right now; try again later")

    def _is_section(self, document: str | None, section: str | None) -> bool:
        return any(d.id == document and any(s.heading == section for s in d.sections) for d in self.bot.documents)

    def welcome(self) -> dict:
        """How a chat opens: a greeting naming the documents, and questions they answer."""
        bot = self.bot
        return {"greeting": replies.greeting(bot.documents), "disclaimer": replies.DISCLAIMER,
                "suggestions": list(bot.topics[:3]),
                "documents": [{"document": d.id, "title": d.title, "url": d.url} for d in bot.documents]}

    def health(self) -> dict:
        """What /healthz reports."""
        status = {"status": "ok", "documents": len(self.bot.documents), "sections": len(self.bot.index.sections)}
        if not self.store.check():
            status.update(status="degraded", reason="; ".join(self.store.problems()))
        return status
