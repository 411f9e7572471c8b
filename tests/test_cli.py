"""The command line, through click's runner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qa_bot.channels.cli import NOTICE, cli
from qa_bot.store import Store

from .conftest import CORPUS, ROOT


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--help"] if not args else list(args), input=input)

    return invoke


def test_ask_prints_answer_and_source(run):
    result = run("ask", "how long should I ice", "--corpus", str(CORPUS))
    assert result.exit_code == 0
    assert result.output == (
        "Leave the ice on for 20 minutes, 2–3 times a day.\n"
        "  — Gluteus Medius Syndrome › Follow these instructions at home\n")


def test_ask_json_prints_the_answer_object(run):
    result = run("ask", "how long should I ice", "--json", "--corpus", str(CORPUS))
    data = json.loads(result.output)
    assert data["kind"] == "answer" and data["citations"][0]["section"] == "Follow these instructions at home"


def test_batch_mode_answers_each_line_in_order(run):
    lines = "\n".join([
        "how long should I ice",
        "",
        json.dumps({"question": "and how many times a day?", "history": ["how long should I ice"]}),
        "{not json",
        json.dumps({"question": "   "}),
        "hi",
    ]) + "\n"
    result = run("ask", "--json", "--corpus", str(CORPUS), "-", input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("kind") or o["error"]["code"] for o in out] == [
        "answer", "answer", "invalid_question", "invalid_question", "smalltalk"]
    assert "2–3 times a day" in out[1]["answer"]
    assert out[2]["error"]["line"] == 4


def test_chat_session_with_followup_reset_and_quit(run):
    session = "how long should I ice\nand how many times a day?\n/reset\n\n/quit\n"
    result = run("chat", "--corpus", str(CORPUS), input=session)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == NOTICE
    assert "bot> Leave the ice on for 20 minutes, 2–3 times a day." in result.output
    assert result.output.count("2–3 times a day") == 2
    assert "bot> Starting over." in result.output


def test_chat_from_a_pipe_reads_as_a_transcript(run):
    result = run("chat", "--corpus", str(CORPUS), input="how long should I ice\n")
    lines = result.output.splitlines()
    asked = lines.index("you> how long should I ice")
    assert lines[asked + 1] == "bot> Leave the ice on for 20 minutes, 2–3 times a day."


@pytest.mark.parametrize(("last", "goodbye"), [("quit", False), ("Exit", False), ("bye, thanks!", True)])
def test_chat_ends_on_the_words_people_type_to_leave(run, last, goodbye):
    result = run("chat", "--corpus", str(CORPUS), input=f"how long should I ice\n{last}\nhow long should I ice\n")
    assert result.exit_code == 0
    assert result.output.count("Leave the ice on") == 1  # nothing after the last words is read
    assert ("bot> Take care!" in result.output) == goodbye
    assert "quit smoking" not in result.output.lower()


def test_chat_names_an_unknown_command_instead_of_answering_it(run):
    result = run("chat", "--corpus", str(CORPUS), input="/foo\n")
    assert "bot> There is no command /foo. Type a question." in result.output


def test_chat_ends_on_end_of_input(run):
    result = run("chat", "--corpus", str(CORPUS), input="hi\n")
    assert result.exit_code == 0 and "bot> Hello!" in result.output


def test_sections_lists_every_heading(run):
    result = run("sections", "--corpus", str(CORPUS))
    assert result.exit_code == 0
    assert "Exercise A: Lunge (hip flexor stretch)" in result.output
    assert "Sign up" not in result.output


def test_sections_shows_long_document_ids_whole(run, tmp_path):
    (tmp_path / "cdc-caring-for-someone-sick-at-home.md").write_text("# Care\n\n## Masks\n\nWear a mask.\n",
                                                                     encoding="utf-8")
    result = run("sections", "--corpus", str(tmp_path))
    assert result.exit_code == 0
    assert result.output.splitlines()[1].split() == ["cdc-caring-for-someone-sick-at-home", "12", "1", "Masks"]


def test_eval_prints_table_misses_and_median(run, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "question": "how long should I ice", "kind": "direct", "expect": "answer",
         "section": "Follow these instructions at home:", "answer_contains": ["20 minutes"]},
        {"id": "b", "question": "hi", "kind": "smalltalk", "expect": "abstain"},
    ]) + "\n")
    result = run("eval", str(cases), "--corpus", str(CORPUS))
    assert result.exit_code == 0
    assert "overall" in result.output and "0.50" in result.output
    assert "median correct answer length: 49 characters" in result.output
    assert "b: hi" in result.output


@pytest.mark.parametrize("args", [
    ["ask", ""], ["ask", "   "], ["ask", "x" * 2001],
    ["ask", "hi", "--corpus", "/nonexistent/folder"],
    ["ask", "hi", "--corpus", str(CORPUS / "gluteus-medius-syndrome.txt")],
    ["eval", "/nonexistent.jsonl"],
])
def test_usage_errors_exit_2_with_one_line_and_no_traceback(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0


def test_empty_corpus_folder_is_a_usage_error(run, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = run("ask", "hi", "--corpus", str(tmp_path))
    assert result.exit_code == 2 and "no loadable" in result.output


def test_bad_corpus_file_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "good.txt").write_bytes((CORPUS / "gluteus-medius-syndrome.txt").read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x00\x00garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "qa_bot", "ask", "how long should I ice", "--corpus", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0
    assert "20 minutes" in proc.stdout
    assert proc.stderr.strip() == ("qa-bot: warning: skipping bad.txt: binary file (contains NUL bytes; UTF-16 text "
                                   "needs its byte-order mark)")


def test_console_script_uses_environment_corpus(tmp_path):
    (tmp_path / "ankle.txt").write_bytes((ROOT / "tests/data/library/ankle-sprain.txt").read_bytes())
    env = {"QA_BOT_CORPUS": str(tmp_path), "PATH": ""}
    proc = subprocess.run([sys.executable, "-m", "qa_bot", "ask", "Do I need crutches?"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0 and "Ankle Sprain, Adult" in proc.stdout


def _read_until(fd: int, needle: bytes, timeout: float = 30.0) -> bytes:
    import os
    import select
    import time

    seen, deadline = b"", time.monotonic() + timeout
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"timed out waiting for {needle!r}; got {seen.decode(errors='replace')}")
        seen += os.read(fd, 4096)
    return seen


def test_chat_on_a_terminal_has_line_editing_history_and_sources():
    import os
    import pty

    pytest.importorskip("readline")
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "qa_bot", "chat", "--corpus", str(CORPUS)], cwd=ROOT,
                            stdin=child, stdout=child, stderr=child, env={**os.environ, "TERM": "xterm"})
    os.close(child)
    try:
        _read_until(main, b"you> ")
        os.write(main, b"how long should I icr\x7fe\r")  # a typo fixed with Backspace
        first = _read_until(main, b"you> ")
        assert b"Leave the ice on for 20 minutes" in first
        assert "— Gluteus Medius Syndrome › Follow these instructions at home".encode() in first
        os.write(main, b"\x1b[A\r")  # the up arrow brings the question back
        again = _read_until(main, b"you> ")
        assert b"how long should I ice" in again and b"Leave the ice on for 20 minutes" in again
        os.write(main, b"/quit\r")
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        os.close(main)


def test_sections_of_every_format_and_one_line_per_unreadable_file(tmp_path):
    examples = ROOT / "tests" / "data" / "formats" / "sports-injuries"
    for suffix in ("html", "pdf", "docx"):
        (tmp_path / f"si-{suffix}.{suffix}").write_bytes((examples / f"sports-injuries.{suffix}").read_bytes())
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 cut short")
    proc = subprocess.run([sys.executable, "-m", "qa_bot", "sections", "--corpus", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0
    rows = [line.split(None, 3) for line in proc.stdout.splitlines()[1:]]
    by_doc = {doc: [row[3] for row in rows if row[0] == doc] for doc in ("si-html", "si-pdf", "si-docx")}
    assert by_doc["si-html"] == by_doc["si-pdf"] == by_doc["si-docx"]
    assert by_doc["si-pdf"][:3] == ["Overview of Sports Injuries", "Who Gets Sports Injuries?", "Types of Sports Injuries"]
    warnings = proc.stderr.strip().splitlines()
    assert len(warnings) == 2 and "Traceback" not in proc.stderr
    assert warnings[0].startswith("qa-bot: warning: skipping broken.docx: corrupt")
    assert warnings[1].startswith("qa-bot: warning: skipping scan.pdf: ")


def test_ask_keeps_and_reuses_the_same_index_cache_as_serve(tmp_path):
    env = {**__import__("os").environ, "QA_BOT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "qa_bot", "ask", "how long should I ice", "--corpus", str(CORPUS)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    cached = list((tmp_path / "cache").glob("index-*.npz"))
    assert first.returncode == 0 and len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    second = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert second.stdout == first.stdout and "Leave the ice on for 20 minutes" in second.stdout
    assert cached[0].stat().st_mtime_ns == stamp  # read, not rebuilt


def test_report_says_when_the_database_cannot_be_read_and_never_prints_control_characters(run, tmp_path, monkeypatch):
    db = tmp_path / "qa.sqlite3"
    monkeypatch.setenv("QA_BOT_DB", str(db))
    store = Store(db)
    store.add_unanswered("is it \x07 contagious\u00a0now 👩\u200d⚕️", "abstain", 0.1)
    shown = run("report")
    assert shown.exit_code == 0 and "\x07" not in shown.output
    assert "is it \ufffd contagious\u00a0now 👩\u200d⚕️" in shown.output  # a no-break space and an emoji's joiner stay
    broken_db = tmp_path / "broken.sqlite3"
    broken_db.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("QA_BOT_DB", str(broken_db))
    broken = run("report")
    assert broken.exit_code == 2 and "cannot read the database" in broken.output and "(none yet)" not in broken.output


def test_chat_answers_a_followup_to_an_emergency_with_the_safety_reply_again(run):
    result = run("chat", "--corpus", str(CORPUS),
                 input="I have crushing chest pain and my left arm is numb\nwhat should I do?\nquit\n")
    assert result.exit_code == 0
    assert result.output.count("emergency number") >= 2


def test_a_goodbye_after_an_emergency_gets_the_reply_again_and_ends_the_chat(run):
    # A new user's trial: "bye, thanks!" after a stroke got the emergency reply again, and the chat read on.
    result = run("chat", "--corpus", str(CORPUS),
                 input="i think im having a stroke, my face is drooping\nbye, thanks!\nhow long should I ice\n")
    assert result.exit_code == 0
    assert result.output.count("emergency number") == 2
    assert "Leave the ice on" not in result.output
