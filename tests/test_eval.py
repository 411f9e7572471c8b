"""Answer quality regression: the dev set and our own question sets on other documents."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from qa_bot.evaluate import Case, evaluate, is_correct, load_cases

ROOT = Path(__file__).resolve().parent.parent


# Every question set of eval/sets.json, with the accuracy it must keep (a little under what it scores,
# for the noise of near ties). "fit" sets fitted the ranker; the held-out ones never did, and a
# failure on them reports counts only, since reading their misses would tune on them.
BARS = {"dev": 0.78, "others": 0.78, "gluteus-extra": 0.72, "library": 0.78, "low-back-pain": 0.85,
        "tennis-elbow": 0.85, "shoulder-bursitis": 0.90, "tuning": 0.72, "tuning-2": 0.66, "tuning-3": 0.60,
        "tuning-5": 0.60, "tuning-6": 0.52, "tuning-7": 0.58, "tuning-8": 0.53, "tuning-9": 0.50, "tuning-10": 0.50,
        "federal-a": 0.57, "federal-b": 0.62, "federal-d": 0.48, "federal-e": 0.40,
        "federal-f": 0.72, "federal-g": 0.46, "federal-h": 0.52}
SETS = {s["name"]: s for s in json.loads((ROOT / "eval" / "sets.json").read_text())["sets"]}


@pytest.mark.parametrize("name", sorted(BARS))
def test_question_set_keeps_its_accuracy(name):
    from qa_bot.bot import Bot

    spec = SETS[name]
    report = evaluate(Bot.from_folder(ROOT / spec["corpus"]), load_cases(ROOT / spec["questions"]))
    detail = report.to_dict()["misses"] if spec["use"] == "fit" else f"{len(report.rows)} questions"
    assert report.accuracy >= BARS[name], detail
    # Short where one sentence answers; whole lists and procedures are as long as they are. (A shape set
    # has a handful of one-fact questions: a median of two or three answers says nothing.)
    one_fact = report.answer_lengths(skip_kinds=("list", "procedure", "warning"))
    if len(one_fact) >= 5:
        assert statistics.median(one_fact) <= 250


def test_every_question_set_has_a_bar_except_the_final_one():
    assert set(BARS) == {name for name, spec in SETS.items() if spec["use"] != "final"}


def test_scoring_rule_compares_text_loosely_and_headings_on_letters():
    case = Case("x", "q", "direct", "answer", ("Follow these instructions at home:",), ("2-3 times",))
    good = {"kind": "answer", "answer": "Leave it 2–3   times a day.",
            "citations": [{"section": "Follow these instructions at home", "document": "d"}]}
    assert is_correct(case, good)
    assert not is_correct(case, {**good, "kind": "abstain"})
    assert not is_correct(case, {**good, "citations": [{"section": "Complications"}]})
