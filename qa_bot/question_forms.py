"""Section headings as the questions a person would ask ("Causes" → "What causes tennis elbow?")."""

from __future__ import annotations

import re

from qa_bot.text import STOPWORDS

__all__ = ["question_form", "subject"]

_QUESTION = re.compile(r"(?i)^(what|how|why|when|where|who|which|is|are|can|could|do|does|should|will|may)\b")
_THIS = re.compile(r"(?i)\bthis(?: (?:condition|problem|injury|illness|disease))?\b|\bit\b")
_TRAILING_NOUN = re.compile(r"(?i)\b(causes?|symptoms|signs|risks?|risk factors|complications|treatments?|options)$")
_IMPERATIVE = re.compile(r"(?i)^(follow|use|take|do|try|avoid|keep|apply|wear|make|protect|stop|return|start|"
                         r"practice|prepare|limit|choose|eat|drink|sleep|lift|sit|stand|walk|rest|ice|care)\b\s*(.*)$")
# Any other verb that tells the reader what to do to something: "Wash your hands", "Clean the surfaces".
# (Not a plural, a gerund or a noun by its ending: "Things your doctor may ask", "Treatment your doctor suggests".)
_ADDRESSED = re.compile(r"(?i)^(?![a-z]*(?:[^s]s|ing|ment|[st]ion|ness|ity|[ae]nce|ery|ure)\s)"
                        r"(?!(?:if|when|while|once|until|since|then|after|before|during|for|with|without|within|"
                        r"about|at|in|on|to|into|from|by|of|over|under|around|inside|outside|between|beyond|"
                        r"through|against|near|and|or|but|all|both|more|most|only|what|why|how|where|who)\s)([a-z]+)"
                        r"\s+((?:your|the|these|this|a|an|it|them)\s+\S.*)$")
_SMALL = frozenset("a an the and or but nor for of in on at to by as is with from into".split())  # lower case in Title Case
# A title that is itself a question: "How do I care for someone who's sick?", "How to use an inhaler".
_ASKS_ITSELF = re.compile(r"(?i)^((how|what|when|where|why|who|which)\s+(to|do|does|did|is|are|can|could|should|"
                          r"will|would|may|might)|(is|are|can|could|do|does|should|will)\s+(i|you|it|my|your|this|"
                          r"these|the|a|an|we|they))\b")
# A heading's own numbering ("5. What if there is a serious problem?", "II) Treatment"): no part of the question.
_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s+(?=[A-Z0-9])")  # not "V. cholerae infection"
_ASK_ABOUT = ("see", "contact", "talk to", "ask", "visit")
# Noun-phrase headings, matched whole (lower case): the question each stands for.
_NOUNS: tuple[tuple[str, str], ...] = (
    (r"(possible |common |main )?causes?( and risk factors)?", "What causes {s}?"),
    (r"risk factors?|who is at risk", "What increases the risk of {s}?"),
    (r"(signs (and|or) )?symptoms( and signs)?|signs", "What are the symptoms of {s}?"),
    (r"treatments?( options)?|management|how it is treated", "What is the treatment for {s}?"),
    (r"diagnosis|diagnosing|tests( and diagnosis)?|exams and tests", "How is a diagnosis of {s} made?"),
    (r"prevention|preventing it", "How can {s} be prevented?"),
    (r"outlook|prognosis|recovery|expectations", "What is the outlook for {s}?"),
    (r"complications?", "What are the complications of {s}?"),
    (r"overview|introduction|about|definition|summary|background|description", "What is {s}?"),
    (r"medicines?|medications?|drugs|pain relief", "Which medicines help with {s}?"),
    (r"(home |self[- ])?care|home treatment|self-help", "How do I look after {s} at home?"),
    (r"activity|activities|exercise and activity", "Which activities are safe with {s}?"),
    (r"surgery|operations?", "When is surgery needed for {s}?"),
    (r"injections?|shots?", "Do injections help with {s}?"),
)


def subject(title: str) -> str:
    """A document title as the subject of a question: qualifiers dropped, shouting calmed."""
    text = re.sub(r"\s*\([^)]*\)\s*", " ", title).split(",")[0].strip() or title.strip()
    if text.isupper():
        text = " ".join(w.capitalize() if len(w) > 3 or i == 0 else w.lower() for i, w in enumerate(text.split()))
    return text


def _sentence_case(heading: str) -> str:
    return heading[:1].upper() + heading[1:].lower() if heading.isupper() else heading


def _lower_first(text: str, keep: str) -> str:
    """A heading as a phrase inside a sentence: capitalised words lowered, acronyms and the subject kept."""
    parts = re.split(f"({re.escape(keep)})", text) if keep else [text]
    return "".join(part if part == keep else re.sub(r"\b([A-Z])([a-z]+)\b", lambda m: m.group(0).lower(), part)
                   for part in parts)


def _calm(phrase: str, keep: str, heading: str) -> str:
    """Part of a Title Case Heading in lower case inside a question; of a sentence-case one, as written."""
    words = re.findall(r"[A-Za-z']+", heading)[1:]  # the first word is capitalised either way
    title_case = any(w[0].isupper() for w in words) and all(w[0].isupper() or w.lower() in _SMALL for w in words)
    return _lower_first(phrase, keep) if title_case else phrase


def _base_verb(gerund: str) -> str:
    """'managing' → 'manage', 'sitting' → 'sit', 'stretching' → 'stretch' (regular English spelling)."""
    stem = gerund.lower()[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]
    if re.search(r"(v|c|z|[aiou]s|ag|dg|[^aeiou][aiu]r)$", stem):  # ... "preparing", "measuring", not "monitoring"
        return stem + "e"
    if len(re.findall(r"[aeiouy]+", stem)) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", stem):
        return stem + "e"
    return stem


def _mine(phrase: str) -> str:
    """The handout speaks to the reader ("your cast"); the reader asks about "my cast"."""
    return re.sub(r"(?i)\byour\b", "my", re.sub(r"(?i)\byourself\b", "myself", phrase))


def _finish(question: str) -> str:
    question = re.sub(r"\s+", " ", question).strip().rstrip(".:;,")
    return question if question.endswith("?") else question + "?"


def question_form(heading: str, title: str) -> str:
    """The question a section under ``heading`` answers, in the words a person would use."""
    s = subject(title)
    text = _sentence_case(_NUMBERED.sub("", re.sub(r"\s+", " ", heading).strip().rstrip(":").strip()))
    if s.endswith("?") or _ASKS_ITSELF.match(s):
        # A title that is itself a question ("How do I care for someone who's sick?") names no subject
        # to ask about: its own section asks the title, the others ask their heading alone.
        if not text or text.lower() == title.strip().lower():
            text = _sentence_case(re.sub(r"\s+", " ", title).strip())
        s = ""
    elif not text or text.lower() in (title.lower(), s.lower()):
        return f"What is {s}?"
    # "Overview of Hip Replacement Surgery", "About gout": the heading names its topic after a word for "about".
    topic = re.sub(r"(?i)^(?:an? )?(?:overview of|introduction to|about|all about|facts about|basics of)\s+(?=\S)", "", text)
    if topic != text:
        text = topic[:1].upper() + topic[1:]
    if s and text.lower() in (title.lower(), s.lower()):
        return f"What is {s}?"
    lower = text.lower()
    when = re.match(r"(?i)^when to (.+?)\??$", text)
    if when:
        return _when(when.group(1), s)
    how_to = re.match(r"(?i)^how to (.+?)\??$", text)
    if how_to:
        return _finish(f"How do I {_mine(_calm(how_to.group(1), s, text))}")
    if re.match(r"(?i)^what (you|to) (need to|should) know\b", text):
        return f"What should I know about {s}?" if s else "What should I know?"
    what_to = re.match(r"(?i)^what to (.+?)\??$", text)
    if what_to:
        return _finish(f"What should I {_mine(_calm(what_to.group(1), s, text))}")
    if _QUESTION.match(text):
        text = _THIS.sub(s, text, count=1) if s else text
        bare = text.rstrip("?").strip()
        if s and s.lower() not in bare.lower() and _TRAILING_NOUN.search(bare):
            bare += f" of {s}"
        return _finish(bare)
    for pattern, template in _NOUNS if s else ():
        if re.fullmatch(pattern, lower):
            return template.format(s=s)
    exercise = re.match(r"(?i)^(?:exercise|stretch)\s+\w{1,2}\s*[:.)-]\s*(.+)$", text)
    if exercise:
        name = re.sub(r"\s*\([^)]*\)", "", exercise.group(1)).split(",")[0].strip()
        return _finish(f"How do I do the {_lower_first(name, s)} exercise")
    if re.search(r"(?i)\b(exercises|stretches)\b", text):
        return _finish(f"Which {_lower_first(text, s)} help with {s}" if s else f"Which {_lower_first(text, s)} should I do")
    if re.search(r"(?i)\b(exercise|stretch|pose|position)\b", text):
        return _finish(f"How do I do the {_lower_first(text, s)}")
    condition = re.match(r"(?i)^(.+?)\s+(?:if|when)$", text)
    if condition:
        return _when(condition.group(1), s)
    imperative = _IMPERATIVE.match(text) or _ADDRESSED.match(text)
    if imperative:
        rest = re.sub(r"(?i)\b(these|this)\b", "the", _calm(imperative.group(2), s, text))
        return _finish(f"How do I {imperative.group(1).lower()} {_mine(rest)}")
    gerund = re.match(r"(?i)^([a-z]{2,}ing)\s+(?!and\b|or\b)(.+)$", text)
    if gerund and not re.search(r"(?i)^(during|morning|evening|bring|spring|string|thing|nothing|something)$",
                                gerund.group(1)):
        return _finish(f"How do I {_base_verb(gerund.group(1))} {_mine(_calm(gerund.group(2), s, text))}")
    about = _lower_first(text, s)
    named = set(re.findall(r"[a-z0-9]+", s.lower())) & set(re.findall(r"[a-z0-9]+", about.lower())) - STOPWORDS
    if s and not named and " for " not in f" {about.lower()} ":
        # "Points to remember" or "Eating, diet, and nutrition" head a section in many pages: the question
        # names whose, or a click would be answered from whichever page has it too.
        return _finish(f"What should I know about {about} for {s}")
    return _finish(f"What should I know about {about}")


def _when(action: str, s: str) -> str:
    """'see a doctor' → 'When should I see a doctor about tennis elbow?'."""
    action = _mine(_lower_first(action.strip(), s))
    about = f" about {s}" if s and action.lower().startswith(_ASK_ABOUT) else ""
    return _finish(f"When should I {action}{about}")
