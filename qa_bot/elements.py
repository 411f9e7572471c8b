"""The pieces a plain-text or Markdown document is cut into, before sections are formed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["BULLET", "ONLY_NUMBERS", "Element", "collapse", "heading_candidate", "is_boilerplate", "is_pointer"]

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[•●▪◦·‣∙○■□➢►✓✔*+-]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)")
ONLY_NUMBERS = re.compile(r"[\W\d_]+")


def _patterns() -> list[re.Pattern[str]]:
    text = resources.files("qa_bot.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    return [re.compile(line.strip(), re.IGNORECASE) for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


_BOILERPLATE = _patterns()


@dataclass
class Element:
    """A paragraph, list item or heading found in the text, before sections are formed."""

    kind: str  # "paragraph" | "item" | "heading"
    start: int
    end: int
    body_start: int  # after a list marker or Markdown '#'s
    lines: int = 1
    depth: int = 0
    ordered: bool = False
    level: int = 1
    text: str = ""  # heading text, set for headings


def collapse(text: str) -> str:
    return " ".join(text.split())


def is_boilerplate(text: str) -> bool:
    """True for website furniture ("Scroll to Top", bare numbers) that must never be cited."""
    text = collapse(text)
    if not text or ONLY_NUMBERS.fullmatch(text):
        return True
    return len(text) < 160 and any(p.search(text) for p in _BOILERPLATE)


# A sentence that only sends the reader elsewhere ("Learn more about DNA.", "Learn about treatment side
# effects.", "Read the news release to learn more.") or promises what a linked page tells ("Learn when and how
# you should wash your hands.", "Learn what breast density is."): a link's text left in the page. It echoes a
# question's words and answers none, so in a paragraph it is never a unit. Advice that starts alike stays
# ("Learn how to use your inhaler.", "See your doctor to learn more about your risk."), and so does a list item.
_POINTER = re.compile(r"^(learn|read|find out) (more )?about\b|^(learn|read|find out) more (at|in|on)\b|^read on\b|"
                      r"^(learn|find out) (when|what|why|which|where|whether|if|how(?! to\b))\b|"
                      r"^(read|visit|watch)\b.*\bto (learn|find out|read) more\b", re.IGNORECASE)


def is_pointer(sentence: str) -> bool:
    """True for a short sentence whose only content is where to read more (no colon: nothing follows)."""
    return len(sentence) < 160 and ":" not in sentence and bool(_POINTER.search(sentence))


def heading_candidate(line: str) -> bool:
    """A short line that reads like a heading: capitalised, no final sentence punctuation."""
    if not line or len(line) > 120 or len(line.split()) > 14:
        return False
    if line[-1] in ".,;!\"”'" or line.endswith("…") or is_boilerplate(line):
        return False
    return line[0].isupper() or line[0].isdigit()
