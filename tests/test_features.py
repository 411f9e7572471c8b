"""What the ranker's features see in a candidate sentence, independent of the fitted weights."""

from __future__ import annotations

import pytest

from qa_bot.bot import Bot
from qa_bot.features import _definition_bonus, gather
from qa_bot.query import analyze_question

BLOOD = """Blood counts during treatment

Checking your blood
Chemotherapy lowers the number of white blood cells for a while. You will have blood tests to check for
leukopenia (a condition in which there are too few white blood cells). Your nurse will tell you when.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    folder = tmp_path_factory.mktemp("blood")
    (folder / "blood.txt").write_text(BLOOD, encoding="utf-8")
    return Bot.from_folder(folder)


@pytest.mark.parametrize(("sentence", "strength"), [
    ("Leukopenia is a drop in white blood cells.", 1.0),
    ("Tests check for leukopenia (a condition in which there are too few white blood cells).", 1.0),
    ("Your nurse checks for leukopenia, a condition in which white cells drop, every week.", 1.0),
    ("If you have leukopenia, a fever can be a sign of serious infection.", 0.0),
    ("After leukopenia, an infection can spread quickly.", 0.0),
    ("If you have leukopenia, an infection in your blood can be serious.", 0.0),
    ("Tests check for leukopenia (a drop in white blood cells).", 1.0),
    ("During leukopenia (a few days after chemo) avoid crowds.", 0.0),
    ("Leukopenia, also called a low white count, is common.", 1.0),
    ("Leukopenia makes an infection more likely.", 0.0),
    ("Tests check for leukopenia and anemia (a low red cell count).", 0.0),
    # glossary entries
    ("Leukopenia: There are too few white blood cells in the blood.", 1.0),
    ("Leukopenia with fever: There are too few white blood cells and the patient has a fever.", 0.0),
    ("Leukopenia: call your doctor right away if you have a fever.", 0.0),
    ("Leukopenia: Wash your hands often.", 0.0),
])
def test_a_term_glossed_where_it_is_used_or_entered_in_a_glossary_is_a_definition(bot, sentence, strength):
    query = analyze_question("What is leukopenia?", bot.index, bot.speller, bot.synonyms)
    assert _definition_bonus(sentence, query) == strength


@pytest.mark.parametrize(("question", "asks"), [
    ("When should I call my doctor after the tests?", "help"),
    ("is this something to get checked out?", "help"),
    ("how do I know if I need to go to the hospital?", "help"),
    ("When should I have the blood tests?", "when"),
    ("should I drink more water?", None),
    ("when do I see the surgeon for my follow up?", "when"),
    ("is it normal to see blood in my urine?", None),
    ("when will I see results from the exercises?", "when"),
    ("when do I call my doctor?", "help"),
    ("when to call a doctor", "help"),
])
def test_a_question_about_when_to_get_help_asks_for_an_instruction_to_get_it(bot, question, asks):
    query = analyze_question(question, bot.index, bot.speller, bot.synonyms)
    assert query.asks == asks
    if asks == "help":
        assert query.cued_by("Call your doctor right away if you have a fever.")
        assert not query.cued_by("Your nurse will tell you when the tests are due.")


def test_only_a_sections_first_unit_opens_it(bot):
    query = analyze_question("how often are the blood tests?", bot.index, bot.speller, bot.synonyms)
    prepared = bot.context(query, [])
    candidates = gather(bot.index, prepared[0], prepared[1], prepared[2])
    assert len(candidates.units) > 1
    assert (candidates.column("opening") == (candidates.units == 0)).all()
