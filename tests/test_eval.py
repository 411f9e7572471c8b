"""Answer quality regression: the dev set and our own question sets on other documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.evaluate import Case, evaluate, is_correct, load_cases

ROOT = Path(__file__).resolve().parent.parent


def test_dev_set_accuracy_stays_above_the_bar(bot):
    report = evaluate(bot, load_cases(ROOT / "eval" / "dev.jsonl"))
    assert report.accuracy >= 0.90, report.to_dict()["misses"]
    assert report.median_answer_chars() <= 200


def test_own_questions_on_the_bundled_document(bot):
    report = evaluate(bot, load_cases(ROOT / "tests" / "data" / "gluteus-extra.jsonl"))
    assert report.accuracy >= 0.80, report.to_dict()["misses"]


def test_other_documents_accuracy(library_bot):
    report = evaluate(library_bot, load_cases(ROOT / "tests" / "data" / "library.jsonl"))
    assert report.accuracy >= 0.80, report.to_dict()["misses"]


@pytest.mark.parametrize(("folder", "cases"), [("back", "low-back-pain.jsonl"), ("elbow", "tennis-elbow.jsonl"),
                                                  ("shoulder", "shoulder-bursitis.jsonl")])
def test_documents_written_after_tuning(folder, cases):
    # Probes of other styles (Markdown sections; a scraped page with capitalised headings and
    # no blank lines; Markdown with front matter, tables and sub-headings): each exposed a general
    # gap, fixed in the vocabulary, the parser or the safety rules.
    from qa_bot.bot import Bot

    report = evaluate(Bot.from_folder(ROOT / "tests" / "data" / folder), load_cases(ROOT / "tests" / "data" / cases))
    assert report.accuracy >= 0.80, report.to_dict()["misses"]


def test_scoring_rule_compares_text_loosely_and_headings_on_letters():
    case = Case("x", "q", "direct", "answer", ("Follow these instructions at home:",), ("2-3 times",))
    good = {"kind": "answer", "answer": "Leave it 2–3   times a day.",
            "citations": [{"section": "Follow these instructions at home", "document": "d"}]}
    assert is_correct(case, good)
    assert not is_correct(case, {**good, "kind": "abstain"})
    assert not is_correct(case, {**good, "citations": [{"section": "Complications"}]})
