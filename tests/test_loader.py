"""Loading corpus folders of every format: hostile and unreadable files cost one warning each, never the loader."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from qa_bot.bot import Bot
from qa_bot.formats.errors import Unreadable
from qa_bot.formats.sandbox import Sandbox
from qa_bot.loader import load_corpus, load_document

from .conftest import ROOT

EXAMPLES = ROOT / "tests" / "data" / "formats" / "sports-injuries"


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its objects (1 is the catalog), with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page(contents: int, extra: bytes = b"") -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 "
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> %s >>" % (contents, extra))


def _stream(data: bytes, compressed: bool = False) -> bytes:
    flate = b" /Filter /FlateDecode" if compressed else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), flate, data)


TEXT = b"BT /F1 12 Tf 72 700 Td (Rest the injured knee and keep it raised.) Tj ET"


def huge_page_count(path: Path, pages: int = 20_000) -> Path:
    """A PDF of 20,000 pages in under 2 MB: the pages inherit their size and fonts from the page tree."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    tree = (b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 612 792] /Resources << /Font << /F1 << /Type "
            b"/Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>" % (kids, pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", tree, _stream(TEXT)]
    objects += [b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * pages
    path.write_bytes(_pdf(objects))
    return path


def deeply_nested(path: Path, depth: int = 200_000) -> Path:
    nested = b"[" * depth + b"]" * depth
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _stream(TEXT),
               _page(3, b"/Nested " + nested)]
    path.write_bytes(_pdf(objects))
    return path


def inflating(path: Path, megabytes: int) -> Path:
    """A PDF whose page stream is small on disk and inflates to megabytes of zeros."""
    squeeze = zlib.compressobj(9)
    data = b"".join(squeeze.compress(bytes(2**20)) for _ in range(megabytes)) + squeeze.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               _stream(data, compressed=True), _page(3)]
    path.write_bytes(_pdf(objects))
    return path


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A .docx whose document.xml unpacks to hundreds of megabytes (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(b" " * 2**20)
    return path


def big_html(path: Path, megabytes: int = 50) -> Path:
    """A 50 MB web page that takes no room: a sparse file between its first and last bytes."""
    with open(path, "wb") as f:
        f.write(b"<html><body><h1>Huge</h1><p>")
        f.seek(megabytes * 2**20)
        f.write(b"</p></body></html>")
    return path


def test_hostile_files_are_refused_or_capped_quickly_and_the_rest_still_loads(tmp_path, caplog):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for example in EXAMPLES.glob("sports-injuries.*"):
        (folder / f"good-{example.suffix[1:]}{example.suffix}").write_bytes(example.read_bytes())
    zip_bomb(folder / "bomb.docx")
    assert huge_page_count(folder / "pages.pdf").stat().st_size < 2 * 2**20
    deeply_nested(folder / "nested.pdf")
    big_html(folder / "huge.html")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04" + bytes(200))
    (folder / "menu.html").write_bytes(b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="qa_bot.loader"):
        docs = load_corpus(folder)
    assert time.perf_counter() - started < 60
    ids = {d.id for d in docs}
    assert {"good-txt", "good-html", "good-pdf", "good-docx"} <= ids
    warnings = {r.getMessage().split(":")[0].removeprefix("skipping "): r.getMessage() for r in caplog.records}
    assert "unpack to 300 MiB" in warnings["bomb.docx"]
    assert "only the first 60 of 20,000 pages" in warnings["pages.pdf"] and "pages" in ids  # capped, still read
    assert "larger than the 5 MiB" in warnings["huge.html"]
    assert "corrupt" in warnings["corrupt.docx"]
    assert "no main text" in warnings["menu.html"]
    assert "nested" in ids or "nested.pdf" in warnings  # read or refused, but never the loader's end
    assert all("\n" not in message and "Traceback" not in message for message in warnings.values())


def test_a_stream_that_inflates_past_the_memory_limit_stops_only_the_reader(tmp_path):
    bomb = inflating(tmp_path / "inflates.pdf", megabytes=600)
    assert bomb.stat().st_size < 2 * 2**20
    with Sandbox(memory_limit=256 * 2**20) as sandbox:
        with pytest.raises(Unreadable, match="256 MiB"):
            load_document(bomb, sandbox)
        # The same sandbox starts a fresh reader for the next file.
        assert load_document(EXAMPLES / "sports-injuries.pdf", sandbox).title == "Sports Injuries"


def test_a_reader_over_its_time_limit_is_stopped_and_replaced(tmp_path):
    with Sandbox(time_limit=0.001) as sandbox:
        with pytest.raises(Unreadable, match="took longer than") as caught:
            load_document(EXAMPLES / "sports-injuries.pdf", sandbox)
        assert caught.value.transient
        sandbox.time_limit = 30
        assert load_document(EXAMPLES / "sports-injuries.docx", sandbox).title == "Sports Injuries"


def test_the_same_document_id_in_two_formats_loads_once(tmp_path, caplog):
    for example in EXAMPLES.glob("sports-injuries.*"):
        (tmp_path / example.name).write_bytes(example.read_bytes())
    with caplog.at_level(logging.WARNING, logger="qa_bot.loader"):
        docs = load_corpus(tmp_path)
    assert [d.path for d in docs] == [str(tmp_path / "sports-injuries.docx")]
    assert sorted(r.getMessage().split(":")[0] for r in caplog.records) == [
        "skipping sports-injuries.html", "skipping sports-injuries.pdf", "skipping sports-injuries.txt"]


def test_a_file_named_in_another_encoding_or_not_a_file_is_skipped_with_a_warning_and_the_rest_served(tmp_path, caplog):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ice.txt").write_text("Ice\n\nLeave the ice on for 20 minutes.\n", encoding="utf-8")
    # "café.txt" as a Latin-1 zip leaves it: the name's bytes are not UTF-8.
    (Path(os.fsdecode(bytes(folder))) / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe\n\nText.\n", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "loop.md").symlink_to(folder / "loop.md")
    os.mkfifo(folder / "pipe.md")  # reading it would block: never opened
    for _ in range(2):  # built, then from the cache: the same documents and the same warnings
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            bot = Bot.from_folder(folder, cache_dir=tmp_path / "cache")
        assert [d.id for d in bot.documents] == ["ice"]
        assert bot.ask("how long should I ice").answer == "Leave the ice on for 20 minutes."
        warned = sorted(r.getMessage() for r in caplog.records if r.getMessage().startswith("skipping"))
        assert warned == [
            "skipping caf\\xe9.txt: its name is not UTF-8 text (saved by another system?); rename it",
            "skipping gone.txt: not a regular file (a broken or looping link, a pipe or a device)",
            "skipping loop.md: not a regular file (a broken or looping link, a pipe or a device)",
            "skipping pipe.md: not a regular file (a broken or looping link, a pipe or a device)"]


def test_cached_loads_keep_titles_sections_and_warnings_of_every_format(tmp_path, caplog):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for example in EXAMPLES.glob("sports-injuries.*"):
        (folder / f"si-{example.suffix[1:]}{example.suffix}").write_bytes(example.read_bytes())
    (folder / "locked.pdf").write_bytes(b"%PDF-1.4\n%garbage that is no PDF at all\n")
    with caplog.at_level(logging.WARNING):
        built = Bot.from_folder(folder, cache_dir=tmp_path / "cache")
    first = [r.getMessage() for r in caplog.records if "locked.pdf" in r.getMessage()]
    caplog.clear()
    with caplog.at_level(logging.INFO):
        cached = Bot.from_folder(folder, cache_dir=tmp_path / "cache")
    assert "loaded the index" in caplog.text
    assert [r.getMessage() for r in caplog.records if "locked.pdf" in r.getMessage()] == first and first
    shape = [(d.id, d.title, [(s.heading, s.start, s.end, len(s.units)) for s in d.sections]) for d in built.documents]
    assert shape == [(d.id, d.title, [(s.heading, s.start, s.end, len(s.units)) for s in d.sections])
                     for d in cached.documents]
    assert {d.title for d in cached.documents} == {"Sports Injuries"}


def test_a_timed_out_file_is_not_cached_as_skipped(tmp_path, monkeypatch):
    from qa_bot.formats import sandbox

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "si.pdf").write_bytes((EXAMPLES / "sports-injuries.pdf").read_bytes())
    (folder / "si-text.txt").write_bytes((EXAMPLES / "sports-injuries.txt").read_bytes())
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.001)  # a machine too busy to read it this time
    assert [d.id for d in Bot.from_folder(folder, cache_dir=tmp_path / "cache").documents] == ["si-text"]
    assert not list((tmp_path / "cache").glob("index-*"))
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 30.0)
    assert sorted(d.id for d in Bot.from_folder(folder, cache_dir=tmp_path / "cache").documents) == ["si", "si-text"]


def test_the_command_line_imports_no_format_library():
    code = ("import sys, qa_bot.channels.cli, qa_bot.loader, qa_bot.library; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pdfminer', 'docx', 'lxml', 'trafilatura'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout
    assert out.strip() == "[]"
