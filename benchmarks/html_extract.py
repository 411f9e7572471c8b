"""Main-content extraction from web pages: trafilatura (qa-bot's reader) against hand-written lxml rules.

Each public-domain document of a folder (default: tests/data/formats/others) is written into site
templates (tests/format_files.py) with its lists nested as on the live pages; every extractor's
pieces are compared with the document's own blocks, and the question set is answered from each.

    python benchmarks/html_extract.py [FOLDER] [QUESTIONS.jsonl]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_bot.bot import Bot  # noqa: E402
from qa_bot.evaluate import evaluate, load_cases  # noqa: E402
from qa_bot.formats import webpage  # noqa: E402
from qa_bot.formats.build import Piece, assemble  # noqa: E402
from qa_bot.loader import load_document  # noqa: E402
from tests.format_files import TEMPLATES, nest_like_the_source, structure, to_html  # noqa: E402

_FURNITURE = re.compile(r"(^|[-_ ])(cookie|consent|share|sharing|sharedaddy|social|breadcrumbs?|nav|navbar|menu|sidebar|"
                        r"widget|footer|related|popular|newsletter|comments?|skipnav|toc|banner|topbar|meta|byline|"
                        r"search|print|tools)($|[-_ ])", re.IGNORECASE)
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav", "aside", "footer", "header"}


def lxml_rules(data: bytes) -> tuple[str, list[Piece]]:
    """The baseline: <main>/<article>/h1's container, furniture dropped by tag, role, class and id."""
    root = lxml_html.fromstring(data)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag in _DROP or el.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search",
                                                   "dialog") or _FURNITURE.search(names):
            el.drop_tree()
    main = (root.xpath("//main") or root.xpath("//*[@role='main']") or root.xpath("//article") or [None])[0]
    if main is None:
        h1 = root.xpath("//h1")
        main = h1[0].getparent() if h1 else root
        while main.getparent() is not None and len(main.text_content()) < 0.5 * len(root.text_content()):
            main = main.getparent()
    title, pieces = (root.findtext(".//title") or "").split(" | ")[0], []
    for el in main.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td"):
        if el.tag == "li":
            parts = [el.text or ""] + [("" if c.tag in ("ul", "ol") else c.text_content()) + (c.tail or "") for c in el]
            text = " ".join("".join(parts).split())
        else:
            text = " ".join(el.text_content().split())
        if el.tag == "h1":
            title = text
        elif el.tag[0] == "h":
            pieces.append(Piece("heading", text, int(el.tag[1])))
        elif el.tag == "li":
            depth = len([a for a in el.iterancestors("ul", "ol")]) - 1
            pieces.append(Piece("item", text, depth=depth, ordered=el.getparent().tag == "ol"))
        elif el.getparent() is not None and el.getparent().tag != "li":
            pieces.append(Piece("paragraph", text))
    return title, pieces


def trafilatura_alone(data: bytes) -> tuple[str, list[Piece]]:
    """trafilatura without qa-bot's frame for pages that name no content container."""
    frame, webpage._frame = webpage._frame, lambda tree: tree
    try:
        return webpage.read(data)[:2]
    except ValueError:
        return "", []
    finally:
        webpage._frame = frame


def score(source: list, title: str, extracted: list[Piece], doc_title: str) -> dict[str, float]:
    """Shares of the source's blocks and headings found, items at the right depth, and furniture kept."""
    want = {(k, t) for k, t, _, _ in source if k != "heading"}
    heads = {t for k, t, _, _ in source if k == "heading"}
    got = {(p.kind, " ".join(p.text.split())) for p in extracted if p.kind != "heading"}
    got_heads = {" ".join(p.text.split()) for p in extracted if p.kind == "heading"}
    depth = {t: d for k, t, d, _ in source if k == "item"}
    items = [p for p in extracted if p.kind == "item" and " ".join(p.text.split()) in depth]
    return {
        "blocks": len(want & got) / len(want), "headings": len(heads & got_heads) / len(heads),
        "depth": sum(depth[" ".join(p.text.split())] == p.depth for p in items) / max(1, len(items)),
        "furniture": len(got - want) + len(got_heads - heads), "title": float(title == doc_title),
    }


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "formats" / "others"
    questions = Path(sys.argv[2]) if len(sys.argv) > 2 else folder / "questions.jsonl"
    docs = [load_document(p) for p in sorted(folder.glob("*.txt"))]
    cases = load_cases(questions) if questions.exists() else []
    plain = evaluate(Bot(docs), cases).accuracy if cases else float("nan")
    print(f"plain text: accuracy {plain:.3f}\n")
    print(f"{'extractor':<22}{'template':<9}{'blocks':>8}{'headings':>9}{'depth':>7}{'furniture':>10}{'title':>7}"
          f"{'ms/page':>9}{'accuracy':>10}")
    extractors = {"trafilatura (qa-bot)": lambda page: webpage.read(page)[:2],
                  "trafilatura alone": trafilatura_alone, "lxml rules": lxml_rules}
    for name, extractor in extractors.items():
        for template in TEMPLATES:
            totals: dict[str, float] = {}
            built, elapsed = [], 0.0
            for doc in docs:
                title, blocks = structure(doc)
                blocks = nest_like_the_source(blocks)
                page = to_html(title, blocks, template).encode()
                started = time.perf_counter()
                got_title, pieces = extractor(page)
                elapsed += time.perf_counter() - started
                for key, value in score(blocks, got_title, pieces, title).items():
                    totals[key] = totals.get(key, 0) + value
                built.append(assemble(doc.id, doc.path, got_title, pieces))
            n = len(docs)
            accuracy = evaluate(Bot(built), cases).accuracy if cases else float("nan")
            print(f"{name:<22}{template:<9}{totals['blocks'] / n:>8.3f}{totals['headings'] / n:>9.3f}"
                  f"{totals['depth'] / n:>7.3f}{int(totals['furniture']):>10}{totals['title'] / n:>7.2f}"
                  f"{1000 * elapsed / n:>9.1f}{accuracy:>10.3f}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
