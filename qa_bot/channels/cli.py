"""The command line: ask, chat, eval, sections (and serve, from the HTTP channel)."""

from __future__ import annotations

import json
import logging
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from qa_bot.bot import Bot
from qa_bot.config import Settings
from qa_bot.errors import ConfigError, InvalidQuestionError, QaBotError
from qa_bot.models import Answer
from qa_bot.replies import Contacts

__all__ = ["cli", "main"]

NOTICE = "qa-bot answers from the documents' own words. General information only, not medical advice."
CHAT_HELP = "Type a question. /reset starts over; quit, exit, a goodbye or Ctrl-D ends the chat."
_QUIT = ("/quit", "/exit", "/q", "quit", "exit")  # typed alone: the words of a terminal, not a question


def _lowercase_level(record: logging.LogRecord) -> bool:
    record.levelname = record.levelname.lower()
    return True


class CliError(click.ClickException):
    """A user-facing error: one line on standard error, exit status 2."""

    exit_code = 2


def _bot(corpus: Path | None) -> Bot:
    """The bot over a corpus, through the same on-disk index cache as ``serve``."""
    try:
        settings = Settings.from_env()
        return Bot.from_folder(corpus or settings.corpus, cache_dir=settings.cache_dir, progress=True,
                               max_question_chars=settings.max_question_chars,
                               contacts=Contacts(settings.crisis_line, settings.emergency_number))
    except QaBotError as exc:
        raise CliError(str(exc)) from None


def _render(answer: Answer) -> str:
    """An answer as a person reads it in a terminal: the text, then its source."""
    lines = [answer.answer]
    if answer.kind == "answer" and answer.citations:
        c = answer.citations[0]
        lines.append(f"  — {c.title} › {c.section}")
    return "\n".join(lines)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


corpus_option = click.option(
    "--corpus", type=click.Path(path_type=Path), default=None,
    help="Folder of documents: .txt, .md, .html, .pdf, .docx [default: $QA_BOT_CORPUS, else the bundled corpus/].")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qa-bot")
def cli() -> None:
    """Answer questions about documents with their own words and a citation."""
    logging.basicConfig(level=logging.WARNING, format="qa-bot: %(levelname)s: %(message)s")
    logging.getLogger().handlers[0].addFilter(_lowercase_level)


def _parse_batch_line(line: str) -> tuple[str, list[str] | None]:
    """A batch line is a plain question or {"question": ..., "history": [...]}."""
    if not line.lstrip().startswith("{"):
        return line, None
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise InvalidQuestionError(f"line is not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or "question" not in data:
        raise InvalidQuestionError('a JSON line needs a "question" field')
    return data["question"], data.get("history")


def _batch(bot: Bot, as_json: bool) -> None:
    failures = 0
    for number, raw in enumerate(sys.stdin, 1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        try:
            question, history = _parse_batch_line(line)
            answer = bot.ask(question, history)
        except InvalidQuestionError as exc:
            failures += 1
            click.echo(f"qa-bot: line {number}: {exc}", err=True)
            if as_json:
                click.echo(_json({"error": {"code": "invalid_question", "message": str(exc), "line": number}}))
            continue
        click.echo(_json(answer.to_dict()) if as_json else _render(answer) + "\n")
    if failures:
        click.echo(f"qa-bot: {failures} line(s) could not be answered", err=True)


@cli.command()
@click.argument("question")
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
def ask(question: str, corpus: Path | None, as_json: bool) -> None:
    """Answer QUESTION; '-' reads one question (or JSON request) a line from standard input."""
    bot = _bot(corpus)
    if question == "-":
        _batch(bot, as_json)
        return
    try:
        answer = bot.ask(question)
    except InvalidQuestionError as exc:
        raise CliError(str(exc)) from None
    click.echo(_json(answer.to_dict()) if as_json else _render(answer))


def _line_editing() -> None:
    """Arrow keys, Ctrl-R and ↑ for earlier questions, via the standard library's readline.

    Only on a terminal (piped input needs none), and kept in memory: health questions are not
    written to a history file.
    """
    if not sys.stdin.isatty():
        return
    try:
        import readline  # importing it is what gives input() line editing and history
    except ImportError:  # Windows, or a Python built without it: plain input() still works
        return
    readline.set_history_length(200)


@cli.command()
@corpus_option
def chat(corpus: Path | None) -> None:
    """Talk with the bot; follow-up questions use the conversation so far."""
    bot = _bot(corpus)
    _line_editing()
    click.echo(NOTICE)
    click.echo(CHAT_HELP)
    history: list[str] = []
    after_safety: str | None = None  # the kind of safety reply the last message got: a follow-up gets it again
    while True:
        try:
            line = input("you> ")
        except EOFError:
            click.echo()
            break
        if not sys.stdin.isatty():
            click.echo(line)  # piped in, the question is not echoed by a terminal: the transcript shows it
        message = line.strip()
        if not message:
            continue
        if message.lower().rstrip(".!") in _QUIT:
            break
        if message == "/reset":
            history.clear()
            after_safety = None
            click.echo("bot> Starting over.")
            continue
        if re.fullmatch(r"/\w+", message):
            click.echo(f"bot> There is no command {message}. {CHAT_HELP}")
            continue
        try:
            answer = bot.ask(message, history, after_safety=after_safety)
        except InvalidQuestionError as exc:
            click.echo(f"bot> {exc}")
            continue
        click.echo("bot> " + _render(answer).replace("\n", "\n     "))
        if answer.extra.get("intent") == "goodbye":
            break  # "bye, thanks!" is answered, then the chat ends as a conversation would
        if answer.kind == "answer":
            history.append(message)
        elif answer.kind in ("safety",):
            history.clear()
        after_safety = answer.extra.get("reason") if answer.kind == "safety" else None


@cli.command(name="eval")
@click.argument("path", type=click.Path(path_type=Path))
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate_command(path: Path, corpus: Path | None, as_json: bool) -> None:
    """Score the bot on a question set (JSON Lines) and list the misses."""
    from qa_bot.evaluate import evaluate, load_cases

    try:
        cases = load_cases(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read {path}: {exc}") from None
    report = evaluate(_bot(corpus), cases)
    data = report.to_dict()
    if as_json:
        click.echo(_json(data))
        return
    click.echo(f"{'kind':<12}{'correct':>8}{'total':>7}{'accuracy':>10}")
    for kind, (correct, total) in report.by_kind().items():
        click.echo(f"{kind:<12}{correct:>8}{total:>7}{correct / total:>10.2f}")
    total = len(report.rows)
    correct = sum(ok for *_, ok in report.rows)
    click.echo(f"{'overall':<12}{correct:>8}{total:>7}{report.accuracy:>10.2f}")
    click.echo(f"median correct answer length: {report.median_answer_chars():.0f} characters")
    click.echo("answers by confidence -> share right:")
    for bucket in data["reliability"]:
        share = "-" if bucket["answer_right"] is None else f"{bucket['answer_right']:.2f}"
        click.echo(f"  {bucket['from']:.1f}-{bucket['to']:.1f}: {share} of {bucket['questions']}")
    if data["misses"]:
        click.echo("\nmisses:")
    for miss in data["misses"]:
        where = f" [{miss['section']}]" if miss["section"] else ""
        got = miss["answer"].replace("\n", " ")
        click.echo(f"  {miss['id']}: {miss['question']}\n    expected {miss['expected']}, "
                   f"got {miss['got']}{where}: {got[:120]}")


@cli.command()
@corpus_option
def sections(corpus: Path | None) -> None:
    """Show how the corpus was split: document, heading, size."""
    bot = _bot(corpus)
    width = max(len("document"), *(len(d.id) for d in bot.documents)) + 1  # ids whole: they name files and URLs
    click.echo(f"{'document':<{width}}{'chars':>7}{'units':>7}  heading")
    for doc in bot.documents:
        for section in doc.sections:
            click.echo(f"{doc.id:<{width}}{section.size:>7}{len(section.units):>7}  {section.heading}")


def _settings(**overrides: object) -> Settings:
    try:
        settings = Settings.from_env()
        return settings.replace(**{k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        raise CliError(str(exc)) from None


@cli.command()
@corpus_option
@click.option("--host", default=None, help="Address to listen on [default: $QA_BOT_HOST or 127.0.0.1].")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port [default: $QA_BOT_PORT or 8000; 0 picks a free one].")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes [default: $QA_BOT_WORKERS or 2].")
def serve(corpus: Path | None, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the HTTP API and document pages with gunicorn (production server)."""
    from qa_bot.channels.server import serve as run_server

    settings = _settings(corpus=corpus, host=host, port=port, workers=workers)
    logging.getLogger().setLevel(settings.log_level)

    def ready(server: object) -> None:
        for listener in server.LISTENERS:  # type: ignore[attr-defined]
            address = listener.sock.getsockname()
            click.echo(f"qa-bot: serving {settings.corpus} at http://{address[0]}:{address[1]}/", err=True)

    try:
        run_server(settings, on_ready=ready)
    except QaBotError as exc:
        raise CliError(str(exc)) from None


@cli.command(name="reload")
def reload_command() -> None:
    """Make a running `qa-bot serve` reload the corpus without downtime ($QA_BOT_PIDFILE)."""
    import os
    import signal

    settings = _settings()
    try:
        pid = int(settings.pidfile.read_text().strip()) if settings.pidfile else 0
    except (OSError, ValueError):
        raise CliError(f"no running server found: cannot read {settings.pidfile}; set QA_BOT_PIDFILE") from None
    try:
        os.kill(pid, signal.SIGHUP)
    except (ProcessLookupError, PermissionError) as exc:
        raise CliError(f"cannot signal the server (pid {pid}): {exc.strerror}") from None
    click.echo(f"asked qa-bot (pid {pid}) to reload its corpus folder; its log says when it is done")


@cli.command()
@click.option("--limit", type=click.IntRange(1, 1000), default=20, help="Questions to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report(limit: int, as_json: bool) -> None:
    """Content gaps: frequent unanswered questions and feedback per section ($QA_BOT_DB)."""
    from qa_bot.store import Store

    settings = _settings()
    if not settings.database.exists():
        raise CliError(f"no database at {settings.database}; set QA_BOT_DB to the server's database")
    try:
        data = Store(settings.database).report(limit)
    except QaBotError as exc:
        raise CliError(str(exc)) from None
    if as_json:
        click.echo(_json(data))
        return
    click.echo("Most frequent questions not answered, or answered unsure (confidence under 0.6):")
    for row in data["unanswered"] or [{"count": 0, "question": "(none yet)"}]:
        # What users typed may hold control characters: shown as U+FFFD, never sent to the terminal.
        question = "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in row["question"])
        click.echo(f"{row['count']:>6}  {question}")
    click.echo("\nFeedback per section (helpful / not helpful):")
    for row in data["feedback"] or [{"helpful": 0, "unhelpful": 0, "document": "-", "section": "(none yet)"}]:
        click.echo(f"{row['helpful']:>6} {row['unhelpful']:>6}  {row['document']} › {row['section']}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="qa-bot")
