"""The production server for real: `qa-bot serve` (gunicorn, 2 workers) over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from .server_process import ROOT, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("server") / "qa.sqlite3"
    with running_server({"QA_BOT_DB": str(db)}) as base:
        yield base, db


def post(url, payload):
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read().decode()


def test_answers_over_http(server):
    base, _ = server
    status, data = post(base + "/api/ask", {"question": "how long should I ice"})
    assert status == 200 and data["answer"] == "Leave the ice on for 20 minutes, 2–3 times a day."
    assert data["citations"][0]["section"] == "Follow these instructions at home"


def test_followups_work_whichever_worker_answers(server):
    base, _ = server
    # Ten conversations: with two workers some follow-ups surely land on the other worker.
    for _ in range(10):
        _, first = post(base + "/api/ask", {"question": "how long should I ice"})
        _, second = post(base + "/api/ask", {"question": "and how many times a day?",
                                             "conversation_id": first["conversation_id"]})
        assert "2–3 times a day" in second["answer"]


def test_document_page_highlights_the_cited_passage(server):
    base, _ = server
    _, data = post(base + "/api/ask", {"question": "What increases the risk of gluteus medius syndrome?"})
    status, headers, html = get(base + data["citations"][0]["url"])
    assert status == 200 and "text/html" in headers["Content-Type"]
    marks = re.findall(r"<mark>(.*?)</mark>", html)
    assert marks[0] == "This condition is more likely to develop in people who:"
    assert "Run long distances." in marks
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_metrics_count_a_request_across_workers(server):
    base, _ = server

    def asked() -> float:
        text = get(base + "/metrics")[2]
        m = re.search(r'^qa_bot_http_requests_total\{method="POST",route="/api/ask",status="200"\} (\S+)$', text, re.M)
        return float(m.group(1)) if m else 0.0

    before = asked()
    for _ in range(4):
        post(base + "/api/ask", {"question": "hi"})
    assert asked() == before + 4


def test_errors_over_http_are_json(server):
    base, _ = server
    request = urllib.request.Request(base + "/api/ask", data=b"not json", method="POST",
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 400
    assert json.loads(info.value.read())["error"]["code"] == "invalid_json"


def test_feedback_and_report(server):
    base, db = server
    _, data = post(base + "/api/ask", {"question": "how long should I ice"})
    status, _ = post(base + "/api/feedback", {"conversation_id": data["conversation_id"], "helpful": False})
    assert status == 204
    post(base + "/api/ask", {"question": "Is surgery needed?"})
    proc = subprocess.run([sys.executable, "-m", "qa_bot", "report"], cwd=ROOT, capture_output=True, text=True,
                          env={"QA_BOT_DB": str(db), "PATH": ""}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "is surgery needed?" in proc.stdout
    assert re.search(r"\d+\s+1\s+gluteus-medius-syndrome › Follow these instructions at home", proc.stdout)


def _raw_error(request):
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    return info.value.code, info.value.headers, json.loads(info.value.read())["error"]


def test_405_and_413_are_in_our_own_words(server):
    base, _ = server
    status, headers, error = _raw_error(urllib.request.Request(base + "/api/ask"))
    assert (status, error["code"]) == (405, "method_not_allowed") and headers["Allow"]
    assert error["message"] == "GET is not allowed on /api/ask; use POST"
    big = json.dumps({"question": "hi", "pad": "x" * 1_100_000}).encode()
    status, _, error = _raw_error(urllib.request.Request(base + "/api/ask", data=big, method="POST",
                                                         headers={"Content-Type": "application/json"}))
    assert (status, error["code"]) == (413, "body_too_large")
    assert error["message"] == "the request body is larger than the 1,048,576 bytes accepted; send a shorter request"
    status, _, error = _raw_error(urllib.request.Request(base + "/no/such/page"))
    assert status == 404 and error["message"] == "there is nothing at /no/such/page; GET /openapi.json lists the API's routes"


@pytest.mark.parametrize("chunks", [b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n"], ids=["bad size", "no terminator"])
def test_a_broken_chunked_body_is_a_400_not_a_500(server, chunks):
    base, _ = server
    host, port = base.removeprefix("http://").split(":")
    request = (b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks)
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(request)
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), head
    assert json.loads(body)["error"]["code"] == "invalid_body"


def test_favicon_is_served(server):
    base, _ = server
    with urllib.request.urlopen(base + "/favicon.ico", timeout=10) as response:
        assert response.status == 200 and response.headers["Content-Type"] == "image/vnd.microsoft.icon"
        assert response.read()[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_access_log_has_a_line_per_request_without_question_text(tmp_path):
    env = {"QA_BOT_DB": str(tmp_path / "qa.sqlite3"), "QA_BOT_LOG_QUESTIONS": "false"}
    with running_server(env, workers=1) as base:
        post(base + "/api/ask", {"question": "how long should I ice my secret hip"})
        get(base + "/docs/gluteus-medius-syndrome?hl=1-5&q=private+words")
        with urllib.request.urlopen(base + "/widget.js", timeout=10) as response:
            widget = response.read()
    log = (tmp_path / "qa.log").read_text()
    assert "serving 1 document (20 sections) with 1 worker" in log
    line = re.compile(r'^127\.0\.0\.1 - - \[[^]]+\] "(\S+) (\S+) HTTP/1\.1" (\d{3}) (\d+|-) "[^"]*" "[^"]*" (\d+)ms$', re.M)
    seen = [(m[1], m[2], m[3]) for m in line.finditer(log)]
    assert ("POST", "/api/ask", "200") in seen and ("GET", "/docs/gluteus-medius-syndrome", "200") in seen
    # A file sent whole is logged with its size, not "0".
    assert ("GET", "/widget.js", "200", str(len(widget))) in [(m[1], m[2], m[3], m[4]) for m in line.finditer(log)]
    assert "secret" not in log and "private" not in log


def test_access_log_keeps_the_query_when_questions_may_be_logged(tmp_path):
    with running_server({"QA_BOT_DB": str(tmp_path / "qa.sqlite3")}, workers=1) as base:
        get(base + "/docs/gluteus-medius-syndrome?hl=1-5")
    assert '"GET /docs/gluteus-medius-syndrome?hl=1-5 HTTP/1.1" 200' in (tmp_path / "qa.log").read_text()


def test_a_second_server_names_the_process_holding_the_pid_file(server, tmp_path):
    base, db = server
    pidfile = db.with_suffix(".pid")
    holder = int(pidfile.read_text())
    proc = subprocess.run([sys.executable, "-m", "qa_bot", "serve", "--port", "0"], cwd=ROOT, capture_output=True,
                          text=True, timeout=30, env={**os.environ, "QA_BOT_PIDFILE": str(pidfile),
                                                      "QA_BOT_DB": str(tmp_path / "other.sqlite3")})
    assert proc.returncode == 2
    message = proc.stderr.strip()
    assert message.count("\n") == 0 and "Traceback" not in message
    assert f"process {holder}" in message and "qa_bot serve" in message and "QA_BOT_PIDFILE=" in message
    assert get(base + "/healthz")[0] == 200  # the first server is untouched


def test_workers_stop_cleanly_and_at_once_on_sigterm(tmp_path):
    # ONNX Runtime's state, made before the fork, hangs or aborts a worker that tears it down on exit.
    import time

    with running_server({"QA_BOT_DB": str(tmp_path / "qa.sqlite3")}) as base:
        for question in ("how long should I ice", "what exercises help", "is it serious"):
            assert post(base + "/api/ask", {"question": question})[0] == 200
        stopping = time.monotonic()
    took = time.monotonic() - stopping
    log = (tmp_path / "qa.log").read_text()
    assert "terminate called" not in log and "SIGABRT" not in log and "SIGKILL" not in log, log[-2000:]
    assert log.count("Worker exiting") == 2 and took < 5
