"""HTTP benchmark: `/api/ask` against `/healthz` on the production server, at several concurrencies.

Run: python benchmarks/http_load.py [--corpus DIR] [--duration 10] [--concurrency 1,16,64] [--runs 3]
Needs wrk (`apt-get install wrk`). Starts `qa-bot serve` (gunicorn, 2 workers) on a free port of
127.0.0.1, sends load only there, for a bounded time, and stops it. Prints a table and writes
benchmarks/results/http.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.server_process import running_server  # noqa: E402 - shared with the test suite

_LUA = """
local questions = {%s}
local fresh = %s
local n = 0
request = function()
  n = n + 1
  local q = questions[(n %% #questions) + 1]
  if fresh then
    -- a number the bot ignores makes every question new, so no cached answer can be reused; it goes
    -- before the final "?", so the question stays one sentence
    local head, tail = string.match(string.sub(q, 2, -2), "^(.-)([%%?%%.!]*)$")
    q = '"' .. head .. " " .. n .. math.random(1000000) .. tail .. '"'
  end
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, '{"question": ' .. q .. '}')
end
"""
_DONE = """
done = function(summary, latency, requests)
  io.write(string.format("JSON {\\"requests\\": %d, \\"seconds\\": %f, \\"p50_ms\\": %f, \\"p99_ms\\": %f, "
    .. "\\"errors\\": %d, \\"non2xx\\": %d}\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def _wrk(url: str, script: Path, connections: int, seconds: int) -> dict:
    threads = min(2, connections)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url],
                         capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    data = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    data["rps"] = data["requests"] / data["seconds"]
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--questions", default=str(ROOT / "eval" / "dev.jsonl"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--concurrency", default="1,16,64")
    parser.add_argument("--runs", type=int, default=3, help="runs per cell; the median is reported")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "http.json"))
    parser.add_argument("--fresh", action="store_true",
                        help="make every question unique, so the answer cache never helps")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("benchmarks/http_load.py needs wrk: apt-get install wrk")

    questions = [json.loads(line)["question"] for line in Path(args.questions).read_text().splitlines() if line.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="qa-bot-bench-"))
    ask_lua = tmp / "ask.lua"
    ask_lua.write_text(_LUA % (", ".join(json.dumps(json.dumps(q)) for q in questions),
                               "true" if args.fresh else "false") + _DONE)
    health_lua = tmp / "health.lua"
    health_lua.write_text(_DONE)
    # Rate limiting stays on (its cost is part of the production path) with a limit no run reaches.
    env = {"QA_BOT_CORPUS": args.corpus, "QA_BOT_DB": str(tmp / "bench.sqlite3"), "QA_BOT_LOG_LEVEL": "WARNING",
           "QA_BOT_RATE_LIMIT": "100000000/minute"}
    rows = []
    with running_server(env, workers=args.workers) as base:
        _wrk(base + "/healthz", health_lua, 4, 2)  # warm up both workers
        _wrk(base + "/api/ask", ask_lua, 4, 2)
        for c in [int(x) for x in args.concurrency.split(",")]:
            cell = {}
            for name, url, script in (("healthz", base + "/healthz", health_lua), ("ask", base + "/api/ask", ask_lua)):
                runs = [_wrk(url, script, c, args.duration) for _ in range(args.runs)]
                cell[name] = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50_ms", "p99_ms")}
                cell[name]["errors"] = sum(r["errors"] + r["non2xx"] for r in runs)
            cell["concurrency"] = c
            cell["ask_vs_healthz"] = cell["ask"]["rps"] / cell["healthz"]["rps"]
            rows.append(cell)
            print(f"c={c:>3}  /api/ask {cell['ask']['rps']:8.0f} req/s  p50 {cell['ask']['p50_ms']:6.2f} ms  "
                  f"p99 {cell['ask']['p99_ms']:6.2f} ms  errors {cell['ask']['errors']}   |  /healthz "
                  f"{cell['healthz']['rps']:8.0f} req/s  p99 {cell['healthz']['p99_ms']:6.2f} ms   "
                  f"ratio {cell['ask_vs_healthz']:.2f}", flush=True)
    result = {"corpus": args.corpus, "fresh_questions": args.fresh, "workers": args.workers,
              "duration_s": args.duration, "runs": args.runs,
              "cpus": os.cpu_count(), "rows": rows}
    Path(args.out).parent.mkdir(exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"saved {Path(args.out).relative_to(ROOT) if Path(args.out).is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
