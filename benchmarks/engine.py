"""Engine benchmark on the bundled corpus: start-up, Bot.ask, message triage and the model's own cost.

Run it on one core, as the budgets are stated:  taskset -c 0 python benchmarks/engine.py
Prints medians (and p99) and writes benchmarks/results/engine.json. Every figure is measured in this
one process; the machine is shared and noisy, so each is a median over many runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(fn, items, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _cold_start(corpus: str, cache: str) -> tuple[float, float]:
    """Seconds to import qa_bot, and to import it and load the corpus from a warm cache, in fresh processes."""
    code = ("import time; t=time.perf_counter(); from qa_bot.bot import Bot; i=time.perf_counter()-t; "
            f"Bot.from_folder({corpus!r}, cache_dir={cache!r}); print(i, time.perf_counter()-t)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
            for _ in range(5)]
    pairs = [tuple(map(float, r.stdout.split())) for r in runs]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def _stem_us() -> float:
    """Microseconds per uncached Porter stem: PERFORMANCE.md measured ~8 on the reference machine, so
    this says how fast the machine was during the run (shared machines vary threefold in an hour)."""
    from nltk.stem import PorterStemmer

    tokens = ["running", "conditions", "inflammation", "stretching", "hips", "swelling", "exercises"] * 1000
    runs = []
    for _ in range(5):
        stemmer = PorterStemmer()  # a fresh stemmer each run: no cache of its own
        started = time.perf_counter()
        for token in tokens:
            stemmer.stem(token)
        runs.append((time.perf_counter() - started) * 1e6 / len(tokens))
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--questions", default=str(ROOT / "eval" / "dev.jsonl"))
    parser.add_argument("--repeat", type=int, default=10, help="passes over the question set")
    args = parser.parse_args()

    from qa_bot.bot import Bot
    from qa_bot.embedding import shared_encoder

    with tempfile.TemporaryDirectory() as cache:
        Bot.from_folder(args.corpus, cache_dir=cache)  # fill the cache
        import_s, start_s = _cold_start(args.corpus, cache)
    bot = Bot.from_folder(args.corpus, answer_cache=0)  # measure the work, not an answer-cache hit
    rows = [json.loads(line) for line in Path(args.questions).read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:  # warm once, as a server after its first requests
        bot.ask(row["question"], row.get("history"))
    encoder = shared_encoder()
    # A fresh question every time (a number inside the sentence, so it stays one sentence): the
    # encoder's own cache of recent questions must not answer.
    counter = iter(range(10**9))

    def fresh(row: dict) -> str:
        text = row["question"].rstrip("?.! ")
        return f"{text} {next(counter)}{row['question'][len(text):]}"

    asks = _ms(lambda row: bot.ask(fresh(row), row.get("history")), rows, args.repeat)
    triage = _ms(lambda row: bot.triage.classify(fresh(row)), rows, args.repeat)
    question = _ms(lambda row: encoder.question(fresh(row)), rows, args.repeat)
    units = [u.text for s in bot.index.sections for u in s.units]
    started = time.perf_counter()
    encoder.encode(units * 4)
    per_unit = (time.perf_counter() - started) * 1000 / (len(units) * 4)
    result = {
        "machine": {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
                    "cpus_used": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None},
        "corpus": args.corpus, "questions": len(rows), "asks": len(asks),
        "import_s": round(import_s, 3), "import_and_cached_load_s": round(start_s, 3),
        "ask_ms_median": round(statistics.median(asks), 3), "ask_ms_p99": round(_percentile(asks, 0.99), 3),
        "triage_ms_median": round(statistics.median(triage), 3),
        "question_vector_ms_median": round(statistics.median(question), 3),
        "unit_vector_ms": round(per_unit, 3),
        "porter_stem_us": round(_stem_us(), 2),
    }
    # The model's own call is the baseline measured in this process: the ratios travel between machines
    # (and noisy hours) better than milliseconds do.
    result["ask_in_question_vectors"] = round(result["ask_ms_median"] / result["question_vector_ms_median"], 2)
    result["triage_in_question_vectors"] = round(result["triage_ms_median"] / result["question_vector_ms_median"], 2)
    print(f"import qa_bot (fresh process):            {result['import_s']:7.2f} s")
    print(f"import + load, warm cache (fresh process): {result['import_and_cached_load_s']:7.2f} s")
    print(f"Bot.ask median / p99 (new questions):     {result['ask_ms_median']:7.2f} / {result['ask_ms_p99']:.2f} ms")
    print(f"message triage median:                    {result['triage_ms_median']:7.2f} ms")
    print(f"one question's vector median:             {result['question_vector_ms_median']:7.2f} ms")
    print(f"one corpus unit's vector (batched):       {result['unit_vector_ms']:7.2f} ms")
    print(f"Bot.ask / triage in question vectors:     {result['ask_in_question_vectors']:7.2f} / "
          f"{result['triage_in_question_vectors']:.2f}")
    print(f"machine speed: one Porter stem            {result['porter_stem_us']:7.2f} µs (reference machine: ~8)")
    out = ROOT / "benchmarks" / "results" / "engine.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
