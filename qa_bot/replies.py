"""The bot's own words: safety messages, small talk, "I don't know", and suggested questions."""

from __future__ import annotations

from dataclasses import dataclass

from qa_bot.config import CRISIS_LINE, EMERGENCY_NUMBER
from qa_bot.documents import Document
from qa_bot.index import Index
from qa_bot.intents import Intent
from qa_bot.models import Answer
from qa_bot.question_forms import question_form

__all__ = ["DISCLAIMER", "Contacts", "QuestionForms", "abstain", "greeting", "label", "named", "safety", "smalltalk", "suggestions",
           "titles", "topics"]

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
    "greeting": "Hello! I answer questions about {titles} using the {source} own words. "
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


class QuestionForms:
    """Each section's heading as a question, computed when first suggested."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._forms: dict[int, str] = {}

    def __getitem__(self, sid: int) -> str:
        if sid not in self._forms:
            self._forms[sid] = question_form(self.index.sections[sid].heading, self.index.doc_of_section[sid].title)
        return self._forms[sid]


def topics(index: Index, limit: int = 5, document: str | None = None) -> list[str]:
    """Questions the documents (or one of them) answer, from their headings: each in turn, its overview first."""
    forms = QuestionForms(index)
    per_document: dict[str, list[str]] = {}
    for sid in range(len(index.sections)):
        doc = index.doc_of_section[sid]
        if document is not None and doc.id != document:
            if document in per_document:
                break  # a document's sections come together: the rest of a large library need not be read
            continue
        if doc.id not in per_document and len(per_document) == limit:
            break  # a large library need not be read to the end
        questions = per_document.setdefault(doc.id, [])
        section = index.sections[sid]
        if section.heading == doc.title and doc.title.rstrip().endswith("?"):
            # A title that asks ("When and how do I properly wash my hands?") asks about the whole page: its
            # opening paragraph is an introduction, not the answer a first click should get.
            continue
        if forms[sid] not in questions and len(questions) < limit:
            questions.append(forms[sid])
    out: list[str] = []
    for turn in range(limit):
        out.extend(q[turn] for q in per_document.values() if turn < len(q))
    return out[:limit]


LABEL_CHARS = 70  # a header or a one-line reply names the documents only while they fit this


def titles(documents: list[Document]) -> str:
    """The documents' titles as a phrase: "A, B, C and D", or "A, B, C and 5 more documents" for many."""
    return named([d.title for d in documents])


def named(titles: list[str]) -> str:
    """Titles as a phrase: all of them up to four, else the first three and how many more."""
    if len(titles) > 4:
        return ", ".join(titles[:3]) + f" and {len(titles) - 3} more documents"
    return " and ".join(titles) if len(titles) < 3 else ", ".join(titles[:-1]) + " and " + titles[-1]


def label(documents: list[Document]) -> str:
    """A short name for the documents, for a header or a reply said often: their titles, or "these 4 documents"."""
    phrase = titles(documents)
    return phrase if len(documents) == 1 or len(phrase) <= LABEL_CHARS else f"these {len(documents)} documents"


def _listed(questions: list[str]) -> str:
    """Questions one after another, each ending in its own question mark (never "?.")."""
    return " ".join(q if q.endswith(("?", ".", "!")) else q + "." for q in questions)


def greeting(documents: list[Document]) -> str:
    """The first thing a chat says: what it can answer, from which documents, and that it is not advice."""
    return (f"Hi! I answer questions about {titles(documents)}, quoting the "
            f"{'document' if len(documents) == 1 else 'documents'} and showing where each answer comes from. "
            + DISCLAIMER)


def smalltalk(intent: Intent, documents: list[Document], known: list[str]) -> Answer:
    """A friendly reply that points back to what the bot can answer."""
    examples = known[:3]
    text = _SMALLTALK.get(intent.name, _SMALLTALK["help"]).format(
        titles=titles(documents), source="document's" if len(documents) == 1 else "documents'",
        examples=" · ".join(f"“{q}”" for q in examples))
    return Answer("smalltalk", text, 1.0, suggestions=tuple(examples), extra={"intent": intent.name})


def abstain(documents: list[Document], known: list[str], confidence: float) -> Answer:
    """Say kindly that the documents don't answer this, and what they do cover."""
    text = (f"I'm sorry, I couldn't find an answer to that in {label(documents)}. "
            f"I can help with questions like these: {_listed(known[:3])} "
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
