"""The bot's own words: safety messages, small talk, "I don't know", and suggested questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.config import CRISIS_LINE, EMERGENCY_NUMBER
from qa_bot.documents import Document, Section
from qa_bot.index import Index
from qa_bot.intents import Intent
from qa_bot.models import Answer

__all__ = ["Contacts", "QuestionForms", "abstain", "safety", "smalltalk",
           "suggestions", "topics"]

DISCLAIMER = "I share general information from the documents, not medical advice."
_CRISIS = (
    "I'm really sorry you're going through this. Your safety matters most right now: please call or "
    "text a crisis line now ({crisis_line}), or call your local emergency number ({emergency_number}). "
    "If you might act on these thoughts, go to the nearest emergency department or stay with someone "
    "you trust. You don't have to face this alone."
)
_EMERGENCY = (
    "What you describe may need urgent medical care. Please call your local emergency number "
    "({emergency_number}) now, or go to the nearest emergency department. "
    "Don't wait for an answer from a chatbot."
)


@dataclass(frozen=True)
class Contacts:
    """Where the safety replies send people: set per clinic (QA_BOT_CRISIS_LINE, QA_BOT_EMERGENCY_NUMBER)."""

    crisis_line: str = CRISIS_LINE
    emergency_number: str = EMERGENCY_NUMBER
_SMALLTALK = {
    "greeting": "Hello! I answer questions about {titles} using the document's own words. "
                "You could ask, for example: {examples}",
    "how_are_you": "I'm doing well, thanks for asking! What would you like to know about {titles}?",
    "thanks": "You're welcome! Is there anything else you'd like to know about {titles}?",
    "goodbye": "Take care! Come back any time you have a question about {titles}.",
    "ack": "Glad that helps. Anything else you'd like to know about {titles}?",
    "who": "I'm qa-bot, an assistant that answers questions with passages quoted from {titles}, "
           "and I always show where an answer comes from. " + DISCLAIMER,
    "help": "I can answer questions about {titles}, for example: {examples}",
}


def safety(intent: Intent, contacts: Contacts | None = None) -> Answer:
    """Tell the person to get help now; decided before any retrieval, never a diagnosis, never a passage."""
    contacts = contacts or Contacts()
    text = (_CRISIS if intent.name == "crisis" else _EMERGENCY).format(
        crisis_line=contacts.crisis_line, emergency_number=contacts.emergency_number)
    return Answer("safety", text, 1.0, extra={"reason": intent.name})


def _question_form(section: Section, doc: Document) -> str:
    """A section heading as a question a user could ask ("How is this treated?")."""
    heading = section.heading.rstrip(":").strip()
    if heading.isupper():
        heading = heading.capitalize()  # "WHEN TO SEE A DOCTOR" reads better as a question in lower case
    if re.match(r"(?i)^(what|how|why|when|where|who|which|is|are|can|do|does|should)\b", heading):
        heading = re.sub(r"(?i)\bthis( condition)?\b", doc.title, heading, count=1)
        return heading if heading.endswith("?") else heading + "?"
    return f"Tell me about {heading}"


class QuestionForms:
    """Each section's heading as a question, computed when first suggested."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._forms: dict[int, str] = {}

    def __getitem__(self, sid: int) -> str:
        if sid not in self._forms:
            self._forms[sid] = _question_form(self.index.sections[sid], self.index.doc_of_section[sid])
        return self._forms[sid]


def topics(index: Index, limit: int = 5) -> list[str]:
    """Questions the documents answer, drawn from their headings: question headings first."""
    forms = QuestionForms(index)
    questions: list[str] = []
    others: list[str] = []
    for sid in range(len(index.sections)):
        section = index.sections[sid]
        if section.heading == index.doc_of_section[sid].title:
            continue
        is_question = section.heading.rstrip(":").endswith("?") or bool(
            re.match(r"(?i)^(what|how|why|when)\b", section.heading))
        (questions if is_question else others).append(forms[sid])
        if len(questions) >= limit:
            break  # a large library need not be read to the end
    return (questions + others)[:limit]


def _titles(documents: list[Document]) -> str:
    titles = [d.title for d in documents[:3]]
    if len(documents) > 3:
        return ", ".join(titles) + f" and {len(documents) - 3} more documents"
    return " and ".join(titles) if len(titles) < 3 else ", ".join(titles[:-1]) + " and " + titles[-1]


def smalltalk(intent: Intent, documents: list[Document], known: list[str]) -> Answer:
    """A friendly reply that points back to what the bot can answer."""
    examples = known[:3]
    text = _SMALLTALK.get(intent.name, _SMALLTALK["help"]).format(
        titles=_titles(documents), examples=" · ".join(f"“{q}”" for q in examples))
    return Answer("smalltalk", text, 1.0, suggestions=tuple(examples), extra={"intent": intent.name})


def abstain(documents: list[Document], known: list[str], confidence: float) -> Answer:
    """Say kindly that the documents don't answer this, and what they do cover."""
    text = (f"I'm sorry, I couldn't find an answer to that in {_titles(documents)}. "
            f"I can help with questions like: {'; '.join(known)}. "
            "For anything else, please ask your health care provider.")
    return Answer("abstain", text, confidence, suggestions=tuple(known[:3]))


def suggestions(forms: QuestionForms, ranked_sections: tuple[int, ...], limit: int = 3) -> tuple[str, ...]:
    """Follow-on questions from the next most relevant sections."""
    out: list[str] = []
    for sid in ranked_sections:
        if forms[sid] not in out:
            out.append(forms[sid])
        if len(out) == limit:
            break
    return tuple(out)
