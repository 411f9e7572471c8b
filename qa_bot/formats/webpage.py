"""Web pages (.html, .htm): the main content found by trafilatura, its structure kept.

Runs in the sandbox. trafilatura drops the site around the text (navigation, cookie banners,
sharing widgets, related links, footers, scripts) and returns the rest as XML: headings with
their level, paragraphs, lists with nesting, tables. That XML becomes the pieces of a Document.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import extract
from trafilatura.settings import use_config
from trafilatura.utils import load_html
from trafilatura.xpaths import BODY_XPATH

from qa_bot.formats.build import Extracted, Piece
from qa_bot.formats.errors import Unreadable

__all__ = ["read"]

_CONFIG = use_config()
# A short handout is still a document: trafilatura's defaults discard pages under 250 characters.
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "20")
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # the sandbox limits time; no signal handlers here
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _text(element: etree._Element, skip_lists: bool = False) -> str:
    """The element's text, nested lists left out when they become items of their own."""
    parts = [element.text or ""]
    for child in element:
        if not (skip_lists and child.tag == "list"):
            parts.append(_text(child, skip_lists))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _list(element: etree._Element, depth: int, out: list[Piece]) -> None:
    ordered = element.get("rend") == "ol"
    for number, item in enumerate(element.iterchildren("item"), 1):
        text = _text(item, skip_lists=True)
        if text:
            out.append(Piece("item", text, depth=depth, ordered=ordered, marker=f"{number}." if ordered else ""))
        for nested in item.iterchildren("list"):
            _list(nested, depth + 1, out)


def _pieces(container: etree._Element, out: list[Piece]) -> None:
    for element in container.iterchildren():
        if element.tag == "head":
            rend = element.get("rend") or "h3"
            level = int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 3
            out.append(Piece("heading", _text(element), level))
        elif element.tag == "list":
            _list(element, 0, out)
        elif element.tag == "table":
            rows = [row for row in element.iter("row") if any(_text(c) for c in row.iterchildren("cell"))]
            # A header row (its cells marked as heads) leads into the other rows, as a list's lead-in does:
            # "Ibuprofen · 400 mg · Every 8 hours" is shown under "Medicine · Dose · How often". A table without
            # one keeps its rows as paragraphs: no row may pass for another's header.
            header = bool(rows) and len(rows) > 1 and all(c.get("role") == "head" for c in rows[0].iterchildren("cell"))
            for k, row in enumerate(rows):
                text = " · ".join(t for c in row.iterchildren("cell") if (t := _text(c)))
                out.append(Piece("item" if header and k else "paragraph", text))
        elif element.tag in ("quote", "div"):
            _pieces(element, out)
        elif element.tag not in ("graphic", "ref"):
            out.append(Piece("paragraph", _text(element)))


def _frame(tree: HtmlElement) -> HtmlElement:
    """A page that names no content container (a bare or CSS-module page) gets one: the block
    around its h1 that holds at least half of the page's text, else the whole body.

    Without one trafilatura falls back to recovering loose paragraphs and loses every heading and
    list (measured: benchmarks/html_extract.py, "trafilatura alone").
    """
    body = tree.find("body")
    if body is None or any(next(iter(expr(tree)), None) is not None for expr in BODY_XPATH):
        return tree
    frame, h1 = body, body.find(".//h1")
    if h1 is not None:
        total = len(body.text_content())
        frame = h1.getparent()
        while frame is not body and len(frame.text_content()) * 2 < total:
            frame = frame.getparent()
    article = etree.SubElement(frame, "article")
    article.text, frame.text = frame.text, None
    for child in list(frame)[:-1]:
        article.append(child)
    return tree


def read(data: bytes) -> Extracted:
    """Title and pieces of a web page's main content; Unreadable if it has none."""
    tree = load_html(data)
    if tree is None:
        raise Unreadable("not an HTML page")
    found = extract(_frame(tree), output_format="xml", include_comments=False, include_tables=True, include_images=False,
                    include_links=False, favor_recall=True, with_metadata=True, config=_CONFIG)
    if not found:
        raise Unreadable("no main text found in the page")
    root = etree.fromstring(found.encode(), _XML)
    pieces: list[Piece] = []
    for main in root.iterchildren("main"):
        _pieces(main, pieces)
    pieces = [p for p in pieces if p.text]
    title = root.get("title") or ""
    if pieces and pieces[0].kind == "heading" and pieces[0].level == 1:
        title, pieces = pieces[0].text, pieces[1:]
    if not any(p.kind != "heading" for p in pieces):
        raise Unreadable("no main text found in the page")
    return Extracted(title, pieces)
