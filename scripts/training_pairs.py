"""Write eval/training-pairs.jsonl: (question, right unit, hard wrong units) from the 'fit' question sets.

The sentence-embedding model is fine-tuned on these pairs (scripts/export_model.py --train), so that a
question lands nearer the unit that answers it than the units the ranker confuses it with. Only "fit"
sets are read; "held-out" sets never are. Run in the fit environment:

    .venv-fit/bin/python scripts/training_pairs.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_ranker import collect  # noqa: E402

from qa_bot.features import gather  # noqa: E402
from qa_bot.ranker import Ranker  # noqa: E402

NEGATIVES = 3  # the ranker's best-scored wrong units, from sections no right answer comes from


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "training-pairs.jsonl")
    args = parser.parse_args()
    sets = [s for s in json.loads((ROOT / "eval" / "sets.json").read_text())["sets"] if s["use"] == "fit"]
    questions, everything = collect(sets)
    right_rows = {id(q.case): q.right for q in questions}
    ranker = Ranker.load()
    rows = []
    for name, bot, case, (query, meaning, prior) in everything:
        right = right_rows.get(id(case))
        if right is None or not right.any():
            continue
        candidates = gather(bot.index, query, meaning, prior)
        scores = candidates.matrix @ ranker.weights

        def unit(row: int, candidates=candidates, bot=bot) -> str:
            return bot.index.sections[int(candidates.sections[row])].units[int(candidates.units[row])].text

        # The right unit that holds the expected words, else any right one; the ranker's favourite of those.
        wanted = [s.casefold() for s in case.answer_contains]
        rights = np.flatnonzero(right).tolist()
        holding = [r for r in rights if any(w in unit(r).casefold() for w in wanted)] or rights
        positive = max(holding, key=lambda r: scores[r])
        right_sections = {int(candidates.sections[r]) for r in rights}
        wrong = [r for r in np.argsort(-scores, kind="stable").tolist()
                 if not right[r] and int(candidates.sections[r]) not in right_sections]
        rows.append({"set": name, "id": case.id, "question": case.question, "positive": unit(positive),
                     "negatives": [unit(r) for r in wrong[:NEGATIVES]]})
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} pairs from {len(sets)} sets to {args.out}")


if __name__ == "__main__":
    main()
