"""Fit qa_bot/data/ranker.json: the answer-choosing weights, the confidence model and the threshold.

Run in an environment with the fit extra (scikit-learn is kept out of the service's environment):

    python -m venv .venv-fit && .venv-fit/bin/pip install -e '.[fit]'
    .venv-fit/bin/python scripts/fit_ranker.py

Only the sets marked "fit" in eval/sets.json are read; "held-out" sets are never touched here.
1. Ranking: every unit of every candidate section of every answerable question becomes a row of
   features (qa_bot.features); a row is right when the answer shaped from it passes the scoring rule
   of eval/README.md. A pairwise logistic regression (right row minus wrong row, each question
   weighted equally) gives the weights; its strength is chosen by leaving out one set at a time.
2. Confidence: a logistic regression from the chosen answer's signals (qa_bot.ranker.SIGNALS) to
   whether it is right, with the questions the documents do not answer as negatives. Each set's
   answers are chosen by weights fitted on the other sets, as a new document's would be (the service
   then applies it to the weights fitted on all sets, at the same regularisation).
3. Threshold: the confidence below which answering is wrong more often than right on these sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_bot.answer import find_span, spans  # noqa: E402
from qa_bot.bot import Bot  # noqa: E402
from qa_bot.compose import compose  # noqa: E402
from qa_bot.conversation import HISTORY_TURNS  # noqa: E402
from qa_bot.evaluate import Case, is_correct, load_cases  # noqa: E402
from qa_bot.features import FEATURES, gather  # noqa: E402
from qa_bot.intents import detect_smalltalk  # noqa: E402
from qa_bot.ranker import SIGNALS, Ranker  # noqa: E402
from qa_bot.shape import Shape  # noqa: E402

STRENGTHS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


@dataclass
class Question:
    """One fit question: its candidate rows and which of them are right."""

    set: str
    case: Case
    matrix: np.ndarray
    right: np.ndarray
    prepared: tuple  # (query, meaning, prior) as the bot prepares them (a follow-up: its reading in context)


def _answer(bot: Bot, sid: int, shape: Shape) -> dict:
    text, citation = compose(bot.index.doc_of_section[sid], bot.index.sections[sid], shape)
    return {"kind": "answer", "answer": text, "citations": [citation.to_dict()]}


def _prepare(bot: Bot, case: Case) -> tuple:
    text = case.question
    small = detect_smalltalk(text)
    if small and small.rest:
        text = small.rest
    return bot.context(bot._query(text), list(case.history)[-HISTORY_TURNS:])


def collect(sets: list[dict]) -> tuple[list[Question], list[tuple[str, Bot, Case, tuple]]]:
    """Candidate rows of the answerable questions, and every answer-or-abstain question prepared."""
    questions, everything = [], []
    for spec in sets:
        bot = Bot.from_folder(ROOT / spec["corpus"], answer_cache=0, ranker=Ranker.blank())
        for case in load_cases(ROOT / spec["questions"]):
            if case.expect not in ("answer", "abstain"):
                continue
            prepared = _prepare(bot, case)
            everything.append((spec["name"], bot, case, prepared))
            if case.expect != "answer":
                continue
            query, meaning, prior = prepared
            candidates = gather(bot.index, query, meaning, prior)
            right = np.array([is_correct(case, _answer(bot, *spans(bot.index, query, candidates, row)))
                              for row in range(len(candidates.sections))], dtype=bool)
            questions.append(Question(spec["name"], case, candidates.matrix, right, prepared))
    return questions, everything


def _pairs(questions: list[Question]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws = [], [], []
    for q in questions:
        pos, neg = q.matrix[q.right], q.matrix[~q.right]
        if not len(pos) or not len(neg):
            continue
        diff = (pos[:, None, :] - neg[None, :, :]).reshape(-1, len(FEATURES))
        weight = 1.0 / len(diff)
        xs += [diff, -diff]
        ys += [np.ones(len(diff)), np.zeros(len(diff))]
        ws += [np.full(len(diff), weight)] * 2
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)


def fit_weights(questions: list[Question], strength: float) -> np.ndarray:
    x, y, w = _pairs(questions)
    model = LogisticRegression(C=strength, fit_intercept=False, max_iter=5000)
    model.fit(x, y, sample_weight=w * len(questions))
    return model.coef_[0]


def chosen_right(questions: list[Question], weights: np.ndarray) -> float:
    """Share of questions whose first-ranked row is right (ties: the earlier row, as the bot does)."""
    hits = [q.right[int(np.lexsort((np.arange(len(q.right)), -(q.matrix @ weights)))[0])] for q in questions]
    return float(np.mean(hits)) if hits else 0.0


def choose_strength(questions: list[Question]) -> tuple[float, dict[float, float], dict[float, dict[str, np.ndarray]]]:
    """The regularisation with the best accuracy on each set when fitted on the others, with those fits."""
    names = sorted({q.set for q in questions})
    scores: dict[float, float] = {}
    held_out: dict[float, dict[str, np.ndarray]] = {}  # strength -> set -> weights fitted without that set
    for strength in STRENGTHS:
        hits = 0.0
        for name in names:
            held = [q for q in questions if q.set == name]
            weights = fit_weights([q for q in questions if q.set != name], strength)
            held_out.setdefault(strength, {})[name] = weights
            hits += chosen_right(held, weights) * len(held)
        scores[strength] = hits / len(questions)
    return max(scores, key=lambda s: (scores[s], -s)), scores, held_out


def confidence_data(everything, rankers: dict[str, Ranker]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signals of the answer each set's ranker chooses, whether it is right, and whether to abstain was."""
    rows, labels, unanswerable = [], [], []
    for name, bot, case, (query, meaning, prior) in everything:
        span = find_span(bot.index, query, meaning, rankers[name], prior)
        if span is None or not query.words or span.blank:
            continue  # the bot abstains without asking the model
        rows.append([span.signals[s] for s in SIGNALS])
        labels.append(case.expect == "answer" and is_correct(case, _answer(bot, span.section, span.shape)))
        unanswerable.append(case.expect == "abstain")
    return np.asarray(rows), np.asarray(labels, dtype=bool), np.asarray(unanswerable, dtype=bool)


def best_threshold(probability: np.ndarray, right: np.ndarray, unanswerable: np.ndarray) -> float:
    """The cut that gets the most questions right (the middle of the best range).

    Answering is right when the answer is; abstaining is right only when the documents do not answer
    the question (abstaining on a question they answer is a miss, like a wrong answer).
    """
    cuts = np.unique(np.concatenate([[0.0, 1.0], probability]))
    scores = [int(np.sum(right & (probability >= c)) + np.sum(unanswerable & (probability < c))) for c in cuts]
    best = max(scores)
    good = [c for c, s in zip(cuts, scores, strict=True) if s == best]
    i = cuts.tolist().index(good[len(good) // 2])
    return float((cuts[i] + cuts[i - 1]) / 2) if i else float(cuts[i])


def main() -> None:
    parser = argparse.ArgumentParser(description="Fit qa_bot/data/ranker.json on the 'fit' question sets.")
    parser.add_argument("--out", type=Path, default=ROOT / "qa_bot" / "data" / "ranker.json")
    args = parser.parse_args()
    registry = json.loads((ROOT / "eval" / "sets.json").read_text())["sets"]
    sets = [s for s in registry if s["use"] == "fit"]
    questions, everything = collect(sets)
    reachable = [q for q in questions if q.right.any()]
    print(f"{len(questions)} answerable questions, {len(reachable)} with a right candidate")
    strength, by_strength, held_out = choose_strength(reachable)
    print("leave-one-set-out choice accuracy:", {k: round(v, 3) for k, v in by_strength.items()}, "->", strength)
    weights = fit_weights(reachable, strength)
    spec = {**Ranker.blank().spec, "weights": [round(float(w), 6) for w in weights]}
    # The confidence model learns from answers chosen as on a new document: each set's by the weights fitted
    # on the other sets while choosing the strength. In-sample choices are right more often than a new
    # document's, and a confidence (and threshold) learned from them promises too much. (A set without an
    # answerable question has nothing held out: all the others are the whole fit.)
    rankers = {name: Ranker({**spec, "weights": [float(w) for w in held_out[strength].get(name, weights)]})
               for name in sorted({s["name"] for s in sets})}
    x, right, unanswerable = confidence_data(everything, rankers)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, right)
    spec["confidence"] = {"signals": list(SIGNALS), "weights": [round(float(w), 6) for w in model.coef_[0]],
                          "bias": round(float(model.intercept_[0]), 6)}
    probability = model.predict_proba(x)[:, 1]
    spec["threshold"] = round(best_threshold(probability, right, unanswerable), 4)
    spec["fitted_on"] = {"sets": [s["name"] for s in sets], "answerable": len(questions),
                         "answer_or_abstain": len(right), "strength": strength,
                         "choice_accuracy_leave_one_set_out": round(by_strength[strength], 4)}
    args.out.write_text(json.dumps(spec, indent=1) + "\n")
    print("weights:", dict(zip(FEATURES, spec["weights"], strict=True)))
    print("confidence:", dict(zip(SIGNALS, spec["confidence"]["weights"], strict=True)),
          "bias", spec["confidence"]["bias"], "threshold", spec["threshold"])


if __name__ == "__main__":
    main()
