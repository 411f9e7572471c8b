"""Loading and parsing documents: headings, lists, boilerplate, offsets, bad files."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest

from qa_bot.documents import slugify
from qa_bot.errors import CorpusError
from qa_bot.loader import load_corpus, load_document
from qa_bot.parse import MAX_UNIT_CHARS, parse_markdown, parse_plain

from .conftest import CORPUS, LIBRARY

GOLDEN = Path(__file__).parent / "golden" / "gluteus-medius-syndrome.json"


def test_bundled_document_structure_matches_golden_file():
    doc = load_document(CORPUS / "gluteus-medius-syndrome.txt")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert doc.title == golden["title"]
    got = [{"heading": s.heading, "anchor": s.anchor, "units": len(s.units)} for s in doc.sections]
    assert got == golden["sections"]


def test_bundled_corpus_is_the_shared_document_byte_for_byte():
    # SHA-256 of shared/corpus/gluteus-medius-syndrome.txt, so the test needs nothing outside the clone.
    digest = hashlib.sha256((CORPUS / "gluteus-medius-syndrome.txt").read_bytes()).hexdigest()
    assert digest == "17bb6e515f7971dde6c2fe7be68ac4ee09daf5b277fc1ea27840e941eeee3270"


def test_every_unit_is_verbatim_text_at_its_offsets():
    for path in [CORPUS / "gluteus-medius-syndrome.txt", LIBRARY / "ankle-sprain.txt"]:
        doc = load_document(path)
        for section in doc.sections:
            for unit in section.units:
                assert " ".join(doc.text[unit.start:unit.end].split()) == unit.text


def test_site_boilerplate_is_never_content():
    doc = load_document(CORPUS / "gluteus-medius-syndrome.txt")
    texts = " ".join(u.text for s in doc.sections for u in s.units)
    for junk in ("Sign up to receive", "Scroll to Top", "Join SeekhealthZ", "15585", "15856"):
        assert junk not in texts
    assert all(not s.heading.startswith(("Sign up", "Join")) for s in doc.sections)


def test_list_lead_in_ending_in_colon_is_not_a_heading():
    doc = load_document(CORPUS / "gluteus-medius-syndrome.txt")
    headings = [s.heading for s in doc.sections]
    assert "Treatment for this condition includes" not in headings
    treated = next(s for s in doc.sections if s.heading == "How is this treated?")
    assert treated.units[0].text == "Treatment for this condition includes:"
    assert "Follow these instructions at home" in headings


@pytest.mark.parametrize("lead_in", ["A health care provider should be consulted if",
                                     "A doctor makes the diagnosis based on"])
def test_a_line_ending_in_if_or_a_preposition_leads_into_its_list_and_is_no_heading(tmp_path, lead_in):
    path = tmp_path / "gas.txt"
    path.write_text(f"Gas\n\nWhen to see a doctor\n\n{lead_in}\n\n• symptoms are bothersome\n"
                    "• symptoms change suddenly\n", encoding="utf-8")
    doc = load_document(path)
    assert [s.heading for s in doc.sections] == ["When to see a doctor"]
    assert [u.text for u in doc.sections[0].units] == [lead_in, "symptoms are bothersome", "symptoms change suddenly"]


def test_a_key_point_sentence_under_an_empty_heading_opens_that_heading_s_section():
    # Cancer.gov's summaries: a "Key Points" list, then each point again as a subheading under a short heading.
    plain = ("Hairy Cell Leukemia\n\nKey Points:\n\n• Gender and age may affect the risk.\n• Signs include tiredness.\n\n"
             "Who is at risk?\n\nGender and age may affect the risk.\n\nIt occurs more often in older men.\n\n"
             "Signs include tiredness.\n\nCheck with your doctor if you feel tired.\n")
    _, sections = parse_plain(plain, "hcl")
    by_heading = {s.heading: s for s in sections}
    assert [u.text for u in by_heading["Who is at risk?"].units] == [
        "Gender and age may affect the risk.", "It occurs more often in older men."]
    # A key point after text of its own still heads a section, as before.
    assert [u.text for u in by_heading["Signs include tiredness."].units] == ["Check with your doctor if you feel tired."]
    markdown = ("# Formula\n\n## Who is at risk?\n\n### Babies born early are most at risk.\n\nThey need boiled water.\n\n"
                "## Take extra steps if:\n\n### Your baby is younger than 2 months old.\n\nBoil the water.\n")
    _, sections = parse_markdown(markdown, "formula")
    assert [(s.heading, [u.text for u in s.units]) for s in sections] == [
        ("Who is at risk?", ["Babies born early are most at risk.", "They need boiled water."]),
        # Under a heading that introduces it, the sentence is what the heading's "if:" is about: still a heading.
        ("Your baby is younger than 2 months old.", ["Boil the water."])]
    assert all(markdown[u.start:u.end] == u.text for s in sections for u in s.units)
    # Right under the document's title, a sentence heading heads its own section, as its twin further down does.
    _, sections = parse_markdown("# Flu\n\n## Wash your hands often.\n\nUse soap.\n\n## Avoid close contact.\n\nStay home.\n",
                                 "flu")
    assert [s.heading for s in sections] == ["Wash your hands often.", "Avoid close contact."]
    assert all(plain[u.start:u.end] == u.text for s in parse_plain(plain, "hcl")[1] for u in s.units)


def test_a_sentence_that_only_points_elsewhere_is_never_a_unit_but_advice_and_list_items_like_it_are():
    text = ("Hand Washing\n\nHandwashing protects your family. Learn more about when to wash your hands.\n\n"
            "Wash for 20 seconds. Learn about soap. Read the news release to learn more.\n\n"
            "Learn how to use your inhaler. See your doctor to learn more about your risk. Read in a quiet room. "
            "Learn more at MedlinePlus. Learn when and how you should wash your hands. Learn what breast density is. "
            "Find out if you are at risk.\n\nYou can do these things to control it:\n\n"
            "• Learn about your asthma.\n• Rest.\n")
    _, sections = parse_plain(text, "hands")
    assert [u.text for u in sections[0].units] == [
        "Handwashing protects your family.", "Wash for 20 seconds.", "Learn how to use your inhaler.",
        "See your doctor to learn more about your risk.", "Read in a quiet room.",
        "You can do these things to control it:", "Learn about your asthma.", "Rest."]


def test_heading_split_over_two_lines_is_rejoined():
    _, sections = parse_plain("Title\n\nExercise A: Lunge (\n\nhip flexor stretch)\n\nKneel on the floor.\n", "t")
    assert [s.heading for s in sections] == ["Exercise A: Lunge (hip flexor stretch)"]


def test_nested_list_items_know_their_parent():
    doc = load_document(CORPUS / "gluteus-medius-syndrome.txt")
    home = next(s for s in doc.sections if s.heading == "Follow these instructions at home")
    ice = next(u for u in home.units if u.text.startswith("Leave the ice on"))
    assert ice.depth == 1
    assert home.units[ice.parent].text == "If directed, apply ice to the injured area."


def test_markdown_headings_lists_and_inline_markup():
    text = ("# Knee Pain\n\nIntro with **bold** and a [link](https://example.org).\n\n"
            "## What helps?\n\n- Rest the knee.\n- Use `ice` packs.\n\nSetext heading\n--------------\n\nText here.\n")
    title, sections = parse_markdown(text, "knee")
    assert title == "Knee Pain"
    assert [s.heading for s in sections] == ["Knee Pain", "What helps?", "Setext heading"]
    assert sections[0].units[0].text == "Intro with bold and a link."
    assert [u.text for u in sections[1].units] == ["Rest the knee.", "Use ice packs."]
    assert all(b.kind == "item" for b in sections[1].blocks)


def test_emphasis_across_a_sentence_break_leaves_no_markers_in_either_sentence():
    text = ("# Hands\n\n## Sanitizer\n\n**Caution!** Swallowing sanitizer can poison. Keep it **out of reach of\n"
            "children.** Ask a doctor.\n")
    _, sections = parse_markdown(text, "hands")
    assert [u.text for u in sections[0].units] == [
        "Caution!", "Swallowing sanitizer can poison.", "Keep it out of reach of children.", "Ask a doctor."]
    # A backslash escape is a literal character: no markup, and shown without its backslash, wherever it is.
    _, sections = parse_markdown("# Formula\n\nMix 2\\*3 \\_scoops\\_ of *formula*. See the [guide](http://x/a\\_b) "
                                 "and 4\\#5, rate it \\*\\*high\\*\\*. Math 2**3 is eight. Hold for ____ seconds, __then__ "
                                 "rest.\n\0", "f")
    assert [u.text for u in sections[0].units] == [
        "Mix 2*3 _scoops_ of formula.", "See the guide and 4#5, rate it **high**.", "Math 2**3 is eight.",
        "Hold for ____ seconds, then rest."]


def test_markdown_bold_lines_head_sections_where_a_page_has_no_heading_marks():
    text = ("# Acupuncture\n\n## Questions and Answers\n\n1. **What is acupuncture?**\n\n"
            "Acupuncture applies needles to the skin.\n2. **Have any studies been done?**\n\n"
            "Several have.\n\n- **Cancer pain**\n\nTrials report less pain.\n\n"
            "Terms used:\n\n- **Acupoint**\n- **Meridian**\n\n1. **Rest the knee.**\n\n**Call your doctor if:**\n\n"
            "- It swells.\n")
    _, sections = parse_markdown(text, "acupuncture")
    by_heading = {s.heading: s for s in sections}
    assert [s.heading for s in sections] == ["What is acupuncture?", "Have any studies been done?", "Cancer pain"]
    assert [by_heading[h].level for h in by_heading] == [3, 3, 4]
    assert [u.text for u in by_heading["What is acupuncture?"].units] == ["Acupuncture applies needles to the skin."]
    # A list of bold terms, a bold sentence and a bold lead-in stay content.
    assert [u.text for u in by_heading["Cancer pain"].units] == [
        "Trials report less pain.", "Terms used:", "Acupoint", "Meridian", "Rest the knee.", "Call your doctor if:",
        "It swells."]


def test_markdown_document_from_the_library():
    doc = load_document(LIBRARY / "plantar-fasciitis.md")
    assert doc.title == "Plantar Fasciitis"
    headings = [s.heading for s in doc.sections]
    assert "Towel stretch" in headings and "Get help right away if" in headings
    assert not any("Last reviewed" in u.text for s in doc.sections for u in s.units)


def test_windows_line_endings_and_bom_load_the_same(tmp_path):
    source = (CORPUS / "gluteus-medius-syndrome.txt").read_text(encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode())
    a = load_document(CORPUS / "gluteus-medius-syndrome.txt")
    b = load_document(tmp_path / "crlf.txt")
    assert [s.heading for s in a.sections] == [s.heading for s in b.sections]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_saved_as_windows_unicode_or_with_a_bom_is_read(tmp_path, encoding):
    text = "Ice\r\n\r\nLeave the ice on for 20 minutes – no longer.\r\n"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw  # the byte-order mark a big-endian editor writes
    (tmp_path / "ice.txt").write_bytes(raw)
    doc = load_document(tmp_path / "ice.txt")
    assert doc.title == "Ice" and doc.sections[0].units[0].text == "Leave the ice on for 20 minutes – no longer."


def test_bad_files_are_skipped_with_a_warning_naming_them(corpus_dir, caplog):
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (corpus_dir / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (corpus_dir / "blank.txt").write_text("   \n\n  ")
    with caplog.at_level(logging.WARNING):
        docs = load_corpus(corpus_dir)
    assert [d.id for d in docs] == ["gluteus-medius-syndrome"]
    for name in ("empty.txt", "binary.md", "latin1.txt", "blank.txt"):
        assert any(name in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("make", [
    lambda p: p / "missing",
    lambda p: (p / "file.txt").write_text("x") and p / "file.txt",
    lambda p: p,
])
def test_unusable_corpus_paths_raise_corpus_error(tmp_path, make):
    with pytest.raises(CorpusError):
        load_corpus(make(tmp_path))


def test_several_documents_each_keep_their_own_title():
    docs = load_corpus(LIBRARY)
    assert {d.id: d.title for d in docs} == {"ankle-sprain": "Ankle Sprain, Adult",
                                              "plantar-fasciitis": "Plantar Fasciitis"}


def test_slugify_makes_url_fragments():
    assert slugify("Exercise A: Lunge (hip flexor stretch)") == "exercise-a-lunge-hip-flexor-stretch"
    assert slugify("¿Qué?") == "que"
    assert slugify("!!!") == "section"


def test_headings_without_a_blank_line_and_site_furniture():
    text = ("KNEE PAIN\nHome | Conditions | Knee\nPosted on March 3, 2023 by Staff Writer\n\n"
            "OVERVIEW\nKnee pain is common.\nIt has many causes.\n\nWhat helps?\nRest helps most people.\n"
            "A wrapped line that\nContinues here.\n")
    title, sections = parse_plain(text, "knee")
    assert title == "KNEE PAIN"
    assert [s.heading for s in sections] == ["OVERVIEW", "What helps?"]
    assert [u.text for u in sections[0].units] == ["Knee pain is common.", "It has many causes."]
    assert "A wrapped line that Continues here." in [u.text for u in sections[1].units]


def test_markdown_front_matter_and_tables_are_not_content():
    text = "---\ntitle: Knee\nupdated: 2024-01-01\n---\n\n# Knee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nRest the knee.\n"
    title, sections = parse_markdown(text, "knee")
    assert title == "Knee"
    assert [u.text for s in sections for u in s.units] == ["Rest the knee."]


def test_a_runaway_line_is_cut_into_units_a_chat_can_show_with_offsets_intact():
    # A page flattened to one 2 MB line with no full stop: no answer may quote all of it.
    words = " ".join(f"word{i}" for i in range(300_000))
    text = f"Flattened Page\n\n{words}\n\nShort paragraph here.\n"
    _, sections = parse_plain(text, "flat")
    units = sections[0].units
    assert max(len(u.text) for u in units) <= MAX_UNIT_CHARS
    assert all(text[u.start:u.end] == u.text for u in units)
    assert " ".join(u.text for u in units[:-1]) == words and units[-1].text == "Short paragraph here."


def test_a_runaway_markdown_line_is_cut_where_no_link_or_emphasis_is_half_open():
    words = " ".join(f"word{i} [see the guide on hand washing](https://example.org/{i}) **keep it** up" for i in range(120))
    text = f"# Flattened\n\n{words}\n"
    _, sections = parse_markdown(text, "flat")
    units = sections[0].units
    assert len(units) > 1 and max(len(u.text) for u in units) <= MAX_UNIT_CHARS
    assert not any(mark in u.text for u in units for mark in ("[", "](", "**"))
