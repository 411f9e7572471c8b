"""Text analysis: the same normalisation for documents and questions."""

from qa_bot.text import analyze, normalize, words


def test_normalize_folds_case_apostrophes_dashes_and_invisible_characters():
    assert normalize("Don’t\u200b STOP — now") == "dont stop - now"


def test_analyze_drops_stopwords_and_stems():
    assert analyze("How long should I leave the ice on?") == ["long", "leav", "ice"]
    assert analyze("injections") == analyze("injection") == ["inject"]


def test_words_keep_numbers_and_split_on_punctuation():
    assert words("2–3 times a day") == ["2", "3", "times", "a", "day"]


def test_words_match_nltks_regexp_tokenizer():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from nltk.tokenize import RegexpTokenizer

    tokenizer = RegexpTokenizer(r"[^\W_]+")

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=80))
    def check(text):
        assert words(text) == tokenizer.tokenize(normalize(text))

    check()
