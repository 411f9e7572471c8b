"""Find the structure of plain-text and Markdown documents: title, headings, paragraphs, lists."""

from __future__ import annotations

import re

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from qa_bot.documents import Block, Section, Unit, slugify
from qa_bot.elements import BULLET, ONLY_NUMBERS, Element, collapse, heading_candidate, is_boilerplate, is_pointer
from qa_bot.headings import find_plain_headings, tight_heading

__all__ = ["parse_markdown", "parse_marked", "parse_plain"]

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# A line that is bold and nothing else, perhaps numbered or bulleted ("2. **How is it given?**",
# "- **Cancer pain**"): pages written without heading marks use it as a heading.
_BOLD_LINE = re.compile(r"^ {0,3}(?:(?P<number>\d{1,3}[.)])|(?P<bullet>[-*+•]))?[ \t]*(\*\*|__)(?P<text>[^*_\n]+?)\3[ \t]*$")
_MAX_ITEM_UNIT = 320
# A "sentence" longer than this is no sentence (a page flattened to one line, a table, data): it is cut at spaces
# into pieces of at most this length, so no answer quotes megabytes.
MAX_UNIT_CHARS = 1000
_SENTENCE = re.compile(r"^\S+(\s+\S+){3,}(?<!\.\.)\.$")  # four words or more, ending with a full stop
_PUNKT_PARAMS = PunktParameters()
_PUNKT_PARAMS.abbrev_types = {
    "e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "vs", "approx", "fig", "no", "st", "jr",
    "u.s", "a.m", "p.m", "min", "max", "mg", "ml", "oz", "lb", "lbs", "in", "ft", "cm", "mm",
}
_SENTENCES = PunktSentenceTokenizer(_PUNKT_PARAMS)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|_{3,}")  # a backslash escape of ASCII punctuation, or a blank to fill in
_STAND_IN = re.compile("\0([\ue000-\uf8ff])")
_MARKER = re.compile(r"\*\*|(?<!_)__(?!_)")  # bold markers; a run of underscores is a blank to fill in
_EDGE_EMPHASIS = re.compile(r"^(\*\*|__(?!_))\s*(?=\S)|(?<=\S)\s*((?<!_)__|\*\*)$")
# An opener before a word ("it **out") or a closer after one ("children.** Ask"), never "2**3".
_LONE_MARKER = re.compile(r"(?<!\S)(\*\*|__)(?=\w)|(?<=[\w.!?,;:)])(\*\*|__)(?!\S)")


def _clean_inline(text: str, sentence: bool = False) -> str:
    """Remove Markdown inline markup a reader does not see (emphasis, code ticks, link targets, escapes)."""
    # A ``sentence`` cut from its paragraph also loses the half of a bold span the cut left in it.
    text, escaped = _hide_escapes(text)
    text = collapse(_strip_markup(text))
    return _shown_escapes(_without_half_emphasis(text) if sentence else text, escaped)


def _hide_escapes(text: str) -> tuple[str, list[str]]:
    """The text with each backslash escape ("\\*", a literal asterisk) and blank ("____") as a stand-in markup rules skip."""
    escaped: list[str] = []

    def hide(m: re.Match[str]) -> str:
        escaped.append(m.group(1) or m.group(0))
        return f"\0{chr(0xE000 + len(escaped) - 1)}"

    return _ESCAPE.sub(hide, text.replace("\0", "")), escaped


def _shown_escapes(text: str, escaped: list[str]) -> str:
    """Each stand-in back as its literal character (one dropped with a link's target stays dropped)."""
    return _STAND_IN.sub(lambda m: escaped[ord(m.group(1)) - 0xE000], text) if escaped else text


def _strip_markup(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", r"\2", text)
    return re.sub(r"`([^`]+)`", r"\1", text)


def _without_half_emphasis(sentence: str) -> str:
    """A sentence without the half of a bold span that a sentence break cut ("** Swallowing", "Keep it **out")."""
    sentence = _EDGE_EMPHASIS.sub("", sentence)
    if len(_MARKER.findall(sentence)) % 2:
        sentence = _LONE_MARKER.sub("", sentence, count=1)
    return sentence


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _elements(text: str, markdown: bool) -> list[Element]:
    """Split text into headings (Markdown only), list items and paragraphs, with offsets."""
    out: list[Element] = []
    indents: list[int] = []  # indent widths of the open list levels
    open_para: Element | None = None
    in_fence = False
    level = 1  # the level of the last Markdown heading: a bold line heads a section under it
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
            level = len(m.group(1))
            out.append(Element("heading", start, end, start + m.start(2), level=level,
                                text=collapse(_clean_inline(m.group(2))).rstrip(":").strip()))
            open_para, indents = None, []
            continue
        if markdown and (m := _BOLD_LINE.match(line)) and _bold_heading(m, _next_line(text, spans, i)):
            out.append(Element("heading", start, end, start + m.start("text"), level=min(6, level + 1 + bool(m["bullet"])),
                                text=collapse(_clean_inline(m["text"]))))
            open_para, indents = None, []
            continue
        if markdown and open_para is not None and open_para.lines == 1 and _SETEXT.match(line):
            head = open_para
            head.kind, head.level = "heading", 1 if line.strip()[0] == "=" else 2
            head.text = collapse(_clean_inline(text[head.start:head.end]))
            open_para, indents = None, []
            continue
        if markdown and re.match(r"^ {0,3}([-*_])( ?\1){2,}\s*$", line):
            open_para = None
            continue
        if markdown:
            line_q = re.sub(r"^ {0,3}> ?", "", line)
            start += len(line) - len(line_q)
            line = line_q
        m = BULLET.match(line)
        if m and not (m.group("mark") in "o" and not m.group("indent")):
            width = len(m.group("indent").expandtabs(4))
            while indents and width < indents[-1] - 1:
                indents.pop()
            if not indents or width > indents[-1] + 1:
                indents.append(width)
            mark = m.group("mark")
            out.append(Element("item", start, end, start + m.end(), depth=len(indents) - 1,
                                ordered=mark[0].isdigit() or mark[0].isalpha()))
            open_para = out[-1]
            continue
        if is_boilerplate(line):
            # Site furniture stands alone even without blank lines around it.
            out.append(Element("paragraph", start, end, start))
            open_para = None
            continue
        if open_para is not None and not (
                open_para.lines == 1 and tight_heading(text[open_para.start:open_para.end], line)):
            open_para.end, open_para.lines = end, open_para.lines + 1
            continue
        lead = len(line) - len(line.lstrip())
        out.append(Element("paragraph", start + lead, end, start + lead))
        open_para = out[-1]
        if not lead:
            indents = []
    return out


def _bold_heading(m: re.Match[str], following: str) -> bool:
    """A bold line that names what follows: heading-like, not a lead-in ("**Call if:**") or a sentence.

    A numbered one must ask a question ("1. **What is it?**"); a bulleted one must be followed by prose,
    not by the next item of a list of bold terms.
    """
    text = collapse(m["text"])
    if not heading_candidate(text) or text.endswith(":"):
        return False
    if m["number"]:
        return text.endswith("?")
    return not m["bullet"] or (bool(following) and not BULLET.match(following))


def _next_line(text: str, spans: list[tuple[int, int]], i: int) -> str:
    """The next line with words on it after line i, or ""."""
    for start, end in spans[i + 1:]:
        if text[start:end].strip():
            return text[start:end]
    return ""


def _front_matter_end(text: str, spans: list[tuple[int, int]]) -> int:
    """Lines taken by YAML front matter (--- ... ---) at the top of a Markdown file, else 0."""
    if not spans or text[spans[0][0]:spans[0][1]].strip() != "---":
        return 0
    for i, (start, end) in enumerate(spans[1:60], 1):
        if text[start:end].strip() in ("---", "..."):
            return i + 1
    return 0


def _units(text: str, blocks: list[Block], markdown: bool, body_starts: list[int]) -> list[Unit]:
    """Split blocks into answerable units: sentences of paragraphs, whole list items."""
    units: list[Unit] = []
    item_stack: list[tuple[int, int]] = []  # (depth, unit index) of enclosing items
    for b_index, (block, body_start) in enumerate(zip(blocks, body_starts, strict=False)):
        raw = text[body_start:block.end]
        if block.kind == "item" and len(collapse(raw)) <= _MAX_ITEM_UNIT:
            pieces = [(0, len(raw))]
        else:
            pieces = list(_SENTENCES.span_tokenize(raw))
            if len(pieces) > 1 and len(collapse(raw)) > _MAX_ITEM_UNIT and len(raw[slice(*pieces[0])].split()) <= 3:
                # A long block led by a run-in label ("Stress fractures. Stress fractures occur ..."):
                # the label alone answers nothing, so it stays with its first sentence.
                pieces[:2] = [(pieces[0][0], pieces[1][1])]
        pieces = [piece for s, e in pieces for piece in _within_limit(raw, s, e)]
        while item_stack and item_stack[-1][0] >= block.depth:
            item_stack.pop()
        parent = item_stack[-1][1] if (block.kind == "item" and item_stack) else None
        first = len(units)
        for s, e in pieces:
            shown = collapse(_clean_inline(raw[s:e], sentence=True) if markdown else raw[s:e])
            if shown and not ONLY_NUMBERS.fullmatch(shown) and not (block.kind == "paragraph" and is_pointer(shown)):
                units.append(Unit(shown, body_start + s, body_start + e, b_index, block.depth, parent))
        if block.kind == "item" and len(units) > first:
            item_stack.append((block.depth, first))
        elif block.kind == "paragraph":
            item_stack = []
    return units


def _within_limit(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span as pieces of at most MAX_UNIT_CHARS, cut at the last space that fits (or hard, if none does);
    a space that leaves no link or emphasis half open is preferred, so no piece shows a markup fragment."""
    out = []
    while end - start > MAX_UNIT_CHARS:
        spaces = [m.start() for m in re.finditer(r"\s", raw[start:start + MAX_UNIT_CHARS])]
        cuts = [start + k for k in reversed(spaces) if k > 0]
        whole = next((c for c in cuts if _closed(raw[start:c])), None)
        cut = whole if whole is not None else cuts[0] if cuts else start + MAX_UNIT_CHARS
        out.append((start, cut))
        start = cut
        while start < end and raw[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _closed(text: str) -> bool:
    """True if every link bracket and emphasis marker opened in the text is closed in it."""
    return (text.count("[") == text.count("]") and text.count("(") == text.count(")")
            and text.count("**") % 2 == 0)


def _introduces(text: str, start: int) -> bool:
    """Whether the heading line at start ends with a colon: it introduces what follows, as a lead-in does."""
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)].rstrip(" \t*_#").endswith(":")


def _sections(text: str, doc_id: str, title: str, els: list[Element], markdown: bool) -> list[Section]:
    sections: list[Section] = []
    anchors: dict[str, int] = {}

    def close(heading: str, level: int, start: int, end: int, body: list[Element]) -> None:
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
    titled = True  # the section being read is the document's opening, under its title
    for el in els:
        if el.kind == "heading" and not titled and _SENTENCE.search(el.text) and not _introduces(text, start) \
                and not any(not is_boilerplate(text[e.body_start:e.end]) for e in body):
            # A sentence right under a heading with no text of its own ("Who is at risk?" then "Age
            # may affect the risk."): a summary's key point set as a subheading, so the section's opening.
            # Under a heading that ends with a colon ("Take extra steps if:") it is what that introduces.
            body.append(Element("paragraph", el.start, el.end, el.body_start))
            continue
        if el.kind == "heading":
            close(heading, level, start, el.start, body)
            heading, level, start, body, titled = el.text, el.level, el.start, [], False
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
        first = collapse(text[els[0].start:els[0].end])
        if heading_candidate(first) and not first.endswith(":"):
            title = first
            els = els[1:]
    return title, _sections(text, doc_id, title, find_plain_headings(text, els), markdown=False)


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
    els = [Element(kind, start, end, body, depth=depth, ordered=ordered, level=level, text=heading)
           for kind, start, end, body, depth, ordered, level, heading in marks]
    return _sections(text, doc_id, title, els, markdown=False)
