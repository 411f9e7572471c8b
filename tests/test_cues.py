"""Wording cues the triage weighs beside a message's meaning."""

from __future__ import annotations

import pytest

from qa_bot.cues import CUES, asks, cues, hedged, tells_own_state


@pytest.mark.parametrize(("message", "expected"), [
    ("What are the warning signs of a stroke?", True),
    ("can I take ibuprofen with it", True),
    ("my lips are swelling up since the jab", False),
    ("he's not breathing?", True),
    ("i fainted at a concert once, should i get checked", True),
    ("my grandad had a heart attack at 50 so what should i be doing", True),
    ("he collapsed, is not breathing", False),
    ("my dad fell, is bleeding from his head", False),
    ("i'm having chest pain, which is spreading to my arm", False),
    ("i have pills saved, when i'm alone i think about taking them", False),
    ("she fell and hit her head and now she is confused", False),
])
def test_asks_says_whether_a_message_is_worded_as_a_question(message, expected):
    assert asks(message) is expected


def test_cues_mark_the_past_the_general_and_the_present():
    marked = dict(zip(CUES, cues("I had a seizure years ago, what are the signs of one in general?"), strict=True))
    assert marked["asks"] == 0 and marked["question_mark"] == 1 and marked["past"] == 1 and marked["general"] == 1
    now = dict(zip(CUES, cues("my dad can't breathe right now"), strict=True))
    assert now["now"] == 1 and now["person"] == 1 and now["past"] == 0 and now["general"] == 0


@pytest.mark.parametrize(("message", "expected"), [
    ("had anaphylaxis to penicillin years ago", True),
    ("as a teenager I cut myself", True),
    ("I used to cut and started again", False),  # not over: a relapse
    ("I tried once before", False),
    ("been self harming for the last year", False),  # a span up to now
    ("self harming in the past month", False),
    ("I tried to kill myself years ago and I'm feeling that way again", False),  # again: not over
    ("my throat is closing up", False),
])
def test_hedged_says_when_a_rule_match_is_not_sure(message, expected):
    assert hedged(message) is expected


@pytest.mark.parametrize(("message", "expected"), [
    ("my incision is red and hot", True),
    ("i cant put any weight on my foot", True),
    ("I've had a fever since last night, should I call?", True),
    ("can I get a fever from the injection?", False),  # asks
    ("what should I do if my wound gets red?", False),  # in general
    ("the redness spreads around the tube", False),  # not of the writer
    ("I had a rash from it years ago", False),  # over
    ("Should I call? I have had a fever since last night", True),  # told in the second sentence
    ("tell me about a bad smell from the dressing", False),  # asks to be told
    ("I want to know how to empty the drain", False),
])
def test_tells_own_state_marks_a_writer_speaking_of_themselves_now(message, expected):
    assert tells_own_state(message) is expected
