"""HTML pages: each document as a readable page, with a cited passage highlighted."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Response, abort, render_template, request, send_file, send_from_directory
from markupsafe import Markup, escape

from qa_bot.channels.common import service
from qa_bot.documents import Document, Section

__all__ = ["pages", "render_section_body"]

pages = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
                  static_url_path="/static")
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")
MAX_HIGHLIGHTS = 50
MEDIA_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown", ".html": "text/html",
               ".htm": "text/html", ".pdf": "application/pdf",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def highlights(raw: str | None) -> list[tuple[int, int]]:
    """Parse ?hl=START-END[,START-END...]; anything malformed is ignored, never an error."""
    out = []
    for part in (raw or "").split(",")[:MAX_HIGHLIGHTS]:
        m = _SPAN.match(part.strip())
        if m and int(m.group(1)) < int(m.group(2)):
            out.append((int(m.group(1)), int(m.group(2))))
    return out


def _marked(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def render_section_body(section: Section, spans: list[tuple[int, int]]) -> Markup:
    """Paragraphs as <p>, list items as nested <ul>/<ol>, highlighted units in <mark>."""
    html: list[str] = []
    open_lists: list[str] = []  # the tag of each open list, innermost last
    for b_index, block in enumerate(section.blocks):
        units = [u for u in section.units if u.block == b_index]
        if not units:
            continue
        inner = " ".join(
            f"<mark>{escape(u.text)}</mark>" if _marked(u.start, u.end, spans) else str(escape(u.text))
            for u in units)
        if block.kind != "item":
            while open_lists:
                html.append(f"</li></{open_lists.pop()}>")
            html.append(f"<p>{inner}</p>")
            continue
        tag = "ol" if block.ordered else "ul"
        depth = block.depth + 1
        if len(open_lists) == depth:
            html.append("</li>")
        while len(open_lists) > depth:
            html.append(f"</li></{open_lists.pop()}>")
            if len(open_lists) == depth:
                html.append("</li>")
        while len(open_lists) < depth:
            html.append(f"<{tag}>")
            open_lists.append(tag)
        html.append(f"<li>{inner}")
    while open_lists:
        html.append(f"</li></{open_lists.pop()}>")
    return Markup("".join(html))


def _document(doc_id: str) -> Document:
    for doc in service().bot.documents:
        if doc.id == doc_id:
            return doc
    abort(404, description=f"no document called {doc_id!r}; GET /api/documents lists them")


@pages.get("/docs/<doc_id>")
def document_page(doc_id: str) -> Response:
    doc = _document(doc_id)
    spans = highlights(request.args.get("hl"))
    sections = [(s, render_section_body(s, spans)) for s in doc.sections]
    original = Path(doc.path).suffix.lower().lstrip(".").upper()
    return Response(render_template("document.html", doc=doc, sections=sections, original=original),
                    mimetype="text/html")


@pages.get("/docs/<doc_id>/original")
def original_file(doc_id: str) -> Response:
    """The file the document was read from: always a download, never rendered or run by the browser."""
    # Absolute: Flask reads a relative path from the package's folder, not the working directory.
    path = Path(_document(doc_id).path).resolve()
    if not path.is_file():
        abort(404, description=f"the original file of {doc_id!r} is no longer in the corpus folder")
    response = send_file(path, mimetype=MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream"),
                         as_attachment=True, download_name=path.name, max_age=0)
    # A web page or PDF from the corpus must not run script under this site's origin, even if opened.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@pages.get("/favicon.ico")
def favicon() -> Response:
    """The icon browsers ask for on every site; without it each page view logs a 404."""
    return send_from_directory(pages.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86400)
