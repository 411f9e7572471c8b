"""Score the bot on every question set of eval/sets.json and print one table (figures for the README).

Run: python scripts/eval_sets.py [--use fit|held-out|final] [--misses SET] [--reliability] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_bot.bot import Bot  # noqa: E402
from qa_bot.evaluate import evaluate, load_cases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--use", choices=("fit", "held-out", "final"),
                        help="only the sets of this use (the 'final' set runs only when asked for)")
    parser.add_argument("--misses", metavar="SET", help="also print the misses of this set")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument("--reliability", action="store_true",
                        help="also answer every question whatever the confidence, and print the share right per "
                             "confidence bucket (a calibration check)")
    args = parser.parse_args()
    registry = json.loads((ROOT / "eval" / "sets.json").read_text())["sets"]
    out = {}
    print(f"{'set':18s} {'use':9s} {'lines':>5s} {'overall':>8s} {'answerable':>10s} {'median chars':>12s}  by kind")
    for spec in registry:
        wanted = spec["use"] == args.use if args.use else spec["use"] != "final"
        if not wanted or not (ROOT / spec["questions"]).exists():
            continue
        report = evaluate(Bot.from_folder(ROOT / spec["corpus"]), load_cases(ROOT / spec["questions"]))
        answerable = [ok for case, _, ok in report.rows if case.expect == "answer"]
        kinds = " ".join(f"{k} {c}/{t}" for k, (c, t) in sorted(report.by_kind().items()))
        print(f"{spec['name']:18s} {spec['use']:9s} {len(report.rows):5d} {report.accuracy:8.2f} "
              f"{sum(answerable) / max(1, len(answerable)):10.2f} {report.median_answer_chars():12.0f}  {kinds}")
        out[spec["name"]] = report.to_dict()
        if args.reliability:
            bot = Bot.from_folder(ROOT / spec["corpus"], threshold=0.0)
            buckets = evaluate(bot, load_cases(ROOT / spec["questions"])).reliability()
            print("    " + "  ".join(f"{b['from']:.1f}-{b['to']:.1f}: "
                                      + ("-" if b["answer_right"] is None else f"{b['answer_right']:.2f}")
                                      + f" of {b['questions']}" for b in buckets))
        if args.misses == spec["name"]:
            for miss in out[spec["name"]]["misses"]:
                print("   ", json.dumps(miss, ensure_ascii=False))
    if args.json:
        print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
