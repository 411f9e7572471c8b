"""The synonyms file: groups, one-way entries, phrases, and a corpus folder's own additions."""

from qa_bot.synonyms import Synonyms
from qa_bot.text import stem


def _targets(syn: Synonyms, question: str) -> set[frozenset[str]]:
    return {t for _, _, targets in syn.matches(question.split()) for t in targets}


def test_group_members_map_to_each_other():
    syn = Synonyms(["butt, buttock, gluteal"])
    assert frozenset({stem("buttock")}) in _targets(syn, "my butt hurts")
    assert frozenset({stem("butt")}) in _targets(syn, "gluteal pain")


def test_phrases_match_longest_first_and_by_stem():
    syn = Synonyms(["doctor, health care provider", "take a break, rest"])
    assert frozenset({"health", "care", "provid"}) in _targets(syn, "see the doctor")
    assert frozenset({"rest"}) in _targets(syn, "taking a break from running")


def test_one_way_entries_and_rewrites():
    syn = Synonyms(["u => you", "killing me => pain"])
    assert syn.rewrite("u") == ("you",)
    assert syn.rewrite("you") == ("you",)
    assert frozenset({"pain"}) in _targets(syn, "it is killing me")
    assert not _targets(syn, "pain")


def test_comments_and_blank_lines_are_ignored():
    syn = Synonyms(["# a comment", "", "shot, injection  # trailing comment", ",,"])
    assert frozenset({stem("injection")}) in _targets(syn, "shot")


def test_a_corpus_folder_adds_its_own_file(tmp_path):
    (tmp_path / "synonyms.csv").write_text("zorblat, trigger point\n", encoding="utf-8")
    syn = Synonyms.load(tmp_path)
    assert frozenset({"trigger", "point"}) in _targets(syn, "zorblat")
    assert frozenset({stem("injection")}) in _targets(syn, "shot")  # the bundled vocabulary still applies
