"""Bot.ask end to end: answer shape, verbatim spans, follow-ups, abstention, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.bot import MAX_QUESTION_CHARS, Bot
from qa_bot.errors import InvalidQuestionError, QuestionTooLongError
from qa_bot.models import KINDS

from .verbatim import assert_verbatim


def test_ice_question_answers_with_the_document_sentence_and_citation(bot):
    answer = bot.ask("how long should I ice")
    assert answer.kind == "answer"
    assert answer.answer == "Leave the ice on for 20 minutes, 2–3 times a day."
    cite = answer.citations[0]
    assert (cite.document, cite.title, cite.section) == (
        "gluteus-medius-syndrome", "Gluteus Medius Syndrome", "Follow these instructions at home")
    assert cite.url.startswith("/docs/gluteus-medius-syndrome") and cite.url.endswith("#follow-these-instructions-at-home")


@pytest.mark.parametrize("question", [
    "What increases the risk of gluteus medius syndrome?", "How do I do the bridge exercise?",
    "What are the complications?", "Why do trigger points form?", "how is this treated", "How is this prevented?",
])
def test_answers_are_verbatim_and_offsets_point_at_them(bot, question):
    answer = bot.ask(question)
    assert answer.kind == "answer"
    assert_verbatim(answer, {d.id: d.text for d in bot.documents})


def test_answer_object_has_the_contract_shape(bot):
    data = bot.ask("How is gluteus medius syndrome diagnosed?").to_dict()
    assert set(data) >= {"kind", "answer", "confidence", "citations", "suggestions"}
    assert data["kind"] in KINDS and 0 <= data["confidence"] <= 1
    assert set(data["citations"][0]) >= {"document", "title", "section", "quote", "start", "end", "url"}
    assert all(isinstance(s, str) and s for s in data["suggestions"])


def test_list_question_keeps_the_lead_in_and_items(bot):
    answer = bot.ask("What increases the risk of gluteus medius syndrome?")
    lines = answer.answer.split("\n")
    assert lines[0] == "This condition is more likely to develop in people who:"
    assert "Run on soft or uneven surfaces, such as sand or grass." in lines


def test_followup_uses_history(bot):
    answer = bot.ask("and how many times a day?", ["how long should I ice"])
    assert answer.kind == "answer" and "2–3 times a day" in answer.answer


def test_self_contained_question_ignores_history(bot):
    alone = bot.ask("How is gluteus medius syndrome diagnosed?")
    after = bot.ask("How is gluteus medius syndrome diagnosed?", ["how do I do the bridge exercise?"])
    assert alone.citations[0].section == after.citations[0].section == "How is this diagnosed?"


def test_a_pronoun_question_that_the_document_answers_alone_is_not_pulled_to_the_previous_topic(bot):
    # "this" is the condition, not the misdiagnosis just asked about: read alone, the answer is surer.
    question = "What can I do so this doesn't come back?"
    after = bot.ask(question, ["Why do doctors so often get this wrong at first?"])
    assert after.kind == "answer" and after.citations[0].section == "How is this prevented?"
    assert after.answer == bot.ask(question).answer


def test_a_followup_whose_answer_is_a_blank_stays_with_it(bot):
    # The bridge's "Repeat ____ times" is the clinician's to fill in: not the ice's "2–3 times a day".
    answer = bot.ask("how many times should I do it?", ["how do I do the bridge exercise?"])
    assert answer.kind == "abstain"


def test_unanswerable_question_abstains_kindly_with_topics(bot):
    answer = bot.ask("what is the capital of France")
    assert answer.kind == "abstain"
    assert "couldn't find" in answer.answer and "health care provider" in answer.answer
    assert answer.suggestions and not answer.citations


@pytest.mark.parametrize(("count", "named"), [
    (1, "Sheet 1"), (2, "Sheet 1 and Sheet 2"), (4, "Sheet 1, Sheet 2, Sheet 3 and Sheet 4"),
    (6, "Sheet 1, Sheet 2, Sheet 3 and 3 more documents"),
])
def test_an_abstain_names_the_documents_in_plain_english(tmp_path, count, named):
    for n in range(1, count + 1):
        (tmp_path / f"sheet-{n}.md").write_text(f"# Sheet {n}\n\n## Rest\n\nRest the ankle for {n} days.\n", encoding="utf-8")
    answer = Bot.from_folder(tmp_path).ask("what is the capital of France")
    assert answer.kind == "abstain"
    assert f"find an answer to that in {named}." in answer.answer  # never "and 1 more documents"


def test_fill_in_the_blank_is_not_an_answer(bot):
    assert bot.ask("How many seconds should I hold the bridge?").kind == "abstain"


@pytest.mark.parametrize("question", ["what is the bridge exercise", "bridge", "tell me about the bridge exercise"])
def test_a_question_that_asks_no_value_gets_the_exercise_whole_blanks_and_all(bot, question):
    # The bridge's closest line is "Hold this position for ____ seconds.": withheld only when the value is asked.
    answer = bot.ask(question)
    assert answer.kind == "answer"
    assert answer.answer.startswith("1. Lie on your back on a firm surface")
    assert "Hold this position for __________ seconds." in answer.answer
    assert "Let your muscles relax completely between repetitions." in answer.answer
    assert_verbatim(answer, {d.id: d.text for d in bot.documents})


def test_smalltalk_lists_topics(bot):
    answer = bot.ask("what can you help me with?")
    assert answer.kind == "smalltalk" and "Gluteus Medius Syndrome" in answer.answer
    assert answer.suggestions


def test_greeting_with_a_question_answers_the_question(bot):
    assert bot.ask("hi! how long should I ice?").kind == "answer"


def test_safety_comes_before_retrieval(bot):
    answer = bot.ask("I want to end my life, how long should I ice")
    assert answer.kind == "safety" and "988" in answer.answer and not answer.citations


def test_misspelled_emergency_is_still_an_emergency(bot):
    assert bot.ask("I'm having suicidle thoughts").kind == "safety"


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_blank_questions_are_invalid(bot, question):
    with pytest.raises(InvalidQuestionError):
        bot.ask(question)


def test_too_long_question_is_invalid(bot):
    with pytest.raises(QuestionTooLongError):
        bot.ask("ice " * MAX_QUESTION_CHARS)


@pytest.mark.parametrize("question", [None, 42, ["ice"], b"ice"])
def test_non_text_question_is_invalid(bot, question):
    with pytest.raises(InvalidQuestionError):
        bot.ask(question)


@pytest.mark.parametrize("history", ["how long should I ice", [1, 2], {"a": 1}, 7])
def test_malformed_history_is_invalid(bot, history):
    with pytest.raises(InvalidQuestionError):
        bot.ask("and how often?", history)


@pytest.mark.parametrize("question", ["???", "😀😀", "\u200b\u200b ice", "ﷺ مرحبا", "a" * 1999, "%s%n{0}"])
def test_odd_input_gets_an_answer_object(bot, question):
    assert bot.ask(question).kind in KINDS


def test_each_document_is_cited_by_its_own_title(library_bot):
    ankle = library_bot.ask("How long should I ice my ankle?")
    foot = library_bot.ask("What causes plantar fasciitis?")
    assert ankle.citations[0].title == "Ankle Sprain, Adult"
    assert foot.citations[0].title == "Plantar Fasciitis"


def test_bot_from_documents_list(bot):
    other = Bot(bot.documents)
    assert other.ask("how long should I ice").answer == bot.ask("how long should I ice").answer


def test_a_question_in_a_list_of_questions_to_ask_is_never_the_answer(tmp_path):
    # NCI's page lists "What signs of infection should I look for?" among questions to ask the care team.
    page = Path(__file__).parent.parent / "eval" / "tuning-10" / "corpus" / "nci-infection-neutropenia.txt"
    (tmp_path / page.name).write_bytes(page.read_bytes())
    answer = Bot.from_folder(tmp_path).ask("What are the signs of an infection during cancer treatment?")
    assert "Consider adding these questions" not in answer.answer
    assert answer.kind == "answer" and "chills" in answer.answer and "one or more of these signs:" in answer.answer


def test_a_question_naming_another_documents_subject_is_a_new_topic_not_a_followup(tmp_path):
    (tmp_path / "scabies.txt").write_text(
        "Scabies\n\nHow is it treated?\n\nScabies is treated with a cream that kills the mites.\n\n"
        "Symptoms\n\nScabies causes intense itching, worst at night, and a rash that may cause pain.\n\n"
        "How to apply it\n\nApply the cream to all of the skin from the neck down to the toes.\n", encoding="utf-8")
    (tmp_path / "toxoplasmosis.txt").write_text(
        "Toxoplasmosis\n\nWhat is it?\n\nToxoplasmosis is an infection caused by a parasite found in cat feces "
        "and undercooked meat.\n", encoding="utf-8")
    (tmp_path / "cancer-pain.txt").write_text(
        "Cancer Pain\n\nWhat causes it?\n\nCancer can cause pain when a tumor presses on nerves or bones.\n",
        encoding="utf-8")
    bot = Bot.from_folder(tmp_path)
    history = ["what is scabies", "how is it treated?"]
    assert bot.ask("how do I apply it?", history).citations[0].document == "scabies"  # still a follow-up
    # "pain" is in another document's title, but it names no subject: still about scabies.
    assert bot.ask("does it cause pain?", history).citations[0].document == "scabies"
    switched = bot.ask("what about toxoplasmosis?", history)
    assert switched.citations[0].document == "toxoplasmosis" and "parasite" in switched.answer


@pytest.mark.parametrize("question", ["what is asthma", "what is gluteus medius syndrome"])
def test_a_question_none_of_whose_words_the_documents_use_is_not_answered(tmp_path, question):
    (tmp_path / "bronchitis.txt").write_text(
        "Bronchitis\n\nWhat is bronchitis?\n\nBronchitis is a condition in which the bronchial tubes become "
        "inflamed. These tubes carry air to your lungs.\n\nCauses\n\nSmoking is the major cause of the "
        "condition.\n", encoding="utf-8")
    bot = Bot.from_folder(tmp_path)
    assert bot.ask(question).kind == "abstain"
    assert bot.ask("what is bronchitis").kind == "answer"
    assert bot.ask("what causes it?", ["what is bronchitis"]).kind == "answer"


def test_follow_on_suggestions_stay_with_the_answers_document_and_name_it(tmp_path):
    for name, title, fact in [("gastritis", "Gastritis", "Gastritis is inflammation of the stomach lining."),
                              ("lactose", "Lactose Intolerance", "Lactose intolerance is trouble digesting milk sugar.")]:
        (tmp_path / f"{name}.md").write_text(
            f"# {title}\n\n## What is it?\n\n{fact}\n\n## Points to Remember\n\n{fact} See a doctor if it "
            f"lasts.\n\n## Eating, Diet, and Nutrition\n\nEat smaller meals if you have {title.lower()}.\n",
            encoding="utf-8")
    bot = Bot.from_folder(tmp_path)
    answer = bot.ask("what is gastritis")
    assert answer.citations[0].document == "gastritis" and answer.suggestions
    for suggestion in answer.suggestions:
        assert "Lactose" not in suggestion
        assert bot.ask(suggestion).citations[0].document == "gastritis"



@pytest.mark.parametrize(("pages", "history", "question", "document"), [
    (("sleep-disorders.txt", "crohns-disease.txt"), "what is sleep apnea?", "how is it treated?", "sleep-disorders"),
])
def test_a_followup_stays_in_the_document_the_conversation_is_about(tmp_path, pages, history, question, document):
    for name in pages:
        page = next((Path(__file__).parent.parent / "eval").glob(f"tuning*/corpus/{name}"))
        (tmp_path / name).write_bytes(page.read_bytes())
    bot = Bot.from_folder(tmp_path)
    assert bot.ask(history).citations[0].document == document
    assert bot.ask(question, [history]).citations[0].document == document


def test_a_followup_the_conversation_cannot_answer_is_not_answered_from_another_document(tmp_path):
    for page in (Path(__file__).parent.parent / "eval" / "tuning-8" / "corpus").iterdir():
        (tmp_path / page.name).write_bytes(page.read_bytes())
    bot = Bot.from_folder(tmp_path)
    history = ["what is acute bronchitis?", "how long does it last?"]
    kids = bot.ask("and for kids?", history)
    assert kids.kind == "abstain" or kids.citations[0].document == "bronchitis"
    # ... and the next follow-up is still about bronchitis, not pulled along to another page.
    antibiotics = bot.ask("do I need antibiotics for it?", [*history, "and for kids?"])
    assert antibiotics.citations[0].document == "bronchitis" and "antibiotic" in antibiotics.answer.lower()


def test_an_abstain_in_a_conversation_suggests_what_its_document_answers(tmp_path):
    for page in (Path(__file__).parent.parent / "eval" / "tuning-8" / "corpus").iterdir():
        (tmp_path / page.name).write_bytes(page.read_bytes())
    bot = Bot.from_folder(tmp_path)
    alone = bot.ask("can you recommend a good hotel?")
    assert alone.kind == "abstain" and {s.split()[-1] for s in alone.suggestions} != {"Thrombosis?"}
    in_conversation = bot.ask("can you recommend a good hotel?", ["what is deep vein thrombosis?"])
    assert in_conversation.kind == "abstain" and in_conversation.suggestions
    assert all("Deep Vein Thrombosis" in s for s in in_conversation.suggestions)
    assert all(bot.ask(s).citations[0].document == "deep-vein-thrombosis" for s in in_conversation.suggestions)


@pytest.mark.parametrize("question", ["what exercises can I do?", "what exercises should I do?"])
def test_a_question_asking_for_a_list_is_not_answered_by_a_blank_and_so_not_withheld(bot, question):
    # "What exercises can I do?" landed on "Hold this position for ____ seconds." and was withheld as a blank; now it
    # names every exercise (tests/test_shape.py has how).
    answer = bot.ask(question)
    assert answer.kind == "answer" and "Exercise B: Bridge" in answer.answer and "____" not in answer.answer


@pytest.mark.parametrize(("history", "question", "document"), [
    ("How are rotator cuff injuries diagnosed?", "What is Achilles tendinitis?", "sports-injuries"),
    ("What are the risks of knee replacement surgery?", "What is back pain and what causes it?", "back-pain"),
])
def test_a_self_contained_question_mid_conversation_leaves_the_conversation_s_document(history, question, document):
    # A review's topic switches: a rule that read these as follow-ups kept them on the earlier page.
    bot = Bot.from_folder(Path(__file__).parent.parent / "eval" / "others" / "corpus")
    assert bot.ask(question, [history]).citations[0].document == document
