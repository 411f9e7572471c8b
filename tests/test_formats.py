"""Format readers on real files written in the tests: Word, web pages and PDF become the same pieces."""

from __future__ import annotations

import io

import docx
import pytest

from qa_bot.formats import pdf, webpage, word
from qa_bot.formats.build import Piece, assemble, split_marker
from qa_bot.formats.errors import Unreadable
from qa_bot.loader import load_document

from .conftest import ROOT
from .format_files import nest_like_the_source, structure, to_docx, to_html
from .pdf_writer import GUTTER, MARGIN, WIDTH, to_pdf, wrap

OTHERS = ROOT / "tests" / "data" / "formats" / "others"


@pytest.fixture(scope="module", params=["back-pain", "sports-injuries"])
def source(request):
    """A public-domain document's title and blocks, lists nested as on its web page."""
    title, blocks = structure(load_document(OTHERS / f"{request.param}.txt"))
    return title, nest_like_the_source(blocks)


def _blocks(pieces: list[Piece]) -> list[tuple[str, str, int, bool]]:
    return [(p.kind, " ".join(p.text.split()), p.depth, p.ordered) for p in pieces]


def _expected(blocks):
    return [(k, t, d, o) for k, t, d, o in blocks]


def test_word_file_gives_back_its_title_headings_and_nested_lists(source, tmp_path):
    title, blocks = source
    found = word.read(to_docx(title, blocks, tmp_path / "doc.docx").read_bytes())
    assert found.title == title  # the Title style, not the file's "Microsoft Word - ..." property
    assert _blocks(found.pieces) == _expected(blocks)
    levels = {p.text: p.level for p in found.pieces if p.kind == "heading"}
    assert set(levels.values()) <= {1, 2}
    assert all(b[1] != "Riverside Family Clinic · Patient education" for b in _blocks(found.pieces))


def test_word_numbering_markers_nesting_tables_and_typed_bullets(tmp_path):
    document = docx.Document()
    document.add_heading("Knee Care", level=1)
    document.add_paragraph("Do these steps:")
    for text in ("Rest the knee.", "Ice it for 20 minutes.", "Raise it on a pillow."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("• Call us if it swells.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dose", "When"
    table.cell(1, 0).text, table.cell(1, 1).text = "200 mg", "Every 6 hours"
    bold = document.add_paragraph().add_run("When to call the clinic")
    bold.bold = True
    document.add_paragraph("Call if you have a fever.")
    path = tmp_path / "knee.docx"
    document.save(path)
    found = word.read(path.read_bytes())
    assert found.title == "Knee Care"
    assert [(p.kind, p.text, p.marker) for p in found.pieces] == [
        ("paragraph", "Do these steps:", ""), ("item", "Rest the knee.", "1."), ("item", "Ice it for 20 minutes.", "2."),
        ("item", "Raise it on a pillow.", "3."), ("item", "Call us if it swells.", ""),
        ("paragraph", "Dose", ""), ("paragraph", "When", ""), ("paragraph", "200 mg", ""),
        ("paragraph", "Every 6 hours", ""), ("heading", "When to call the clinic", ""),
        ("paragraph", "Call if you have a fever.", "")]


@pytest.mark.parametrize("template", ["agency", "cms", "hashed", "bare"])
def test_web_page_keeps_the_main_content_and_drops_the_site(source, template):
    title, blocks = source
    found = webpage.read(to_html(title, blocks, template).encode())
    assert found.title == title
    got = _blocks(found.pieces)
    # Everything of the document, in order, with nesting; of the site at most the review date.
    assert [b for b in got if b in _expected(blocks)] == _expected(blocks)
    extra = [b[1] for b in got if b not in _expected(blocks)]
    assert extra in ([], ["Last Reviewed: February 2023"])
    text = " ".join(p.text for p in found.pieces)
    for furniture in ("cookies", "Share this", "Facebook", "Skip to main", "Health Topics", "Privacy", "Related",
                      "Subscribe", "Tracking pixel", "Popular Articles", "Posted on", "Patient portal", "Leave a Reply",
                      "Most read", "Stay informed", "Lakeside", "You might also like", "All rights reserved"):
        assert furniture not in text


def test_web_page_without_main_text_is_unreadable():
    page = b"<html><head><title>Menu</title><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(Unreadable, match="no main text"):
        webpage.read(page)


@pytest.mark.parametrize("columns", [1, 2])
def test_pdf_in_one_or_two_columns_reads_in_order_without_running_headers(source, columns, tmp_path):
    title, blocks = source
    found = pdf.read(to_pdf(title, blocks, tmp_path / "doc.pdf", columns=columns).read_bytes())
    assert found.title == title  # the big line on page 1, not the metadata's "untitled"
    assert _blocks(found.pieces) == _expected(blocks)
    text = " ".join(p.text for p in found.pieces)
    assert "Patient education" not in text and "Page " not in text and "Not medical advice" not in text


def test_pdf_rejoins_words_hyphenated_at_line_ends_and_keeps_compounds(tmp_path):
    text = ("Tendinitis is inflammation of a tendon and musculoskeletal tissues, often long-lasting, and "
            "weight-bearing exercise helps. ") * 6
    ends = {line.rsplit(" ", 1)[-1] for line in wrap(text, (WIDTH - 2 * MARGIN - GUTTER) / 2, ("Times-Roman", 10.5))}
    assert {"inflam-", "musculoskel-", "weight-"} <= ends  # the layout did split words and a compound
    found = pdf.read(to_pdf("Tendons", [("paragraph", text.strip(), 0, False)], tmp_path / "t.pdf", columns=2).read_bytes())
    assert [p.text for p in found.pieces] == [text.strip()]


def test_pdf_numbered_headings_keep_their_numbers_and_levels(tmp_path):
    blocks = [("heading", "Overview", 0, False), ("paragraph", "Knees carry weight.", 0, False),
              ("heading", "What helps", 0, False), ("item", "Rest.", 0, True), ("item", "Ice.", 0, True)]
    found = pdf.read(to_pdf("Knees", blocks, tmp_path / "n.pdf", numbered=True).read_bytes())
    assert [(p.kind, p.text, p.level, p.ordered, p.marker) for p in found.pieces] == [
        ("heading", "1. Overview", 1, False, ""), ("paragraph", "Knees carry weight.", 1, False, ""),
        ("heading", "2. What helps", 1, False, ""), ("item", "Rest.", 1, True, "1."), ("item", "Ice.", 1, True, "2.")]


def test_a_scanned_pdf_without_text_is_unreadable(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "scan.pdf"))
    canvas.rect(50, 50, 400, 600, fill=1)  # a page of ink and no text layer
    canvas.save()
    with pytest.raises(Unreadable, match="no text layer"):
        pdf.read((tmp_path / "scan.pdf").read_bytes())


def test_a_pdf_that_needs_a_password_is_unreadable(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "locked.pdf"), encrypt=StandardEncryption("secret", canPrint=0))
    canvas.drawString(72, 700, "Private text.")
    canvas.save()
    with pytest.raises(Unreadable, match="password"):
        pdf.read((tmp_path / "locked.pdf").read_bytes())


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04 not really a zip", "corrupt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "password-protected"),
])
def test_broken_word_files_are_unreadable(data, reason):
    with pytest.raises(Unreadable, match=reason):
        word.read(data)


def test_a_zip_without_a_word_document_is_unreadable():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(Unreadable, match=r"no word/document\.xml"):
        word.read(buffer.getvalue())


def test_assembled_text_has_every_piece_at_its_offsets():
    pieces = [Piece("heading", "What helps"), Piece("paragraph", "Rest   helps.\nIce helps too."),
              Piece("item", "Ice it.", ordered=True, marker="1."), Piece("item", "Wrap it.", depth=1),
              Piece("paragraph", "See a doctor.")]
    doc = assemble("knee", "knee.html", "Knee  Care", pieces)
    assert doc.title == "Knee Care" and doc.text.startswith("Knee Care\n\nWhat helps\n\nRest helps.")
    assert "\n  1. Ice it.\n    • Wrap it.\n\nSee a doctor." in doc.text
    units = [u for s in doc.sections for u in s.units]
    assert [u.text for u in units] == ["Rest helps.", "Ice helps too.", "Ice it.", "Wrap it.", "See a doctor."]
    assert all(doc.text[u.start:u.end] == u.text for u in units)
    assert units[3].parent == 2 and [s.heading for s in doc.sections] == ["What helps"]


@pytest.mark.parametrize("text, expected", [
    ("• Rest the knee", ("•", False, "Rest the knee")), ("2. Ice it", ("2.", True, "Ice it")),
    ("b) Wrap it", ("b)", True, "Wrap it")), ("\uf0b7 Symbol bullet", ("\uf0b7", False, "Symbol bullet")),
    ("3.5 mg twice a day", None), ("Rest the knee", None),
])
def test_typed_list_markers(text, expected):
    assert split_marker(text) == expected


def test_pdf_layout_tells_large_type_and_bold_bullets_from_headings():
    from qa_bot.formats.pdf_layout import Line, lay_out

    def line(top: float, text: str, size: float = 10.0, bold: bool = False, x0: float = 72.0) -> Line:
        return Line(0, x0, x0 + 6 * len(text), top, top + size, size, bold, text)

    lines = [line(40, "Lakeside Clinic handout", 8.0), line(100, "Knee Care", 20.0, True),
             line(140, "Your knee carries your weight every", 13.0), line(156, "day and needs care after an injury",
                                                                       13.0),
             line(172, "to heal well and quickly, as your", 13.0), line(188, "doctor will explain to you", 13.0),
             line(220, "What helps", 12.0, True), line(240, "• Rest the knee", 10.0, True),
             line(253, "• Ice it", 10.0), line(266, "A closing sentence.", 10.0), line(760, "7", 8.0)]
    title, pieces = lay_out(lines, {0: (612.0, 792.0)})
    assert title == "Knee Care"
    assert [(p.kind, p.text) for p in pieces] == [
        ("paragraph", "Your knee carries your weight every day and needs care after an injury to heal well and "
                      "quickly, as your doctor will explain to you"),
        ("heading", "What helps"), ("item", "Rest the knee"), ("item", "Ice it"), ("paragraph", "A closing sentence.")]


def test_a_web_page_tables_rows_are_shown_under_its_header_row(tmp_path):
    from qa_bot.bot import Bot

    (tmp_path / "pain.html").write_text(
        "<html><head><title>Pain Medicine</title></head><body><main><h1>Pain Medicine</h1>"
        "<h2>How much medicine can I take?</h2><p>Take your pain medicine as your surgeon told you. The table "
        "shows the usual doses for adults.</p><table><tr><th>Medicine</th><th>Dose</th><th>How often</th></tr>"
        "<tr><td>Ibuprofen</td><td>400 mg</td><td>Every 8 hours with food</td></tr>"
        "<tr><td>Acetaminophen</td><td>500 mg</td><td>Every 6 hours</td></tr></table>"
        "<p>Call your surgeon if your pain gets worse after three days at home.</p></main></body></html>",
        encoding="utf-8")
    answer = Bot.from_folder(tmp_path).ask("what is the dose of acetaminophen")
    lines = answer.answer.split("\n")
    assert lines[0] == "Medicine · Dose · How often" and "Acetaminophen · 500 mg · Every 6 hours" in answer.answer


def test_a_web_page_table_without_a_header_row_keeps_every_row_its_own():
    html = ("<html><head><title>Doses</title></head><body><main><h1>Doses</h1><h2>Usual doses</h2><p>These are the "
            "usual doses for adults who have had surgery on the knee or the hip.</p><table>"
            "<tr><td>Ibuprofen</td><td>400 mg</td><td>Every 8 hours</td></tr>"
            "<tr><td>Naproxen</td><td>250 mg</td><td>Every 12 hours</td></tr></table></main></body></html>")
    found = webpage.read(html.encode())
    rows = [p for p in found.pieces if "·" in p.text]
    assert [(p.kind, p.text) for p in rows] == [("paragraph", "Ibuprofen · 400 mg · Every 8 hours"),
                                                ("paragraph", "Naproxen · 250 mg · Every 12 hours")]
