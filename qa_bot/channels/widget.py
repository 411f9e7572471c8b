"""The embeddable chat widget: its assets from web/, and the demo page that embeds it."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, render_template, send_from_directory

from qa_bot import replies
from qa_bot.channels.common import service

__all__ = ["WEB_DIR", "widget"]

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
widget = Blueprint("widget", __name__, template_folder="templates")
_ASSETS = {"widget.js": "text/javascript", "widget.css": "text/css"}


def _asset(name: str) -> Response:
    if not (WEB_DIR / name).is_file():
        abort(404, description=f"{name} is missing from {WEB_DIR.name}/")
    response = send_from_directory(WEB_DIR, name, mimetype=_ASSETS[name], max_age=300)
    # Any site may load the widget's own files; the API itself stays behind the CORS setting.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@widget.get("/widget.js")
def script() -> Response:
    return _asset("widget.js")


@widget.get("/widget.css")
def stylesheet() -> Response:
    return _asset("widget.css")


@widget.get("/")
def demo() -> Response:
    svc = service()
    return Response(render_template("demo.html", documents=svc.bot.documents, titles=replies.titles(svc.bot.documents),
                                    label=replies.label(svc.bot.documents),
                                    welcome=svc.welcome()), mimetype="text/html")
