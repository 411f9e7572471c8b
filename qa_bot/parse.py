"""Find the structure of plain-text and Markdown documents: title, headings, paragraphs, lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from qa_bot.documents import Block, Section, Unit, slugify

__all__ = ["parse_markdown", "parse_marked", "parse_plain"]

_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[•●▪◦·‣∙○■□➢►✓✔*+-]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_LEAD_IN_END = re.compile(
    r"\b(include|includes|including|are|is|was|were|be|who|as|like|such as|following|these|"
    r"to|of|with|by|for|that|which|can|may|might|will)\s*:$",
    re.IGNORECASE,
)
# A line ending like this introduces what follows ("Symptoms include", "Risk factors are"): never a heading.
_LEAD_IN_WORD_END = re.compile(
    r"\b(include|includes|including|are|is|was|were|be|who|as|like|such as|following|these|"
    r"to|of|with|by|for|that|which|can|may|might|will|the|a|an|because)$",
    re.IGNORECASE,
)
# A colon line that reads as a sentence ("Here are some tips:", "There are three types:") is a lead-in.
_SENTENCE_OPENING = re.compile(r"^(here|there|these|this|they|it|you|we|some|many|most|other|the following)\b"
                               r"|\b(are|is|include|includes|can|may|should|will|have|has)\b", re.IGNORECASE)
_SUMMARY_SENTENCE = 40  # words; a standalone sentence this short that repeats a summary bullet is a heading
_MAX_UNMARKED_ITEM = 200  # a line this short after a lead-in is a list item that lost its bullet
_JOINABLE_END = re.compile(r"(\(|[-–—&,/]|\band|\bor|\bof|\bthe|\bfor|\bwith)$")
_ONLY_NUMBERS = re.compile(r"[\W\d_]+")
_MAX_ITEM_UNIT = 320


def _patterns() -> list[re.Pattern[str]]:
    text = resources.files("qa_bot.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    return [re.compile(line.strip(), re.IGNORECASE) for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


_BOILERPLATE = _patterns()
_PUNKT_PARAMS = PunktParameters()
_PUNKT_PARAMS.abbrev_types = {
    "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "vs", "approx", "fig", "no", "st", "jr",
    "u.s", "a.m", "p.m", "min", "max", "mg", "ml", "oz", "lb", "lbs", "in", "ft", "cm", "mm",
}
_SENTENCES = PunktSentenceTokenizer(_PUNKT_PARAMS)


@dataclass
class _Element:
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


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _clean_inline(text: str) -> str:
    """Remove Markdown inline markup a reader does not see (emphasis, code ticks, link targets)."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return text


def is_boilerplate(text: str) -> bool:
    """True for website furniture ("Scroll to Top", bare numbers) that must never be cited."""
    text = _collapse(text)
    if not text or _ONLY_NUMBERS.fullmatch(text):
        return True
    return len(text) < 160 and any(p.search(text) for p in _BOILERPLATE)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _elements(text: str, markdown: bool) -> list[_Element]:
    """Split text into headings (Markdown only), list items and paragraphs, with offsets."""
    out: list[_Element] = []
    indents: list[int] = []  # indent widths of the open list levels
    open_para: _Element | None = None
    in_fence = False
    spans = _lines(text)
    skip_until = _front_matter_end(text, spans) if markdown else 0
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        if i < skip_until:
            continue
        if markdown and _FENCE.match(line):
            in_fence = not in_fence
            open_para = None
            continue
        if in_fence or (markdown and re.match(r"^\s*(<!--.*-->|\|.*\|)\s*$", line)):
            continue
        if not line.strip():
            open_para = None
            continue
        if markdown and (m := _MD_HEADING.match(line)):
            out.append(_Element("heading", start, end, start + m.start(2), level=len(m.group(1)),
                                text=_collapse(_clean_inline(m.group(2))).rstrip(":").strip()))
            open_para, indents = None, []
            continue
        if markdown and open_para is not None and open_para.lines == 1 and _SETEXT.match(line):
            head = open_para
            head.kind, head.level = "heading", 1 if line.strip()[0] == "=" else 2
            head.text = _collapse(_clean_inline(text[head.start:head.end]))
            open_para, indents = None, []
            continue
        if markdown and re.match(r"^ {0,3}([-*_])( ?\1){2,}\s*$", line):
            open_para = None
            continue
        if markdown:
            line_q = re.sub(r"^ {0,3}> ?", "", line)
            start += len(line) - len(line_q)
            line = line_q
        m = _BULLET.match(line)
        if m and not (m.group("mark") in "o" and not m.group("indent")):
            width = len(m.group("indent").expandtabs(4))
            while indents and width < indents[-1] - 1:
                indents.pop()
            if not indents or width > indents[-1] + 1:
                indents.append(width)
            mark = m.group("mark")
            out.append(_Element("item", start, end, start + m.end(), depth=len(indents) - 1,
                                ordered=mark[0].isdigit() or mark[0].isalpha()))
            open_para = out[-1]
            continue
        if is_boilerplate(line):
            # Site furniture stands alone even without blank lines around it.
            out.append(_Element("paragraph", start, end, start))
            open_para = None
            continue
        if open_para is not None and not (
                open_para.lines == 1 and _tight_heading(text[open_para.start:open_para.end], line)):
            open_para.end, open_para.lines = end, open_para.lines + 1
            continue
        lead = len(line) - len(line.lstrip())
        out.append(_Element("paragraph", start + lead, end, start + lead))
        open_para = out[-1]
        if not lead:
            indents = []
    return out


def _tight_heading(first: str, following: str) -> bool:
    """A heading with its text on the very next line (no blank line between): "SYMPTOMS" then prose.

    Only unmistakable headings are split off: all capitals, or a short question, followed by a
    line that starts a new sentence; an ordinary wrapped paragraph never looks like that.
    """
    first, following = first.strip(), following.strip()
    if not following or not (following[0].isupper() or following[0].isdigit() or _BULLET.match(following)):
        return False
    letters = [c for c in first if c.isalpha()]
    shouting = len(letters) >= 3 and all(c.isupper() for c in letters)
    question = first.endswith("?") and len(first.split()) <= 10
    return _heading_candidate(first) and (shouting or question)


def _front_matter_end(text: str, spans: list[tuple[int, int]]) -> int:
    """Lines taken by YAML front matter (--- ... ---) at the top of a Markdown file, else 0."""
    if not spans or text[spans[0][0]:spans[0][1]].strip() != "---":
        return 0
    for i, (start, end) in enumerate(spans[1:60], 1):
        if text[start:end].strip() in ("---", "..."):
            return i + 1
    return 0


def _heading_candidate(line: str) -> bool:
    """A short line that reads like a heading: capitalised, no final sentence punctuation."""
    if not line or len(line) > 120 or len(line.split()) > 14:
        return False
    if line[-1] in ".,;!\"”'" or line.endswith("…") or is_boilerplate(line):
        return False
    return line[0].isupper() or line[0].isdigit()


def _find_plain_headings(text: str, els: list[_Element]) -> list[_Element]:
    """Mark headings in plain text: short standalone lines, rejoining headings split over lines.

    A standalone one-sentence line that repeats a list item seen earlier is a heading too: summary
    lists ("Key Points") name the sections that follow, word for word.
    """
    out: list[_Element] = []
    bullets: set[str] = set()
    i = 0
    while i < len(els):
        el = els[i]
        line = _collapse(text[el.start:el.end]) if el.kind == "paragraph" else ""
        if el.kind == "item":
            bullets.add(_collapse(text[el.body_start:el.end]))
        elif line in bullets and el.lines == 1 and len(line.split()) <= _SUMMARY_SENTENCE:
            out.append(_Element("heading", el.start, el.end, el.start, level=2, text=line))
            i += 1
            continue
        if out and out[-1].kind == "paragraph" and _is_lead_in(_collapse(text[out[-1].start:out[-1].end])):
            items, used = _unmarked_items(text, els, i)
            if len(items) >= 2:
                out.extend(items)
                i += used
                continue
        if el.kind == "paragraph" and el.lines == 1 and _heading_candidate(line) and not _LEAD_IN_WORD_END.search(line):
            nxt = els[i + 1] if i + 1 < len(els) else None
            nxt_line = _collapse(text[nxt.start:nxt.end]) if nxt and nxt.kind == "paragraph" else ""
            if (nxt_line and nxt.lines == 1 and _JOINABLE_END.search(line)
                    and nxt_line[0].islower() and len(nxt_line.split()) <= 8
                    and not nxt_line.endswith(".")):
                glue = "" if line.endswith("(") else " "
                el = _Element("heading", el.start, nxt.end, el.start, text=line + glue + nxt_line)
                out.append(el)
                i += 2
                continue
            after_heading = not out or out[-1].kind == "heading"
            lead_in = line.endswith(":") and (after_heading or _LEAD_IN_END.search(line) or len(line.split()) > 8
                                              or _SENTENCE_OPENING.search(line.rstrip(":")))
            if not lead_in:
                out.append(_Element("heading", el.start, el.end, el.start, text=line.rstrip(":").strip()))
                i += 1
                continue
        out.append(el)
        i += 1
    return out


def _is_lead_in(line: str) -> bool:
    """A line that introduces a list: it ends with a colon, or with "include", "are", "such as" ..."""
    return line.endswith(":") or bool(_LEAD_IN_WORD_END.search(line))


def _unmarked_items(text: str, els: list[_Element], i: int) -> tuple[list[_Element], int]:
    """Short lines right after a lead-in, as list items: scraped pages drop the bullets.

    Each item is a line, or a line with the lines that only continue it (a link fragment, a
    lower-case start); items may stand in separate paragraphs or one under another. Returns the
    items and how many elements they came from.
    """
    out: list[_Element] = []
    used = 0
    for el in els[i:]:
        if el.kind != "paragraph" or (out and out[-1].lines > 1):
            break  # a run of lines with no blank between them is the whole list
        pieces = _item_lines(text, el)
        if not pieces or any(len(_collapse(text[s:e])) > _MAX_UNMARKED_ITEM or text[s:e].rstrip().endswith((":", "?"))
                             for s, e in pieces):
            break
        out.extend(_Element("item", s, e, s, lines=len(pieces)) for s, e in pieces)
        used += 1
    return out, used


def _item_lines(text: str, el: _Element) -> list[tuple[int, int]]:
    """The spans of a paragraph's items: each starts on a line that opens with a capital or digit."""
    spans: list[tuple[int, int]] = []
    start = el.start
    for line in text[el.start:el.end].split("\n"):
        stripped = line.strip()
        if (stripped and (stripped[0].isupper() or stripped[0].isdigit())) or not spans:
            spans.append((start + len(line) - len(line.lstrip()), start + len(line.rstrip())))
        elif stripped:
            spans[-1] = (spans[-1][0], start + len(line.rstrip()))
        start += len(line) + 1
    return spans


def _units(text: str, blocks: list[Block], markdown: bool, body_starts: list[int]) -> list[Unit]:
    """Split blocks into answerable units: sentences of paragraphs, whole list items."""
    units: list[Unit] = []
    item_stack: list[tuple[int, int]] = []  # (depth, unit index) of enclosing items
    for b_index, (block, body_start) in enumerate(zip(blocks, body_starts, strict=False)):
        raw = text[body_start:block.end]
        if block.kind == "item" and len(_collapse(raw)) <= _MAX_ITEM_UNIT:
            pieces = [(0, len(raw))]
        else:
            pieces = list(_SENTENCES.span_tokenize(raw))
            if len(pieces) > 1 and len(_collapse(raw)) > _MAX_ITEM_UNIT and len(raw[slice(*pieces[0])].split()) <= 3:
                # A long block led by a run-in label ("Stress fractures. Stress fractures occur ..."):
                # the label alone answers nothing, so it stays with its first sentence.
                pieces[:2] = [(pieces[0][0], pieces[1][1])]
        while item_stack and item_stack[-1][0] >= block.depth:
            item_stack.pop()
        parent = item_stack[-1][1] if (block.kind == "item" and item_stack) else None
        first = len(units)
        for s, e in pieces:
            shown = _collapse(_clean_inline(raw[s:e]) if markdown else raw[s:e])
            if shown and not _ONLY_NUMBERS.fullmatch(shown):
                units.append(Unit(shown, body_start + s, body_start + e, b_index, block.depth, parent))
        if block.kind == "item" and len(units) > first:
            item_stack.append((block.depth, first))
        elif block.kind == "paragraph":
            item_stack = []
    return units


def _sections(text: str, doc_id: str, title: str, els: list[_Element], markdown: bool) -> list[Section]:
    sections: list[Section] = []
    anchors: dict[str, int] = {}

    def close(heading: str, level: int, start: int, end: int, body: list[_Element]) -> None:
        body = [e for e in body if not is_boilerplate(text[e.body_start:e.end])]
        if not body:
            return
        blocks = [Block(e.kind, e.start, e.end, e.depth, e.ordered) for e in body]
        units = _units(text, blocks, markdown, [e.body_start for e in body])
        if not units:
            return
        anchor = slugify(heading)
        anchors[anchor] = anchors.get(anchor, 0) + 1
        if anchors[anchor] > 1:
            anchor = f"{anchor}-{anchors[anchor]}"
        sections.append(Section(doc_id, heading, anchor, level, start, end, tuple(blocks), tuple(units)))

    heading, level, start, body = title, 1, 0, []
    for el in els:
        if el.kind == "heading":
            close(heading, level, start, el.start, body)
            heading, level, start, body = el.text, el.level, el.start, []
        else:
            body.append(el)
    close(heading, level, start, len(text.rstrip()), body)
    return sections


def _title_from_id(doc_id: str) -> str:
    return " ".join(w.capitalize() for w in re.split(r"[-_\s]+", doc_id) if w) or doc_id


def parse_plain(text: str, doc_id: str) -> tuple[str, list[Section]]:
    """Title and sections of a plain-text document (a scraped page or a typed handout)."""
    els = [e for e in _elements(text, markdown=False) if not is_boilerplate(text[e.start:e.end])]
    title = _title_from_id(doc_id)
    if els and els[0].kind == "paragraph" and els[0].lines == 1:
        first = _collapse(text[els[0].start:els[0].end])
        if _heading_candidate(first) and not first.endswith(":"):
            title = first
            els = els[1:]
    return title, _sections(text, doc_id, title, _find_plain_headings(text, els), markdown=False)


def parse_markdown(text: str, doc_id: str) -> tuple[str, list[Section]]:
    """Title and sections of a Markdown document; its first level-1 heading is the title."""
    els = _elements(text, markdown=True)
    title = _title_from_id(doc_id)
    for i, el in enumerate(els):
        if el.kind == "heading" and el.level == 1:
            title = el.text
            if i == 0 or all(e.kind == "heading" for e in els[:i]):
                els = els[:i] + els[i + 1:]
            break
    return title, _sections(text, doc_id, title, els, markdown=True)


def parse_marked(text: str, doc_id: str, title: str,
                 marks: list[tuple[str, int, int, int, int, bool, int, str]]) -> list[Section]:
    """Sections of text whose headings, paragraphs and list items another format's reader marked.

    A mark is (kind, start, end, body start, list depth, ordered, heading level, heading text).
    """
    els = [_Element(kind, start, end, body, depth=depth, ordered=ordered, level=level, text=heading)
           for kind, start, end, body, depth, ordered, level, heading in marks]
    return _sections(text, doc_id, title, els, markdown=False)
