"""Answers that read right: whole procedures and lists, lead-ins kept, scraped line fragments joined."""

from __future__ import annotations

import pytest

from qa_bot.bot import Bot
from qa_bot.loader import load_document
from qa_bot.query import analyze_question
from qa_bot.shape import shape

from .verbatim import assert_verbatim, shown

HANDOUT = """Knee Sprain: Care at Home

What is a knee sprain?

A knee sprain is a stretch or tear of one of the ligaments that hold the knee together.
Most sprains heal in a few weeks with rest and care at home.

Common signs of a knee sprain are

Pain on the inside or outside of the knee
Swelling that starts within a day
Bruising around the joint
A knee that feels loose or gives way

How do I use a cold pack?

Cold helps with pain and swelling in the first two days. Follow these steps:

  1. Wrap the cold pack in a thin towel.
     • Never put ice or a cold pack straight on your skin.
  2. Rest your leg on a pillow so the knee is above your heart.
  3. Hold the pack on the front and sides of the knee.
  4. Leave it on for 15 to 20 minutes.
  5. Take it off for at least an hour before the next time.

Foods and drinks to limit while you heal

Some foods make swelling worse or slow healing. Limit these foods and drinks:

  • Alcohol
  • Sugary drinks such as soda
  • Sweets and pastries
  • Fried foods
  • Processed meats
  • White bread and white rice
  • Salty snacks such as chips
  • Energy drinks
  • Fast food meals
  • Margarine and shortening
  • Very salty canned soups
  • Packaged snack cakes
  • Sweetened breakfast cereals
  • Instant noodles
  • Deep-fried snacks

Where to learn more

You can read more about
knee braces
on our website, or ask
your physical therapist
which brace is right for you.

Contact your health care provider if:

  • Your pain or swelling gets worse after two days.
  • You cannot bend or straighten your knee.
  • Your knee still feels loose after two weeks.

Get help right away if:

  • Your leg is cold, pale or blue below the knee.
  • You have a fever with a red, hot, swollen knee.
"""


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handout")
    (folder / "knee-sprain.txt").write_text(HANDOUT, encoding="utf-8")
    return Bot.from_folder(folder)


def _bot_with(folder, name: str, text: str) -> Bot:
    """A bot over one document written into ``folder``."""
    (folder / name).write_text(text, encoding="utf-8")
    return Bot.from_folder(folder)


def _texts(bot: Bot) -> dict[str, str]:
    return {d.id: d.text for d in bot.documents}


def test_a_how_to_question_gets_every_step_of_the_procedure_with_its_notes(handout):
    answer = handout.ask("how do I use the cold pack on my knee?")
    assert answer.kind == "answer"
    for step in ("Wrap the cold pack", "Never put ice", "Rest your leg", "Hold the pack", "Leave it on for 15",
                 "Take it off for at least an hour"):
        assert step in answer.answer
    # Steps keep the document's numbers (its own text, inside the spans); a nested note has none.
    lines = answer.answer.split("\n")
    assert [line[:3] for line in lines if line[:1].isdigit()] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    assert "Never put ice or a cold pack straight on your skin." in lines
    assert_verbatim(answer, _texts(handout))


def test_one_step_shown_alone_keeps_no_number(handout):
    answer = handout.ask("what do I wrap the cold pack in")
    assert answer.answer == "Follow these steps:\nWrap the cold pack in a thin towel."
    assert_verbatim(answer, _texts(handout))


def test_a_what_are_question_gets_the_lead_in_and_items_up_to_a_cap_then_how_many_more(handout):
    answer = handout.ask("which foods and drinks should I limit while my knee heals?")
    lines = answer.answer.split("\n")
    assert lines[0].endswith("Limit these foods and drinks:")
    assert lines[1:13] == ["Alcohol", "Sugary drinks such as soda", "Sweets and pastries", "Fried foods",
                           "Processed meats", "White bread and white rice", "Salty snacks such as chips", "Energy drinks",
                           "Fast food meals", "Margarine and shortening", "Very salty canned soups",
                           "Packaged snack cakes"]
    assert lines[-1] == "…and 3 more"
    citation = answer.citations[0]
    assert citation.more == 3 and "Instant noodles" not in citation.quote
    assert citation.url.count("-") >= 2 and "," in citation.url.split("hl=")[1]  # the rest is highlighted too
    assert_verbatim(answer, _texts(handout))


def test_a_list_item_always_comes_with_its_lead_in(handout):
    answer = handout.ask("what if my knee still feels loose after a couple of weeks?")
    assert answer.answer.startswith("Contact your health care provider if:")
    assert "Your knee still feels loose after two weeks." in answer.answer
    assert answer.extra.get("warning") is True
    assert_verbatim(answer, _texts(handout))


def test_a_warning_sign_described_now_is_led_by_what_to_do(handout):
    answer = handout.ask("the swelling has got worse since the day before yesterday")
    assert answer.kind == "answer" and answer.answer.startswith("Contact your health care provider if:")
    assert answer.extra.get("warning") is True


def test_a_lead_in_without_a_colon_is_not_a_heading_and_its_bare_lines_are_items(handout):
    doc = handout.documents[0]
    headings = [s.heading for s in doc.sections]
    assert "Common signs of a knee sprain are" not in headings
    section = next(s for s in doc.sections if s.heading == "What is a knee sprain?")
    kinds = [(section.blocks[u.block].kind, u.text) for u in section.units]
    assert ("item", "Swelling that starts within a day") in kinds
    answer = handout.ask("what are the signs of a sprained knee?")
    assert answer.answer.startswith("Common signs of a knee sprain are")
    assert "Bruising around the joint" in answer.answer


def test_lines_split_by_links_are_one_sentence_with_its_offsets(handout):
    doc = handout.documents[0]
    section = next(s for s in doc.sections if s.heading == "Where to learn more")
    assert [u.text for u in section.units] == [
        "You can read more about knee braces on our website, or ask your physical therapist which brace is right for you."]
    unit = section.units[0]
    assert " ".join(doc.text[unit.start:unit.end].split()) == unit.text


def test_a_heading_that_is_the_lead_in_is_quoted_before_its_item(bot):
    answer = bot.ask("when should I call the doctor?")
    assert answer.answer.split("\n")[0] == "Contact a health care provider if:"
    citation = answer.citations[0]
    text = bot.documents[0].text
    assert text[citation.spans[0][0]:citation.spans[0][1]] == "Contact a health care provider if:"
    assert_verbatim(answer, _texts(bot))


def test_a_run_in_label_stays_with_its_sentence(tmp_path):
    path = tmp_path / "scans.txt"
    path.write_text("Scans\n\nTests\n\nCapsule endoscopy. Although this test can look at the whole digestive tract, "
                    "doctors use it mostly for the small intestine. You swallow a capsule that holds a tiny camera. "
                    "The camera sends pictures to a recorder you wear on a belt for about eight hours. "
                    "You can go about your day while it works, and the capsule passes out of the body on its own.\n",
                    encoding="utf-8")
    units = [u.text for s in load_document(path).sections for u in s.units]
    assert units[0].startswith("Capsule endoscopy. Although this test")
    assert "Capsule endoscopy." not in units


def test_short_answers_stay_short(bot):
    answer = bot.ask("how long should I ice")
    assert answer.answer == "Leave the ice on for 20 minutes, 2–3 times a day."
    assert len(shown(answer)) < 250


SOLIDS = """Starting solid foods

Babies are ready for solid foods at different ages. You can look for these signs that your baby is ready.

Your baby:
• Sits up alone or with support.
• Controls their head and neck.
• Opens their mouth when food comes near.

Foods to try first

Start with soft foods such as mashed banana or iron-fortified cereal.
"""


def test_a_colon_line_after_a_sentence_that_points_ahead_is_the_lists_lead_in_not_a_heading(tmp_path):
    bot = _bot_with(tmp_path, "solids.txt", SOLIDS)
    assert [s.heading for s in bot.documents[0].sections] == ["Starting solid foods", "Foods to try first"]
    answer = bot.ask("what are the signs that my baby is ready for solids?")
    for line in ("Your baby:", "Sits up alone or with support.", "Opens their mouth when food comes near."):
        assert line in answer.answer
    assert_verbatim(answer, _texts(bot))


RISKS = """Needles and safety

Have there been problems?

There have been few problems reported. Problems may come from needles that are not clean. Side effects include the following:

- Soreness during treatment.
- Feeling tired or sleepy.
- Getting an infection.
"""


@pytest.mark.parametrize("question", ["have there been problems reported with the needles?",
                                      "what problems have been reported?"])
def test_sentences_that_run_into_a_list_bring_its_lead_in_and_items(tmp_path, question):
    bot = _bot_with(tmp_path, "needles.md", RISKS)
    answer = bot.ask(question)
    assert answer.answer.startswith("There have been few problems reported.")
    lines = answer.answer.split("\n")
    assert lines[0].endswith("Side effects include the following:")
    assert lines[1:] == ["Soreness during treatment.", "Feeling tired or sleepy.", "Getting an infection."]
    assert_verbatim(answer, _texts(bot))


BREATH_TEST = ("Lactose intolerance\n\nHow is it diagnosed?\n\nA doctor asks about symptoms and may order tests.\n\n"
               "The hydrogen breath test measures hydrogen in the breath. The patient drinks a beverage that "
               "contains lactose. After a few minutes, the patient breathes into a balloon-type container. A health "
               "care provider then measures the hydrogen in the breath. The test is done at a hospital, on an "
               "outpatient basis.\n\nHow is it treated?\n\nMost people can manage the symptoms by changing their diet.\n")


@pytest.mark.parametrize("question", ["How is the hydrogen breath test done?",
                                      "what happens during a hydrogen breath test",
                                      "walk me through the hydrogen breath test start to finish",
                                      "what's the right way to do a hydrogen breath test?"])
def test_a_procedure_told_as_prose_is_shown_to_the_end_of_its_paragraph(tmp_path, question):
    bot = _bot_with(tmp_path, "lactose.txt", BREATH_TEST)
    answer = bot.ask(question)
    assert answer.answer.startswith("The hydrogen breath test measures hydrogen in the breath.")
    for step in ("drinks a beverage", "breathes into a balloon-type container", "measures the hydrogen",
                 "on an outpatient basis"):
        assert step in answer.answer
    assert_verbatim(answer, _texts(bot))


CAST_CARE = """# Caring for a cast at home

## Keep the cast clean and dry

**A cast protects the bone while it heals. Look after it every day.**

Water softens a cast and the skin under it. Follow these four steps every time you shower.

1. Cover the cast with a plastic bag.
2. Seal the top of the bag with tape.
3. Keep the cast out of the water stream.
4. Dry the outside of the bag before you remove it.

## Everyday care

People who care for someone with a cast should also follow these tips:

- **Check the skin around the cast** every day for redness or sores.
- **Keep small objects away**. Never push anything inside the cast to scratch.
- **Raise the arm or leg** on pillows for the first two days.
- **Clean the outside of the cast**.
    - Wipe it with a damp cloth once a day.
    - Let it air dry before covering it.
    - Never use a hair dryer on a hot setting.
- **Move the fingers or toes** often to help the blood flow.
- **Keep the cast away from sand and dirt** at the beach or in the garden.
- **Do not trim or break the edges** of the cast.
- **Keep the cast off hard surfaces** when you sleep.
- **Wear a loose sock** over a leg cast to keep the toes warm.
- **Take the pain medicine** your doctor prescribed as directed.
- **Eat well and drink water** to help the bone heal.
- **Keep all follow-up visits** so the doctor can check the bone.
- **Use crutches or a sling** exactly as you were shown.
- **Ask about exercises** for the joints above and below the cast.
"""


def test_a_sentence_that_points_at_the_steps_after_it_comes_with_them(tmp_path):
    bot = _bot_with(tmp_path, "cast.md", CAST_CARE)
    answer = bot.ask("how do I keep water off my cast?")
    assert "Follow these four steps every time you shower." in answer.answer
    for step in ("Cover the cast", "Seal the top", "out of the water stream", "Dry the outside"):
        assert step in answer.answer
    assert_verbatim(answer, _texts(bot))


def test_how_to_do_one_bullet_of_a_long_list_gets_that_bullet_and_its_own_steps(tmp_path):
    bot = _bot_with(tmp_path, "cast.md", CAST_CARE)
    answer = bot.ask("how should I clean the outside of the cast?")
    lines = answer.answer.split("\n")
    assert lines[0] == "People who care for someone with a cast should also follow these tips:"
    assert lines[1].startswith("… Clean the outside of the cast")
    assert lines[2:] == ["Wipe it with a damp cloth once a day.", "Let it air dry before covering it.",
                         "Never use a hair dryer on a hot setting."]
    assert_verbatim(answer, _texts(bot))


def test_emphasis_over_several_sentences_leaves_no_markers(tmp_path):
    bot = _bot_with(tmp_path, "cast.md", CAST_CARE)
    units = [u.text for s in bot.documents[0].sections for u in s.units]
    assert "A cast protects the bone while it heals." in units and "Look after it every day." in units
    assert not [u for u in units if "**" in u]


DRAIN_CARE = """Caring for Your Surgical Drain

Signs of a problem

A drain site that is not healing well can show one or more of these changes:

• redness that spreads around the tube
• thick yellow or green fluid
• a bad smell from the dressing
• the tube slipping out further than before

Call your surgeon's office if you notice any of these changes. They may ask you to come in the same day.

Emptying the drain

Empty the bulb when it is half full and write down how much fluid came out.
"""


def _ends_with_the_drain_instruction(answer, bot: Bot) -> None:
    """The answer closes with the instruction after the drain's warning list, flagged, verbatim."""
    assert answer.answer.endswith("Call your surgeon's office if you notice any of these changes.")
    assert answer.extra.get("warning") is True
    assert_verbatim(answer, _texts(bot))


def test_a_sign_from_a_list_whose_instruction_follows_it_comes_with_that_instruction(tmp_path):
    bot = _bot_with(tmp_path, "drain.txt", DRAIN_CARE)
    answer = bot.ask("is a bad smell from the dressing a problem?")
    assert answer.answer.startswith("A drain site that is not healing well can show one or more of these changes:")
    assert "a bad smell from the dressing" in answer.answer
    _ends_with_the_drain_instruction(answer, bot)
    whole = bot.ask("what changes can a drain site that is not healing show?")
    assert "the tube slipping out further than before" in whole.answer
    assert whole.answer.endswith("Call your surgeon's office if you notice any of these changes.")


@pytest.mark.parametrize(("message", "sign"), [
    ("my dressing has a bad smell since this morning", "a bad smell from the dressing"),
    ("i think my tube is slipping out further than before", "the tube slipping out further than before"),
])
def test_a_sign_the_writer_has_now_is_led_by_the_instruction_that_follows_its_list(tmp_path, message, sign):
    bot = _bot_with(tmp_path, "drain.txt", DRAIN_CARE)
    answer = bot.ask(message)
    lines = answer.answer.split("\n")
    assert lines[0] == "Call your surgeon's office if you notice any of these changes."
    assert lines[1] == "… A drain site that is not healing well can show one or more of these changes:"
    assert lines[2:] == ["redness that spreads around the tube", "thick yellow or green fluid",  # a short list comes whole
                         "a bad smell from the dressing", "the tube slipping out further than before"]
    assert sign in lines[2:]
    assert answer.extra.get("warning") is True
    assert_verbatim(answer, _texts(bot))
    cite = answer.citations[0]
    assert cite.spans[0][0] > cite.spans[1][0] and cite.quote.startswith("Call your surgeon's office")
    asked = bot.ask(f"is {sign} a problem?")  # asked about, not told: the document's order
    assert asked.answer.startswith("A drain site") and asked.answer.endswith("any of these changes.")


def test_a_follow_up_to_a_sign_the_writer_has_keeps_the_instruction_first(tmp_path):
    bot = _bot_with(tmp_path, "drain.txt", DRAIN_CARE)
    answer = bot.ask("is that a problem?", ["my dressing has a bad smell since this morning"])
    assert answer.answer.startswith("Call your surgeon's office if you notice any of these changes.")
    assert "a bad smell from the dressing" in answer.answer
    assert_verbatim(answer, _texts(bot))


def test_a_warning_list_reached_from_the_sentence_before_its_lead_in_keeps_its_instruction(tmp_path):
    opening = "Infection is the most common problem with a surgical drain. "
    bot = _bot_with(tmp_path, "drain.txt", DRAIN_CARE.replace("A drain site that is not", opening + "A drain site that is not"))
    answer = bot.ask("what are the most common problems with a surgical drain?")
    assert answer.answer.startswith("Infection is the most common problem with a surgical drain.")
    assert "the tube slipping out further than before" in answer.answer
    _ends_with_the_drain_instruction(answer, bot)


def test_a_warning_list_cut_short_still_gives_its_instruction_first(tmp_path):
    signs = "\n".join(f"• sign number {n} of a drain that is not healing" for n in range(1, 16))
    bot = _bot_with(tmp_path, "drain.txt", DRAIN_CARE.replace(
        "• the tube slipping out further than before", "• the tube slipping out further than before\n" + signs))
    answer = bot.ask("what changes can a drain site that is not healing show?")
    lines = answer.answer.split("\n")
    assert lines[0] == "Call your surgeon's office if you notice any of these changes."
    assert lines[-1].startswith("…and ") and answer.citations[0].more > 0
    assert answer.extra.get("warning") is True
    assert_verbatim(answer, _texts(bot))


@pytest.mark.parametrize("after", [
    "Most of these changes settle by themselves.",
    "If you have any questions about your dressing, call your surgeon's office.",
    "Call your surgeon's office if you cannot keep your appointment.",
    "Get help from family and friends with the housework, and take care of yourself.",
    "Call your surgeon right away if you have:\n\n• a fever over 101 °F",  # the next list's lead-in
])
def test_a_list_followed_by_plain_advice_is_no_warning(tmp_path, after):
    bot = _bot_with(tmp_path, "drain.txt", DRAIN_CARE.replace(
        "Call your surgeon's office if you notice any of these changes.", after))
    answer = bot.ask("is a bad smell from the dressing a problem?")
    assert "a bad smell from the dressing" in answer.answer
    assert after.split("\n")[0] not in answer.answer and not answer.extra.get("warning")


GEL_GUIDE = """Using a cooling gel

When gel helps

**Cooling gel can ease a sprain in the first two days. However,**
- Gel does not reduce the swelling inside the joint.
- Gel may sting on broken or scraped skin.
- Gel cannot replace rest and raising the leg.
"""


def test_a_lead_in_that_is_only_a_fragment_comes_with_the_sentence_before_it(tmp_path):
    bot = _bot_with(tmp_path, "gel.md", GEL_GUIDE)
    answer = bot.ask("will the gel sting if my skin is scraped?")
    assert answer.answer.startswith("Cooling gel can ease a sprain in the first two days. However,\n")
    assert "Gel may sting on broken or scraped skin." in answer.answer
    assert_verbatim(answer, _texts(bot))


KNEE_REVISION = """After knee replacement

Problems later on

Most knees last many years. Some people need a second operation on the new joint. This can happen when problems develop, such as:

- The new joint works loose from the bone.
- An infection settles around the new joint.
- The kneecap slips out of place.
"""


def test_a_lead_in_that_names_its_subject_only_by_referring_back_comes_with_the_sentence_it_refers_to(tmp_path):
    bot = _bot_with(tmp_path, "knee.txt", KNEE_REVISION)
    answer = bot.ask("my kneecap keeps slipping out of place, could that mean more surgery?")
    # "This can happen when" is about the second operation: the sentence that says so comes first.
    assert answer.answer.startswith("Some people need a second operation on the new joint. This can happen when")
    assert "The kneecap slips out of place." in answer.answer
    assert "Most knees last many years." not in answer.answer
    assert_verbatim(answer, _texts(bot))


HYDROGEN = ("- Hydrogen breath test. It measures hydrogen in the breath. The patient drinks a beverage that contains "
            "lactose. After a few minutes, the patient breathes into a balloon-type container. A health care "
            "provider then measures the hydrogen. The test is done at a hospital, on an outpatient basis, and takes "
            "two to three hours in all.")
TESTS_LIST = f"""# Lactose intolerance

## How is it diagnosed?

A doctor may use one of these tests:

- Blood test. A nurse takes a small sample of blood from your arm.
- Stool test. A stool sample shows how well the body digests lactose in young children.
{HYDROGEN}
- Elimination diet. You stop eating foods with lactose for two weeks.
""" + "".join(f"- Other test {n}. {'This test is rarely needed and is described in the full guide. ' * 4}\n"
                for n in range(1, 6))


def test_how_a_test_told_in_one_bullet_works_gets_the_whole_bullet(tmp_path):
    (tmp_path / "lactose.md").write_text(TESTS_LIST, encoding="utf-8")
    section = load_document(tmp_path / "lactose.md").sections[0]
    best = next(j for j, u in enumerate(section.units) if u.text.startswith("The patient drinks"))
    shown = [section.units[j].text for j in shape(section, best, heading_led=False, form="procedure").units]
    assert shown[0] == "A doctor may use one of these tests:"
    assert " ".join(shown[1:]) == ("Hydrogen breath test. It measures hydrogen in the breath. The patient drinks a "
                                   "beverage that contains lactose. After a few minutes, the patient breathes into a "
                                   "balloon-type container. A health care provider then measures the hydrogen. The "
                                   "test is done at a hospital, on an outpatient basis, and takes two to three hours "
                                   "in all.")


@pytest.mark.parametrize(("question", "form"), [
    ("what changes should I watch for at the drain site?", "list"),
    ("which foods can make the swelling worse?", "list"),
    ("what questions should I ask my surgeon?", "list"),
    ("which health conditions put someone at higher risk of a knee sprain?", "list"),
    ("what kinds of braces help a sprained knee?", "list"),
    ("which combinations of ice and rest can speed healing?", "list"),
    ("who is at higher risk of spraining a knee?", "list"),
    ("what sport makes a sprain more likely?", None),
    ("who should I call if the swelling gets worse?", None),
    ("what if the exercises make it worse?", None),
    ("what does the brace help with?", None),
    ("what's the right way to empty the drain?", "procedure"),
    ("what does the drain do?", None),
    ("what virus can cause a drain infection?", None),
    ("is there a safe way to shower with a drain?", None),
    ("what happens if the tube slips out?", None),
    ("what is a drain?", None),
])
def test_the_wording_says_what_shape_of_answer_is_asked_for(handout, question, form):
    assert analyze_question(question, handout.index, handout.speller, handout.synonyms).form == form


@pytest.mark.parametrize("question", ["what happens, step by step, when the knee is wrapped?",
                                      "walk me through wrapping the knee from start to finish"])
def test_words_that_ask_for_every_step_are_no_search_words(handout, question):
    query = analyze_question(question, handout.index, handout.speller, handout.synonyms)
    assert query.form == "procedure"
    assert {w.word for w in query.words} & {"step", "walk", "start", "finish", "through"} == set()
    assert "knee" in {w.word for w in query.words}


def test_every_step_of_walking_is_still_a_search_word(handout):
    query = analyze_question("my knee hurts with every step", handout.index, handout.speller, handout.synonyms)
    assert "step" in {w.word for w in query.words}


def test_a_short_lead_in_that_says_what_to_do_stands_alone(tmp_path):
    bot = _bot_with(tmp_path, "gel.md", GEL_GUIDE.replace("**Cooling gel can ease a sprain in the first two days. "
                                                          "However,**", "Gel is easy to use. Call 911 if:"))
    answer = bot.ask("will the gel sting if my skin is scraped?")
    assert answer.answer.startswith("Call 911 if:") and "Gel is easy to use." not in answer.answer


CHECK_LIST = """Living with kidney stones

Signs and symptoms

Check with your doctor if you have any of the following:

• blood in the urine
• a pain in the side that does not go away

Getting around at home

Speak to your care team about equipment that may help with daily activities, such as:

• a raised toilet seat
• a shower chair

A short quiz

Answer these questions about your drinking habits:

• Do you drink more than you meant to?
• Have friends told you to cut down?

If you answered yes to any of these questions, talk with your health care provider.
"""


@pytest.mark.parametrize(("question", "warning"), [
    ("is blood in the urine something to worry about?", True),  # "Check with your doctor if ...:"
    ("would a shower chair help me?", False),  # "Speak to your care team about ...": a topic, not a sign
])
def test_whom_a_lead_in_sends_the_reader_to_and_why_decides_the_warning(tmp_path, question, warning):
    bot = _bot_with(tmp_path, "stones.txt", CHECK_LIST)
    answer = bot.ask(question)
    assert answer.kind == "answer" and bool(answer.extra.get("warning")) is warning
    assert_verbatim(answer, _texts(bot))


def test_an_instruction_to_talk_with_someone_after_a_list_closes_it(tmp_path):
    bot = _bot_with(tmp_path, "stones.txt", CHECK_LIST)
    answer = bot.ask("have friends told you to cut down on drinking?")
    assert "Have friends told you to cut down?" in answer.answer
    assert answer.answer.endswith("If you answered yes to any of these questions, talk with your health care provider.")
    assert answer.extra.get("warning") is True


def test_a_section_answered_from_its_start_never_stops_at_a_lead_in(tmp_path):
    (tmp_path / "infection.txt").write_text(
        "Infection during Cancer Treatment\n\nAn infection is the invasion and growth of germs in the body, such as "
        "bacteria, viruses, yeast, or other fungi. An infection can begin anywhere in the body, may spread "
        "throughout the body, and can cause one or more of these signs:\n\n• fever of 100.5 °F or higher\n• chills\n"
        "• cough or sore throat\n\nCall your health care team if you have signs of an infection.\n", encoding="utf-8")
    section = load_document(tmp_path / "infection.txt").sections[0]
    # The heading is what the question matches: the answer is the section's start, which runs into its list.
    texts = [section.units[j].text for j in shape(section, 0, heading_led=True, form=None).units]
    assert texts[1].endswith("one or more of these signs:")
    assert texts[2:] == ["fever of 100.5 °F or higher", "chills", "cough or sore throat",
                         "Call your health care team if you have signs of an infection."]


def test_a_lead_in_with_no_list_after_it_never_ends_a_section_s_start(tmp_path):
    (tmp_path / "infection.md").write_text(
        "# Infection during Treatment\n\nAn infection is the growth of germs in the body. Remember this rule:\n\n"
        "Germs spread on hands, so wash them often. Wash before you eat.\n\nCall your team if you have a fever.\n",
        encoding="utf-8")
    section = load_document(tmp_path / "infection.md").sections[0]
    texts = [section.units[j].text for j in shape(section, 0, heading_led=True, form=None).units]
    assert texts[:2] == ["An infection is the growth of germs in the body.", "Remember this rule:"]
    assert texts[2] == "Germs spread on hands, so wash them often."


THINNERS = """Blood Thinners

Side effects

The most common side effect of blood thinners is bleeding. Bleeding can happen if the medicine thins your blood too much.

People treated with blood thinners usually have regular blood tests. These tests are called PT and PTT tests.

These tests help your doctor find the right amount of medicine. Call your doctor if you have questions about them.
Tell your doctor if you have ever been to the emergency room for bleeding.

Watch for signs of bleeding. Call your doctor right away if you have easy bruising or bleeding.
"""


def test_a_sections_instruction_to_get_help_at_once_comes_with_any_answer_from_it(tmp_path):
    bot = _bot_with(tmp_path, "thinners.txt", THINNERS)
    answer = bot.ask("what are the side effects of blood thinners")
    assert answer.answer.startswith("The most common side effect of blood thinners is bleeding.")
    assert answer.answer.endswith("\n… Call your doctor right away if you have easy bruising or bleeding.")
    assert_verbatim(answer, {"thinners": THINNERS})
    assert "questions about them" not in answer.answer  # an instruction that is not urgent stays where it is
    assert "emergency room" not in answer.answer


def test_a_sentence_that_qualifies_the_one_before_it_comes_with_it(tmp_path):
    text = ("Acute Bronchitis\n\nHow long does it last?\n\nAcute bronchitis lasts from a few days to 10 days. "
            "However, coughing may last for several weeks after the infection is gone.\n")
    answer = _bot_with(tmp_path, "bronchitis.txt", text).ask("can the coughing go on for weeks after the infection")
    assert answer.answer == ("Acute bronchitis lasts from a few days to 10 days. However, coughing may last for several "
                             "weeks after the infection is gone.")
    assert_verbatim(answer, {"bronchitis": text})


def test_steps_typed_with_numbers_that_do_not_count_up_are_shown_without_them(tmp_path):
    text = "# Cold Pack\n\n## How do I use a cold pack?\n\n1. Wrap the pack in a towel.\n1. Hold it on the knee.\n" \
           "1. Take it off after 20 minutes.\n"
    answer = _bot_with(tmp_path, "cold.md", text).ask("how do I use a cold pack?")
    assert answer.answer.split("\n") == ["Wrap the pack in a towel.", "Hold it on the knee.", "Take it off after 20 minutes."]
    assert_verbatim(answer, {"cold": text})


BLEEDING = """Stomach Problems

Seek help for bleeding in the stomach

Signs of bleeding in the stomach include:

- black, tarry stools
- vomit that looks like coffee grounds
- feeling faint

A person with any signs of bleeding in the stomach should call or see a health care provider right away.

When to see someone about gas

A health care provider should be consulted if:

- gas is bothersome
- gas comes with weight loss

Wound care

Call your doctor right away if:

- the wound is red and swollen
- pus drains from the wound
- the edges pull apart

Call 911 if you have trouble breathing or chest pain.

Heat rash

Signs of heat rash include:

- small red bumps
- itching

Most people with these signs do not need to see a doctor. You should not go to the emergency room if you only have
a heat rash. Your nurse should call you right away with your test results.
"""


@pytest.mark.parametrize(("question", "must"), [
    ("what are the signs of bleeding in the stomach",
     "A person with any signs of bleeding in the stomach should call or see a health care provider right away."),
    ("when should I see someone about gas", "A health care provider should be consulted if:"),
    ("when should I call my doctor about my wound", "Call 911 if you have trouble breathing or chest pain."),
])
def test_a_warning_list_always_says_what_to_do(tmp_path, question, must):
    bot = _bot_with(tmp_path, "stomach.txt", BLEEDING)
    answer = bot.ask(question)
    assert must in answer.answer and answer.extra.get("warning") is True
    assert_verbatim(answer, {"stomach": BLEEDING})



def test_sentences_that_only_look_like_instructions_are_not_carried_or_flagged(tmp_path):
    bot = _bot_with(tmp_path, "stomach.txt", BLEEDING)
    answer = bot.ask("what are the signs of heat rash")
    assert "small red bumps" in answer.answer and not answer.extra.get("warning")
    for sentence in ("do not need to see a doctor", "should not go to the emergency room", "should call you right away"):
        assert sentence not in answer.answer



PREPARING = """Knee Surgery

Preparing for knee surgery

You can do several things before knee surgery to help you recover.

- Ask your surgeon about exercises for your leg muscles.
- Arrange for a ride home from the hospital.
- Set up a room where you will rest. You may want to:
  - Keep your phone and medicine close by.
  - Put things you use every day at arm's level.
- Prepare meals in advance.
"""


def test_a_how_to_question_landing_on_a_step_with_sub_steps_gets_every_step(tmp_path):
    answer = _bot_with(tmp_path, "knee.txt", PREPARING).ask("how do I set up a room to rest in before knee surgery")
    assert answer.answer.startswith("You can do several things before knee surgery to help you recover.")
    for step in ("Ask your surgeon", "Arrange for a ride", "Keep your phone", "Prepare meals in advance."):
        assert step in answer.answer
    assert_verbatim(answer, {"knee": PREPARING})


MILK = """Storing pumped milk

Freshly pumped milk can be kept:
• At room temperature for up to 4 hours.
• In the refrigerator for up to 4 days.
• In the freezer for about 6 months.

Thawing milk

Thaw frozen milk overnight in the refrigerator or in a bowl of warm water.
"""


def test_one_item_of_a_short_list_comes_with_the_whole_list(tmp_path):
    # Two of three storage times, shown alone, would read as the only ones.
    bot = _bot_with(tmp_path, "milk.txt", MILK)
    answer = bot.ask("how long does pumped milk last in the fridge?")
    assert answer.answer.startswith("Freshly pumped milk can be kept:")
    for item in ("At room temperature for up to 4 hours.", "In the refrigerator for up to 4 days.",
                 "In the freezer for about 6 months."):
        assert item in answer.answer
    assert_verbatim(answer, _texts(bot))


AFTER_VISIT = """After your visit

• Walk for 10 minutes each day.
• Bring your medication list to your follow-up appointment.
• If you have severe pain or yellow skin, go to the emergency department.

Bathing

You can shower after two days.
"""


def test_loose_bullets_under_a_heading_are_separate_facts_not_a_short_list(tmp_path):
    # Without a lead-in that says what the items are, the others would bury the one that answers.
    bot = _bot_with(tmp_path, "visit.txt", AFTER_VISIT)
    answer = bot.ask("what should I do if my skin turns yellow?")
    assert answer.answer.startswith("If you have severe pain or yellow skin, go to the emergency department.")
    assert "Walk for 10 minutes each day." not in answer.answer
    assert_verbatim(answer, _texts(bot))


TUBE = """Cleaning the tube site

Clean the skin around the tube once a day.

• Wash your hands with soap and water.
• Wet a cotton swab with saline.
• Wipe around the tube in small circles.
• Let the skin dry in the air.

Bathing

You can shower after two days.
"""

_STEP = ("hold the clean gauze gently in place with one hand while you smooth the tape flat with the other, so the edges "
         "stay sealed against the skin.")
DRESSING = ("Changing the dressing\n\nChange the dressing every second day. Follow these steps:\n\n"
            + "\n".join(f"  {n}. Step {n} of the dressing change: {_STEP}" for n in range(1, 13))
            + "\n\nBathing\n\nYou can shower after two days.\n")


def test_steps_set_out_as_bullets_after_a_sentence_are_the_procedure(tmp_path):
    bot = _bot_with(tmp_path, "tube.txt", TUBE)
    answer = bot.ask("how do I clean the skin around the tube each day?")
    for step in ("Wash your hands with soap and water.", "Wet a cotton swab with saline.",
                 "Wipe around the tube in small circles.", "Let the skin dry in the air."):
        assert step in answer.answer
    assert_verbatim(answer, _texts(bot))


def test_a_long_procedure_is_shown_to_its_last_step(tmp_path):
    # Twelve steps of 180 characters: past the 1,500 a list may take, within the 2,500 a procedure may.
    bot = _bot_with(tmp_path, "dressing.txt", DRESSING)
    answer = bot.ask("how do I change the dressing?")
    assert "Step 12 of the dressing change" in answer.answer
    assert answer.citations[0].more == 0
    assert_verbatim(answer, _texts(bot))


NERVES = """# Nerve Problems

## What nerve problems feel like

Some cancer treatments damage nerves.

Changes in your hands and feet may include:

- tingling or numbness in your fingers or toes
- a burning feeling in your feet that gets worse at night

Other changes may include:

- constipation that lasts more than a few days
- feeling dizzy when you stand up

If you have any of the problems listed above, talk with your doctor or nurse.
"""


def test_an_instruction_after_several_lists_closes_each_of_them(tmp_path):
    (tmp_path / "nerves.md").write_text(NERVES, encoding="utf-8")
    section = load_document(tmp_path / "nerves.md").sections[0]
    first = next(j for j, u in enumerate(section.units) if u.text.startswith("a burning feeling"))
    texts = [section.units[j].text for j in shape(section, first, heading_led=False, form=None, own_state=True).units]
    # The item is from the first list; the instruction after the second one is about both.
    assert "Changes in your hands and feet may include:" in texts and "a burning feeling" in " ".join(texts)
    assert texts[-1] == "If you have any of the problems listed above, talk with your doctor or nurse."
    # A list whose own lead-in sends the reader to someone closes nothing beyond it.
    (tmp_path / "nerves.md").write_text(NERVES.replace("Other changes may include:", "Call your doctor right away if you have:"),
                                        encoding="utf-8")
    section = load_document(tmp_path / "nerves.md").sections[0]
    texts = [section.units[j].text for j in shape(section, first, heading_led=False, form=None).units]
    assert not any("listed above" in t for t in texts)


def test_past_several_lists_only_words_that_point_back_at_all_of_them_close_them(tmp_path):
    # A review's diet page: "these signs" is about the last list alone, never the foods before it.
    (tmp_path / "diet.md").write_text(
        "# Diabetes and Food\n\n## Eating well\n\nFoods to eat more often include:\n\n- vegetables\n- beans\n\n"
        "Signs of low blood sugar include:\n\n- shaking\n- sweating\n\n"
        "If you have any of these signs, check your blood sugar and call your doctor.\n", encoding="utf-8")
    section = load_document(tmp_path / "diet.md").sections[0]
    beans = next(j for j, u in enumerate(section.units) if u.text == "beans")
    shaking = next(j for j, u in enumerate(section.units) if u.text == "shaking")
    assert not any("call your doctor" in section.units[j].text for j in shape(section, beans, False, None).units)
    assert "call your doctor" in section.units[shape(section, shaking, False, None).units[-1]].text


SKIN = """# Skin Changes

## Problems to call about

Make note of all problems you should call your health care team about.

**Skin changes:**

- blisters
- peeling or crusty skin
- swollen skin

**Nail changes:**

- cracked nails
- yellow nails

## During radiation

Let your health care team know if you notice any skin changes so they can be treated promptly.

- Radiation can make the skin in the treated area dry and red.
- Some people get sores that become wet and painful.

## Caring for your skin

Talk with your nurse about which lotions to use.

**Good habits:**

- Use mild soap.
- Pat your skin dry.
"""


def test_an_instruction_before_a_list_s_bare_label_goes_with_its_items(tmp_path):
    # "Skin changes:" names the list; the sentence before it says what the items are for: calling the care team.
    bot = _bot_with(tmp_path, "skin.md", SKIN)
    answer = bot.ask("I have cracked nails, should I tell someone?")
    assert answer.answer.startswith("Make note of all problems you should call your health care team about.")
    assert "cracked nails" in answer.answer and answer.extra.get("warning")
    assert_verbatim(answer, _texts(bot))


def _shown_from(path, text: str, section: int, unit: str) -> tuple[list[str], bool]:
    """The texts shown for the unit starting ``unit`` of a document's section, as one fact, and whether it warns."""
    path.write_text(text, encoding="utf-8")
    found = load_document(path).sections[section]
    j = next(j for j, u in enumerate(found.units) if u.text.startswith(unit))
    result = shape(found, j, heading_led=False, form=None)
    return [found.units[k].text for k in result.units], result.warning


def test_an_instruction_right_before_a_list_without_a_lead_in_goes_with_its_items(tmp_path):
    texts, warning = _shown_from(tmp_path / "skin.md", SKIN, 1, "Some people get sores")
    assert texts[0].startswith("Let your health care team know if you notice")
    assert warning


def test_advice_before_a_label_that_sends_no_one_anywhere_is_no_instruction(tmp_path):
    # "Talk with your nurse about which lotions" is about a topic: the habits under "Good habits:" are no warning signs.
    texts, warning = _shown_from(tmp_path / "skin.md", SKIN, 2, "Use mild soap.")
    assert not warning and not any("Talk with your nurse" in t for t in texts)


LUNGS = """# Late Effects

## Lung Problems

Radiation therapy to the chest, given alone or together with some kinds of chemotherapy, may damage the lungs,
and you might not notice any problems with your breathing until many years after the treatment has ended.
Lung damage can cause shortness of breath, wheezing, fever, a dry cough, congestion and feeling tired all day.
Tell your doctor if you have any of these symptoms.

You may have tests to find the cause.
"""


def test_when_to_call_is_answered_by_the_instruction_and_what_it_points_back_to(tmp_path):
    bot = _bot_with(tmp_path, "lungs.md", LUNGS)
    answer = bot.ask("when should I tell my doctor about wheezing after chest radiation?")
    assert answer.answer == ("Lung damage can cause shortness of breath, wheezing, fever, a dry cough, congestion and "
                             "feeling tired all day. Tell your doctor if you have any of these symptoms.")
    assert_verbatim(answer, _texts(bot))
    # Asked what, not when, the same section answers without the instruction's reframing.
    assert "Tell your doctor" not in bot.ask("how long after chest radiation can lung damage show up?").answer


TIREDNESS = """# Fatigue

## Managing tiredness

Treatment can cause side effects such as:

- tiredness
- poor sleep

Call your doctor if you have any of these side effects.

**Tips for managing tiredness:**

- Take short walks.
- Rest between tasks.
"""


def test_an_instruction_that_closes_one_list_is_not_the_next_label_s(tmp_path):
    # A review's layout: the call-your-doctor line closes the side effects, not the tips after "Tips for …:".
    texts, warning = _shown_from(tmp_path / "tired.md", TIREDNESS, 0, "Take short walks.")
    assert not warning and not any("Call your doctor" in t for t in texts)


def test_a_section_that_introduces_the_exercises_after_it_names_them(bot):
    # The shape issue's own example: "These exercises build strength …" alone named none of them.
    answer = bot.ask("what are the strengthening exercises?")
    assert answer.answer.startswith("These exercises build strength and endurance in your hip and pelvis.")
    for name in ("Exercise B: Bridge", "Exercise C: Straight leg raises", "Exercise D: Hip abductors",
                 "Exercise E: Single leg stand"):
        assert name in answer.answer
    assert "Exercise A" not in answer.answer and "Clinical Pearls" not in answer.answer
    assert answer.citations[0].section == "Strengthening exercises"
    assert_verbatim(answer, _texts(bot))


STRETCHES = """# Neck Care

## Stretches to do each day

Do these stretches slowly, once in the morning and once at night.

### Chin tuck

Pull your chin straight back and hold for 5 seconds.

### Side bend

Tip your ear toward your shoulder and hold for 10 seconds.

## When to call your doctor

Call your doctor if the pain spreads down your arm.
"""


def test_markdown_sub_headings_are_the_items_of_the_section_above_them(tmp_path):
    bot = _bot_with(tmp_path, "neck.md", STRETCHES)
    answer = bot.ask("what stretches should I do each day?")
    assert answer.answer.splitlines()[-2:] == ["Chin tuck", "Side bend"]
    assert "When to call your doctor" not in answer.answer
    assert_verbatim(answer, _texts(bot))


def test_a_question_about_the_exercises_lists_every_one_from_the_section_that_introduces_them(bot):
    # "What exercises can I do?" used to get one exercise's steps: the question names none of them.
    answer = bot.ask("what exercises can I do?")
    assert answer.citations[0].section == "Gluteus Medius Syndrome Rehabiliation"
    names = [line for line in answer.answer.splitlines() if line.startswith("Exercise ")]
    assert [n.split(":")[0] for n in names] == ["Exercise A", "Exercise B", "Exercise C", "Exercise D", "Exercise E"]
    assert "Strengthening exercises" in answer.answer and "Clinical Pearls" not in answer.answer
    assert_verbatim(answer, _texts(bot))
    # One named by a word of its own stays itself.
    assert bot.ask("what does the bridge exercise work?").citations[0].section == "Exercise B: Bridge (hip extensors)"


CARE = """Wound Care at Home

Caring for your wound

These tips help the wound heal without infection.

Tip 1: Keep it dry

Cover the dressing with plastic when you shower.

Tip 2: Eat well

Protein helps new skin grow.

Tip 3: Rest

Sleep gives the body time to repair.

When to call your doctor

Call your doctor if the wound smells bad.
"""


def test_a_plain_text_series_of_headings_is_the_list_of_the_section_before_it(tmp_path):
    bot = _bot_with(tmp_path, "wound.txt", CARE)
    answer = bot.ask("what are the tips for caring for my wound?")
    assert answer.citations[0].section == "Caring for your wound"
    assert answer.answer.splitlines()[-3:] == ["Tip 1: Keep it dry", "Tip 2: Eat well", "Tip 3: Rest"]
    assert_verbatim(answer, _texts(bot))
