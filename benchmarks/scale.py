"""Engine scaling: qa-bot's Bot.ask against rank-bm25's get_scores and bm25s, at 1k, 10k, 100k passages.

Run: python benchmarks/scale.py [--sizes 1000,10000,100000] [--questions 200]
Needs the bench extra (pip install -e '.[bench]': bm25s, matplotlib). For each size it generates a
deterministic synthetic corpus (benchmarks/corpus_gen.py), then, each in a fresh process: builds the
index with its unit vectors (and its disk cache), loads it from the cache, and times every method on
the same questions in the same process; it also times `qa-bot ask` from the warm cache and measures
how many of the exact 10 nearest unit vectors the (clustered, at scale) search finds. Prints a
table, writes benchmarks/results/scale.json and docs/scaling.png. The baselines are retrieval
alone; qa-bot's figure is the whole answer (triage, two question vectors, BM25, vectors, ranking).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _stats(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {"median_ms": round(statistics.median(ordered), 4),
            "p99_ms": round(ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))], 4)}


def _timed(fn, items) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def measure(corpus: str, cache: str, phase: str, n_questions: int) -> dict:
    """One phase in this (fresh) process: 'build' or 'load' (the latter also times queries)."""
    from corpus_gen import questions

    from qa_bot.bot import Bot

    started = time.perf_counter()
    bot = Bot.from_folder(corpus, cache_dir=cache, answer_cache=0)  # the work, not cache hits
    seconds = time.perf_counter() - started
    result = {"phase": phase, "seconds": round(seconds, 3), "passages": len(bot.index.p_section)}
    if phase == "load":
        qs = questions(n_questions)
        started = time.perf_counter()
        bot.speller.warm()
        result["typo_index_s"] = round(time.perf_counter() - started, 3)
        for q in qs[:20]:
            bot.ask(q)  # warm-up
        result["qa_bot"] = _stats(_timed(bot.ask, qs))
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        result["vector_recall_at_10"] = vector_recall(bot, qs)
        result["cli_cached_start_s"] = cli_start(corpus, cache)
        result.update(baselines(bot, qs))
    else:
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def vector_recall(bot, qs: list[str]) -> float:
    """Share of the exact 10 nearest units that the search finds (1.0 where the search is exact)."""
    import numpy as np

    library, hits = bot.index.vectors, []
    for q in qs[:100]:
        vector = bot.encoder.question(q)
        found, _ = library.nearest(vector, 10)
        rows = np.argsort(-(library.vectors @ vector))[:10]  # rows are grouped by cluster at scale
        exact = set((library.list_units[rows] if len(library.list_units) else rows).tolist())
        hits.append(len(exact & set(found.tolist())) / 10)
    return round(float(np.mean(hits)), 3)


def cli_start(corpus: str, cache: str) -> float:
    """Median seconds of `qa-bot ask` answering one question from a warm cache, a fresh process each time."""
    env = {**os.environ, "QA_BOT_CACHE_DIR": cache}
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qa_bot", "ask", "how long should I ice my knee", "--corpus", corpus],
                       capture_output=True, check=True, env=env, cwd=ROOT)
        runs.append(time.perf_counter() - started)
    return round(statistics.median(runs), 2)


def baselines(bot, qs: list[str]) -> dict:
    """rank-bm25 get_scores + argmax, and bm25s retrieve, on the same passages and tokens."""
    import bm25s
    import numpy as np
    from rank_bm25 import BM25Plus

    from qa_bot.text import analyze

    tokens = [bot.index.passage_tokens(pid) for pid in range(len(bot.index.p_section))]
    queries = [analyze(q) for q in qs]
    out = {}
    started = time.perf_counter()
    reference = BM25Plus(tokens, k1=bot.index.k1, b=bot.index.b)
    out["rank_bm25_build_s"] = round(time.perf_counter() - started, 2)
    slow = [q for i, q in enumerate(queries) if i % max(1, len(queries) // 50) == 0]  # it is slow at scale
    out["rank_bm25"] = _stats(_timed(lambda q: int(np.argmax(reference.get_scores(q))), slow))
    out["rank_bm25"]["questions"] = len(slow)
    reference = None  # free its memory before bm25s builds
    started = time.perf_counter()
    retriever = bm25s.BM25(method="bm25+", k1=bot.index.k1, b=bot.index.b)
    retriever.index(tokens, show_progress=False)
    out["bm25s_build_s"] = round(time.perf_counter() - started, 2)
    vocabulary = retriever.vocab_dict

    def bm25s_query(q: list[str]) -> None:
        ids = [[vocabulary[t] for t in q if t in vocabulary] or [0]]
        retriever.retrieve(ids, k=8, show_progress=False, n_threads=1)

    out["bm25s"] = _stats(_timed(bm25s_query, queries))
    return out


def _run(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def plot(rows: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["passages"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    for key, label in (("qa_bot", "qa-bot Bot.ask (full answer)"), ("bm25s", "bm25s retrieve (numpy)"),
                       ("rank_bm25", "rank-bm25 get_scores")):
        ax.plot(sizes, [r[key]["median_ms"] for r in rows], marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("passages")
    ax.set_ylabel("median ms per question")
    ax.set_title("Per-question latency against corpus size (2 cores, same process)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(measure(args.corpus, args.cache, args.phase, args.questions)))
        return
    from corpus_gen import generate

    rows = []
    with tempfile.TemporaryDirectory(prefix="qa-bot-scale-") as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            corpus, cache = Path(tmp) / f"corpus-{size}", Path(tmp) / f"cache-{size}"
            generate(corpus, size)
            common = ["--corpus", str(corpus), "--cache", str(cache), "--questions", str(args.questions)]
            build = _run(["--phase", "build", *common])
            load = _run(["--phase", "load", *common])
            row = {"passages": load["passages"], "build_s": build["seconds"], "build_peak_rss_mb": build["peak_rss_mb"],
                   "cached_load_s": load["seconds"], "typo_index_s": load["typo_index_s"],
                   "peak_rss_mb": load["peak_rss_mb"],
                   **{k: load[k] for k in ("qa_bot", "rank_bm25", "bm25s", "rank_bm25_build_s", "bm25s_build_s",
                                           "vector_recall_at_10", "cli_cached_start_s")}}
            row["speedup_vs_rank_bm25"] = round(row["rank_bm25"]["median_ms"] / row["qa_bot"]["median_ms"], 1)
            rows.append(row)
            print(f"{row['passages']:>7} passages | build {row['build_s']:6.1f} s (peak {row['build_peak_rss_mb']:.0f} MB)"
                  f" | cached load {row['cached_load_s']:5.2f} s (+{row['typo_index_s']:.2f} s typo index)"
                  f" | qa-bot ask from a warm cache {row['cli_cached_start_s']:.2f} s"
                  f" | vector recall@10 {row['vector_recall_at_10']:.3f} | peak RSS {row['peak_rss_mb']:6.0f} MB | qa-bot "
                  f"{row['qa_bot']['median_ms']:6.2f} / {row['qa_bot']['p99_ms']:6.2f} ms | rank-bm25 "
                  f"{row['rank_bm25']['median_ms']:8.2f} ms | bm25s {row['bm25s']['median_ms']:6.2f} ms | "
                  f"×{row['speedup_vs_rank_bm25']} vs rank-bm25", flush=True)
    result = {"cpus": os.cpu_count(), "questions": args.questions, "rows": rows}
    out = ROOT / "benchmarks" / "results" / "scale.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    plot(rows, ROOT / "docs" / "scaling.png")
    print("saved benchmarks/results/scale.json and docs/scaling.png")


if __name__ == "__main__":
    main()
