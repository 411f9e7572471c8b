"""How conversations go: each set's follow-ups, and each question asked right after an unrelated one.

A real chat sends every question with the ones before it. A follow-up must use them; a question on
a new topic must not be pulled back to the old one. For every question of the sets (no history,
an answer expected) the earlier question of the same set about other sections is sent as its
history, and the answers are scored as the set scores them, against the same questions asked alone.

Run: python scripts/eval_switches.py [--use fit|held-out]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_bot.bot import Bot  # noqa: E402
from qa_bot.evaluate import Case, evaluate, load_cases  # noqa: E402

KINDS = ("direct", "paraphrase", "lay", "typo", "list", "procedure", "warning")  # questions that stand alone


def switches(cases: list[Case]) -> list[tuple[Case, Case]]:
    """(question alone, the same after the latest earlier question about other sections) pairs."""
    plain = [c for c in cases if not c.history and c.kind in KINDS]
    pairs = []
    for i, case in enumerate(plain):
        earlier = next((p for p in reversed(plain[:i]) if set(p.sections).isdisjoint(case.sections)), None)
        if earlier is not None:
            pairs.append((case, dataclasses.replace(case, history=(earlier.question,))))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--use", choices=("fit", "held-out"), default="fit")
    args = parser.parse_args()
    registry = json.loads((ROOT / "eval" / "sets.json").read_text())["sets"]
    totals = [0, 0, 0, 0, 0]
    print(f"{'set':18s} {'follow-ups':>10s} {'alone':>9s} {'after another':>13s}")
    for spec in registry:
        if spec["use"] != args.use or not (ROOT / spec["questions"]).exists():
            continue
        bot = Bot.from_folder(ROOT / spec["corpus"], answer_cache=0)
        cases = load_cases(ROOT / spec["questions"])
        followups = evaluate(bot, [c for c in cases if c.kind == "followup"])
        pairs = switches(cases)
        alone = evaluate(bot, [a for a, _ in pairs])
        after = evaluate(bot, [b for _, b in pairs])
        row = [sum(ok for *_, ok in followups.rows), len(followups.rows), sum(ok for *_, ok in alone.rows),
               sum(ok for *_, ok in after.rows), len(pairs)]
        totals = [t + r for t, r in zip(totals, row, strict=True)]
        print(f"{spec['name']:18s} {row[0]:>5d}/{row[1]:<4d} {row[2]:>4d}/{row[4]:<4d} {row[3]:>8d}/{row[4]:<4d}")
    print(f"{'all':18s} {totals[0]:>5d}/{totals[1]:<4d} {totals[2]:>4d}/{totals[4]:<4d} {totals[3]:>8d}/{totals[4]:<4d}")


if __name__ == "__main__":
    main()
