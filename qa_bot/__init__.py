"""qa-bot: answers questions about documents with the documents' own words and a citation."""

from qa_bot.bot import Bot
from qa_bot.errors import CorpusError, InvalidQuestionError, QaBotError, QuestionTooLongError
from qa_bot.models import Answer, Citation

__all__ = [
    "Answer", "Bot", "Citation", "CorpusError", "InvalidQuestionError", "QaBotError",
    "QuestionTooLongError",
]
__version__ = "0.1.0"
