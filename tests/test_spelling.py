"""Typo repair: nearest corpus word by edit distance, run-together words split, no over-correction."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("typo", "fixed"), [
    ("lnog", "long"), ("shoud", "should"), ("syndrom", "syndrome"), ("brige", "bridge"),
    ("excersize", "exercise"), ("prevnt", "prevent"), ("gluteous", "gluteus"), ("injecton", "injection"),
])
def test_misspellings_are_corrected_to_corpus_words(bot, typo, fixed):
    assert bot.speller.correct(typo) == [fixed]


def test_run_together_words_are_split(bot):
    assert bot.speller.correct("highshould") == ["high", "should"]


@pytest.mark.parametrize("word", ["surgery", "france", "hereditary", "capital", "ice", "the"])
def test_real_words_are_left_alone(bot, word):
    assert bot.speller.correct(word) == [word]


def test_typo_in_a_question_is_reported_in_the_query(bot):
    query = bot._query("how lnog shoud i ice it")
    assert query.corrections == {"lnog": "long", "shoud": "should"}


@pytest.mark.parametrize(("question", "opener"), [
    ("wat is the jump sign", "what"), ("wht causes it", "what"), ("hwo do i ice it", "how"),
    ("wen should i ice it", "when"), ("wich exercise helps", "which"), ("wats the jump sign", "whats"),
])
def test_a_misspelt_first_word_is_read_as_the_question_word_it_is_one_edit_from(bot, question, opener):
    # By the corpus alone, "wen" is "been", "wich" is "with" and "wats" is "wants" (its commoner words one edit away).
    query = bot._query(question)
    assert query.text.split()[0] == opener



def test_chat_shorthand_is_read_as_the_word_it_stands_for_not_repaired_as_a_typo(bot):
    # "shud" is one edit from "shed" but two from "should": the shorthand table, not the speller, reads it.
    query = bot._query("how long shud i ice it")
    assert query.text == "how long should i ice it" and not query.corrections
