"""Headings as questions a person would ask, and the conversation openers built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.bot import Bot
from qa_bot.question_forms import question_form, subject

DATA = Path(__file__).resolve().parent / "data"
CORPORA = ["library", "back", "elbow", "shoulder"]


@pytest.mark.parametrize(("heading", "title", "question"), [
    # imperative headings
    ("Follow these instructions at home:", "Low Back Pain", "How do I follow the instructions at home?"),
    ("Taking care of your cast", "Broken Arm", "How do I take care of my cast?"),
    ("Managing pain, stiffness, and swelling", "Ankle Sprain, Adult", "How do I manage pain, stiffness, and swelling?"),
    ("Using crutches", "Ankle Sprain, Adult", "How do I use crutches?"),
    ("Preparing for Hip Replacement Surgery", "Hip Replacement", "How do I prepare for Hip Replacement surgery?"),
    ("Monitoring your blood sugar", "Diabetes", "How do I monitor my blood sugar?"),
    ("Overview of Hip Replacement Surgery", "Hip Replacement", "What should I know about Hip Replacement surgery?"),
    ("Overview of Gout", "Gout", "What is Gout?"),
    ("eGFR and kidney health", "Kidney Disease", "What should I know about eGFR and kidney health?"),
    ("How to use an inhaler", "Asthma", "How do I use an inhaler?"),
    # warning-sign lead-ins and "when to"
    ("Contact a health care provider if", "Plantar Fasciitis",
     "When should I contact a health care provider about Plantar Fasciitis?"),
    ("Get help right away if:", "Low Back Pain", "When should I get help right away?"),
    ("Call 911 if", "Stroke", "When should I call 911?"),
    ("When to get help", "Shoulder Bursitis", "When should I get help?"),
    # noun-phrase headings
    ("Causes", "Shoulder Bursitis", "What causes Shoulder Bursitis?"),
    ("Symptoms", "Shoulder Bursitis", "What are the symptoms of Shoulder Bursitis?"),
    ("Signs and symptoms", "Gout", "What are the symptoms of Gout?"),
    ("Treatment", "Gout", "What is the treatment for Gout?"),
    ("Outlook", "Gout", "What is the outlook for Gout?"),
    ("Prevention", "Gout", "How can Gout be prevented?"),
    ("Risk factors", "Gout", "What increases the risk of Gout?"),
    ("Medicines", "Gout", "Which medicines help with Gout?"),
    ("Clinical Pearls", "Gluteus Medius Syndrome", "What should I know about clinical pearls for Gluteus Medius Syndrome?"),
    # exercises
    ("Exercise B: Bridge (hip extensors)", "Gluteus Medius Syndrome", "How do I do the bridge exercise?"),
    ("Towel stretch", "Plantar Fasciitis", "How do I do the towel stretch?"),
    ("Strengthening exercises", "Gluteus Medius Syndrome",
     "Which strengthening exercises help with Gluteus Medius Syndrome?"),
    # question headings get their subject
    ("How is this treated?", "Ankle Sprain, Adult", "How is Ankle Sprain treated?"),
    ("What are the causes?", "Plantar Fasciitis", "What are the causes of Plantar Fasciitis?"),
    ("What increases the risk?", "Plantar Fasciitis", "What increases the risk of Plantar Fasciitis?"),
    ("Is it serious?", "Gout", "Is Gout serious?"),
    ("What is Gluteus Medius Syndrome", "Gluteus Medius Syndrome", "What is Gluteus Medius Syndrome?"),
    # a title that is itself a question is asked as it stands; it is no subject for the other headings
    ("How do I care for someone who's sick?", "How do I care for someone who's sick?",
     "How do I care for someone who's sick?"),
    ("", "When and how do I properly wash my hands?", "When and how do I properly wash my hands?"),
    ("Causes", "How do I care for someone who's sick?", "What should I know about causes?"),
    ("Strengthening exercises", "How to stay strong", "Which strengthening exercises should I do?"),
    ("When to see a doctor", "What is gout?", "When should I see a doctor?"),
    # any verb addressed to the reader, and Title Case calmed inside the question
    ("Wash your hands often to stay healthy", "Handwashing", "How do I wash my hands often to stay healthy?"),
    ("Reduce the Amount of Acid in the Stomach", "Gastritis", "How do I reduce the amount of acid in the stomach?"),
    ("How to Put in Eye Drops", "Glaucoma", "How do I put in eye drops?"),
    ("Things your doctor may ask", "Gout", "What should I know about things your doctor may ask for Gout?"),
    ("Treatment your doctor may suggest", "Gout", "What should I know about treatment your doctor may suggest for Gout?"),
    ("Visit your doctor", "Gout", "How do I visit my doctor?"),
    ("How to use Ventolin", "Asthma", "How do I use Ventolin?"),
    ("Managing Your Blood Sugar", "Diabetes", "How do I manage my blood sugar?"),
    # ... and a title only when it asks: "May-Thurner Syndrome" is a subject
    ("Symptoms", "May-Thurner Syndrome", "What are the symptoms of May-Thurner Syndrome?"),
    ("What you need to know", "How do I care for someone who's sick?", "What should I know?"),
    # all-caps headings and titles
    ("WHEN TO SEE A DOCTOR", "TENNIS ELBOW (LATERAL EPICONDYLITIS)", "When should I see a doctor about Tennis Elbow?"),
    ("OVERVIEW", "TENNIS ELBOW (LATERAL EPICONDYLITIS)", "What is Tennis Elbow?"),
    ("CAUSES", "TENNIS ELBOW (LATERAL EPICONDYLITIS)", "What causes Tennis Elbow?"),
    # a heading's own numbering is no part of the question; a number that names something stays
    ("1. Why get vaccinated?", "Covid Vaccine", "Why get vaccinated?"),
    ("II) Treatment", "Gout", "What is the treatment for Gout?"),
    ("3D imaging", "Gout", "What should I know about 3D imaging for Gout?"),
    ("V. cholerae infection", "Vibrio", "What should I know about V. cholerae infection for Vibrio?"),
])
def test_headings_become_well_formed_questions(heading, title, question):
    assert question_form(heading, title) == question


def test_subject_drops_qualifiers():
    assert subject("Ankle Sprain, Adult") == "Ankle Sprain"
    assert subject("TENNIS ELBOW (LATERAL EPICONDYLITIS)") == "Tennis Elbow"


@pytest.mark.parametrize("name", CORPORA)
def test_every_starter_question_is_answered_from_its_corpus(name):
    bot = Bot.from_folder(DATA / name)
    assert len(bot.topics) == 5
    for question in bot.topics:
        assert question.endswith("?") and "Tell me about" not in question
        assert bot.ask(question).kind == "answer", question


@pytest.mark.parametrize("name", CORPORA)
def test_abstain_and_greeting_name_this_corpus_without_odd_punctuation(name):
    bot = Bot.from_folder(DATA / name)
    text = bot.ask("what is the capital of France").answer
    assert "?." not in text and "?;" not in text
    assert all(title in text for title in [d.title for d in bot.documents][:3])
    assert bot.topics[0] in text
    hello = bot.ask("hello").answer
    assert bot.documents[0].title in hello and "Gluteus" not in hello


@pytest.mark.parametrize("heading", ["If the Disease Runs in the Family", "Once the cast is off",
                                     "Over the counter medicines", "Until the swelling goes down"])
def test_a_heading_led_by_a_preposition_or_conjunction_is_no_instruction(heading):
    assert not question_form(heading, "Knee Sprain").startswith("How do I")
