"""Engine benchmark: corpus load time and per-question latency over the dev set (median, p99).

Run: python benchmarks/engine.py [--corpus DIR] [--questions FILE] [--repeat N]
Prints a table and writes benchmarks/results/engine.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--questions", default=str(ROOT / "eval" / "dev.jsonl"))
    parser.add_argument("--repeat", type=int, default=20, help="passes over the question set")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from qa_bot.bot import Bot  # import time is part of what we measure
    import_s = time.perf_counter() - t0

    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        bot = Bot.from_folder(args.corpus, answer_cache=0)  # measure the work, not a cache hit
        loads.append(time.perf_counter() - t0)
    rows = [json.loads(line) for line in Path(args.questions).read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:  # warm caches once, as a server would after its first requests
        bot.ask(row["question"], row.get("history"))
    latencies = []
    for _ in range(args.repeat):
        for row in rows:
            t0 = time.perf_counter()
            bot.ask(row["question"], row.get("history"))
            latencies.append((time.perf_counter() - t0) * 1000)
    result = {
        "machine": {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count()},
        "corpus": args.corpus, "questions": len(rows), "asks": len(latencies),
        "import_s": round(import_s, 3),
        "load_s_median": round(statistics.median(loads), 4),
        "ask_ms_median": round(statistics.median(latencies), 3),
        "ask_ms_p99": round(_percentile(latencies, 0.99), 3),
        "ask_ms_max": round(max(latencies), 3),
    }
    print(f"import qa_bot:        {result['import_s'] * 1000:8.1f} ms")
    print(f"load corpus (median): {result['load_s_median'] * 1000:8.1f} ms")
    print(f"ask median:           {result['ask_ms_median']:8.3f} ms  ({len(latencies)} asks)")
    print(f"ask p99:              {result['ask_ms_p99']:8.3f} ms")
    out = ROOT / "benchmarks" / "results" / "engine.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
