"""What a message's wording says besides its topic: asked as a question, about the past or people in
general, or happening to someone now.

Sentence embeddings place "what are the signs of a stroke?" beside "my dad's face just dropped": they
share a topic. These cues carry the difference, and the triage weighs them with the embedding's votes.
"""

from __future__ import annotations

import re

import numpy as np

from qa_bot.text import normalize

__all__ = ["CUES", "QUESTION_OPENING", "asks", "cues", "hedged", "present_states", "settled", "tells_own_state"]

CUES = ("asks", "question_mark", "past", "general", "now", "person")

# How a question opens; matched on normalised text without punctuation.
QUESTION_OPENING = re.compile(r"^(is|are|can|could|does|do|did|what|whats|which|how|hows|should|when|why|will|would|where|"
                   r"who|any|anyone)\b")
# A question after a clause ("i fainted once, should i get checked", "... so what should i do"), in question
# word order: "..., which is spreading", "..., when i'm alone" and "he fell, is bleeding" go on stating.
_LATER_QUESTION = re.compile(r"(,|;|\b(so|but))\s*(((is|are|can|could|does|do|did|should|will|would)\s+"
                             r"(i|it|you|we|he|she|they|this|that|there|my|his|her|their|the|a|an|its)\b)|"
                             r"(what|whats|how|when|why|where)\s+((\w+\s+)?(is|are|can|could|do|does|did|should|will|would)\b|"
                             r"now\b|next\b))")
_PAST = re.compile(r"\b(years? ago|months? ago|weeks? ago|last (year|month|summer|winter|spring|autumn)|once|"
                   r"as a (child|kid|teenager)|in the past|used to|previous|history of)\b")
# Long enough ago to be over ("had anaphylaxis years ago"); "once", "used to" and "previous" are not:
# "I used to cut and started again" is a crisis. Nor is a span up to now ("for the last year", "in the past week").
_LONG_AGO = re.compile(r"\b(years? ago|months? ago|(?<!for the )(?<!over the )(?<!in the )(?<!during the )"
                       r"last (year|summer|winter|spring|autumn)|as a (child|kid|teenager)|"
                       r"in the past(?! (few|couple|\d+|minutes?|hours?|days?|weeks?|months?|year)))\b")
# ... unless it is happening again, or still ("years ago and I'm feeling that way again").
_STILL = re.compile(r"\b(again|still|tonight|right now)\b")
_GENERAL = re.compile(r"\b(if (someone|somebody|a person|you|they|i ever|my)|in general|generally|"
                      r"just (asking|wondering|curious)|what should (i|you|we) do if|"
                      r"how (do|can|should|would) (you|i|we|someone) (help|tell|know|spot|recognise|recognize|support)|"
                      r"signs of|symptoms of|warning signs|difference between|risk of|people with)\b")
_NOW = re.compile(r"\b(now|right now|rn|just|tonight|today|this morning|since|keeps?|wont|cant|help|please|"
                  r"hurry|asap|still)\b")
_PERSON = re.compile(r"\b(i|im|ive|id|my|me|he|hes|she|shes|his|her|they|we|our|us|mum|mom|dad|son|daughter|"
                     r"husband|wife|partner|baby|kid|child|friend|brother|sister|gran|grandma|grandad)\b")


# The writer speaking of themselves (or of their own people: "my dad has ...") as a subject.
_SELF = re.compile(r"\b(i|im|ive|my)\b")
# ... or only asking to be told something ("tell me about ...", "I want to know how to ...").
_REQUEST = re.compile(r"^(please |pls )?(tell|explain|show|give|describe|help)\b|"
                      r"\b(want|need|like|love) to (know|understand|learn|ask)\b|\b(wondering|curious)\b")


def _plain(message: str, keep: str = "?") -> str:
    return " ".join(re.sub(rf"[^\w\s{keep}]", "", normalize(message)).split())


def asks(message: str) -> bool:
    """True if the message is worded as a question ("what are...", "can I...", "..., should I", or ends with "?")."""
    text = _plain(message)
    # Commas kept: they end a clause.
    return bool(QUESTION_OPENING.match(text)) or text.endswith("?") or bool(_LATER_QUESTION.search(_plain(message, "?,;")))


# Told as over: the person is fine now ("she's fine and playing", "been fine since", "the pain has gone now", "no
# fever", "turned out to be reflux"), unless it turned ("but now she can't breathe", "seemed fine, now he won't wake
# up"). People, not things: "my chest pain is better when I sit" and "he has stopped breathing now" are no such news.
_SETTLED = re.compile(r"\b((hes|shes|im|i am|i feel|i felt|theyre|he is|she is|they are|seems|seemed|been)"
                      r"( totally| perfectly| completely| absolutely)? (fine|ok|okay|well|alright|all right)( now| since| again)?"
                      r"|(it|its|that|pain|bleeding|swelling|rash|fever|dizziness|tightness)( has| had| is| was)?"
                      r" (gone|gone away|went away|passed|cleared|cleared up|settled|stopped)"
                      r"|no fever|non ?toxic|(playing|eating|acting|running around)( \w+)? (normally|happily)"
                      r"|(they|the doctors?|the er|the hospital|the nurse) (said|told (us|me|him|her)) it (was|is)"
                      r" (just|only|nothing|muscular|fine|ok|not serious|not (his|her|my) heart)"
                      # ... or explained since ("was in A&E last month with chest pain, turned out to be reflux").
                      r"|(it |which |but it |and it )?turned out (to be |it was |its )?(just |only )?(nothing|reflux|heartburn"
                      r"|indigestion|a panic attack|anxiety|muscular|a (pulled|strained) muscle|a virus|an infection|wind|gas"
                      r"|fine))\b")
_TURNED = re.compile(r"\b(but|then) (now|then|today|tonight|suddenly|this (morning|afternoon|evening))\b"
                     r"|\bnow (hes|shes|he|she|i|im|it|its|they|theyre|my)\b")
# A state told in the present ("I have chest pain, should I wait?"), not a past one asked about ("my chest felt tight
# last week, should I get checked?").
_PRESENT = re.compile(r"\b(i have|ive got|i got|im|i am|i feel|i cant|i cannot|is|are|keeps?|has been|have been|hurts|"
                      r"wont|theres|there is|now|right now|still)\b")
_PAST_TIME = re.compile(r"\b(yesterday|last (night|week|month|time)|the other day|earlier|once|ago)\b")


def settled(message: str) -> bool:
    """True if the message tells that what happened is over and the person is fine now."""
    text = _plain(message, "")
    return bool(_SETTLED.search(text)) and not _TURNED.search(text)


# A sign named but not had now: "recovering from a heart attack", "scared of having one like my dad", "on warfarin after".
_NOT_HAD = re.compile(r"\b(recovering from|scared of|afraid of|worried about|fear of|risk of|history of)\b"
                      r"|\bafter (a|an|his|her|my) (heart attack|stroke|seizure|overdose|anaphylaxis|fit)\b")


def present_states(message: str) -> list[str]:
    """The clauses that tell the writer's own state now ("I have chest pain" of "I have chest pain, should I wait?")."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", normalize(message)):
        later = _LATER_QUESTION.search(_plain(sentence, "?,;"))
        clause = _plain(sentence, "?,;")[:later.start()] if later else _plain(sentence, "?,;")
        text = _plain(clause, "")
        if (text and not QUESTION_OPENING.match(text) and not clause.rstrip().endswith("?") and _SELF.search(text)
                and _PRESENT.search(text) and not _PAST_TIME.search(text) and not _LONG_AGO.search(text)
                and not _GENERAL.search(text) and not _NOT_HAD.search(text)):
            out.append(text)
    return out


def hedged(message: str) -> bool:
    """True if the message asks, or tells of long ago: a safety rule's match is then not sure."""
    text = _plain(message)
    return asks(message) or (bool(_LONG_AGO.search(text)) and not _STILL.search(text))


def tells_own_state(message: str) -> bool:
    """True if the writer tells of their own state now ("my wound is red"), not asks or speaks in general."""
    # Sentence by sentence: "Should I call? I've had a fever since last night" tells in its second.
    return any(_SELF.search(text) and not QUESTION_OPENING.match(text) and not _GENERAL.search(text)
               and not _REQUEST.search(text) and not (_LONG_AGO.search(text) and not _STILL.search(text))
               for text in map(_plain, re.split(r"(?<=[.!?])\s+", message)) if text)


def cues(message: str) -> np.ndarray:
    """The message's cues, in the order of CUES, as 0/1."""
    text = _plain(message)
    return np.array([bool(QUESTION_OPENING.match(text)), text.endswith("?"), bool(_PAST.search(text)),
                     bool(_GENERAL.search(text)), bool(_NOW.search(text)), bool(_PERSON.search(text))],
                    dtype=np.float64)
