"""Typed errors raised by the core; each channel maps them to an exit code or HTTP status."""


class QaBotError(Exception):
    """Base class for every error qa-bot raises on purpose."""


class CorpusError(QaBotError):
    """The corpus path is missing, not a folder, or holds no loadable documents."""


class InvalidQuestionError(QaBotError):
    """The question is empty, blank, not text, or too long."""


class QuestionTooLongError(InvalidQuestionError):
    """The question is longer than the configured limit."""


class DocumentNotFoundError(QaBotError):
    """No loaded document has that id."""


class UnknownConversationError(QaBotError):
    """Feedback names a conversation with no answer to rate: unknown, expired, or never answered."""


class StorageError(QaBotError):
    """The database could not record something the client is told was recorded."""


class ConfigError(QaBotError):
    """A setting (environment variable) has a value qa-bot cannot use."""


class ModelError(QaBotError):
    """The bundled sentence-embedding model cannot be loaded."""
