"""Soak test: 64 concurrent clients for 60 s against the production server on 127.0.0.1.

Run: python benchmarks/soak.py [--duration 60] [--connections 64]
Needs wrk (`apt-get install wrk`). The mix per client: new questions, follow-ups in the same
conversation, feedback, and bad requests (malformed JSON, wrong content type, over-long questions).
Reports 5xx responses, socket errors (dropped connections) and the server's memory before and after,
and writes benchmarks/results/soak.json. Load goes only to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.server_process import running_server  # noqa: E402 - shared with the test suite

_LUA = r"""
local questions = {%s}
local followups = {"and how many times a day?", "what if it's too easy?", "how long should I hold it?",
                   "and what about at night?", "why?"}
local conversation = nil
local counts = {}
local n = 0
local kinds = {"ask", "ask", "ask", "ask", "ask", "ask", "follow", "follow", "feedback", "bad"}

request = function()
  n = n + 1
  local kind = kinds[math.random(#kinds)]
  local json = {["Content-Type"] = "application/json"}
  if kind == "follow" and conversation then
    local body = '{"question": "' .. followups[math.random(#followups)] .. '", "conversation_id": "' .. conversation .. '"}'
    return wrk.format("POST", "/api/ask", json, body)
  elseif kind == "feedback" and conversation then
    return wrk.format("POST", "/api/feedback", json, '{"conversation_id": "' .. conversation .. '", "helpful": true}')
  elseif kind == "bad" then
    local r = math.random(3)
    if r == 1 then return wrk.format("POST", "/api/ask", json, '{"question": ') end
    if r == 2 then return wrk.format("POST", "/api/ask", {["Content-Type"] = "text/plain"}, "hello") end
    return wrk.format("POST", "/api/ask", json, '{"question": "' .. string.rep("a", 2100) .. '"}')
  end
  return wrk.format("POST", "/api/ask", json, '{"question": ' .. questions[math.random(#questions)] .. '}')
end

response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  local id = string.match(body, '"conversation_id":%%s*"([^"]+)"')
  if id then conversation = id end
end

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %%d, \"seconds\": %%f, \"p50_ms\": %%f, \"p99_ms\": %%f, " ..
    "\"connect\": %%d, \"read\": %%d, \"write\": %%d, \"timeout\": %%d, \"non2xx\": %%d}\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
"""
_STATUS = """
local all_threads = {}
setup = function(thread) table.insert(all_threads, thread) end
"""


def _server_rss_mb(pidfile: Path) -> float:
    """Resident memory of the gunicorn master and its workers, from /proc."""
    master = int(pidfile.read_text().strip())
    pids = [master]
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M):
            pids.append(int(status.parent.name))
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4096
    return round(total / 2**20, 1)


def _statuses(base: str) -> dict[str, float]:
    text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    out: dict[str, float] = {}
    for m in re.finditer(r'^qa_bot_http_requests_total\{[^}]*status="(\d+)"\} (\S+)$', text, re.M):
        out[m.group(1)] = out.get(m.group(1), 0) + float(m.group(2))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("benchmarks/soak.py needs wrk: apt-get install wrk")
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "dev.jsonl").read_text().splitlines()
                 if line.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="qa-bot-soak-"))
    script = tmp / "soak.lua"
    script.write_text(_LUA % ", ".join(json.dumps(json.dumps(q)) for q in questions))
    pidfile = tmp / "qa.pid"
    env = {"QA_BOT_DB": str(tmp / "soak.sqlite3"), "QA_BOT_PIDFILE": str(pidfile), "QA_BOT_LOG_LEVEL": "WARNING",
           "QA_BOT_RATE_LIMIT": "100000000/minute"}
    with running_server(env, workers=args.workers) as base:
        # Warm up, so the "before" memory is a server that has already answered questions.
        subprocess.run(["wrk", "-t2", "-c8", "-d5s", "-s", str(script), base], capture_output=True, check=True)
        before = _server_rss_mb(pidfile)
        statuses_before = _statuses(base)
        out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
                              "--timeout", "10s", "-s", str(script), base],
                             capture_output=True, text=True, timeout=args.duration + 120, check=True).stdout
        after = _server_rss_mb(pidfile)
        statuses = {k: v - statuses_before.get(k, 0) for k, v in _statuses(base).items()}
    summary = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    server_errors = sum(v for k, v in statuses.items() if k.startswith("5"))
    dropped = summary["connect"] + summary["read"] + summary["write"] + summary["timeout"]
    result = {"duration_s": args.duration, "connections": args.connections, "workers": args.workers,
              "requests": summary["requests"], "rps": round(summary["requests"] / summary["seconds"], 1),
              "p50_ms": summary["p50_ms"], "p99_ms": summary["p99_ms"], "statuses": statuses,
              "server_errors_5xx": server_errors, "dropped_connections": dropped,
              "rss_before_mb": before, "rss_after_mb": after,
              "rss_growth_pct": round(100 * (after - before) / before, 1) if before else None}
    print(json.dumps(result, indent=2))
    dest = ROOT / "benchmarks" / "results" / "soak.json"
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(result, indent=2) + "\n")
    ok = server_errors == 0 and dropped == 0 and (result["rss_growth_pct"] or 0) < 10
    print("PASS" if ok else "FAIL", "- zero 5xx, zero dropped connections, RSS growth under 10%")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
