"""The JSON API: ask, feedback, documents, welcome, health and the OpenAPI description."""

from __future__ import annotations

import os
import time

from flask import Blueprint, Response, current_app, jsonify

from qa_bot.channels.common import fail, json_body, optional_string, service
from qa_bot.channels.metrics import resident_bytes
from qa_bot.channels.openapi import MAX_HISTORY, MAX_ID, MAX_TEXT, build_spec

__all__ = ["api"]

api = Blueprint("api", __name__)


@api.post("/api/ask")
def ask() -> Response:
    data = json_body()
    question = data.get("question")
    if question is None:
        fail(400, "missing_question", 'the body needs a "question" string')
    if not isinstance(question, str):
        fail(400, "invalid_question", "question must be a string")
    svc = service()
    limit = svc.settings.max_question_chars
    if len(question) > limit:  # as sent (not stripped), as /openapi.json describes it
        fail(413, "question_too_long", f"the question is {len(question)} characters long; the limit is {limit}")
    conversation_id = optional_string(data, "conversation_id", MAX_ID)
    history = data.get("history")
    if history is not None and (not isinstance(history, list) or len(history) > MAX_HISTORY
                                or not all(isinstance(h, str) for h in history)):
        fail(400, "invalid_history", f"history must be a list of at most {MAX_HISTORY} strings")
    if history and max(map(len, history)) > limit:
        fail(400, "history_too_long", f"each history entry must be at most {limit} characters")
    started = time.perf_counter()
    reply = svc.ask(question, conversation_id, history)
    current_app.extensions["qa_bot.metrics"].answered(reply.answer.kind, time.perf_counter() - started)
    return jsonify(reply.to_dict(svc.settings.public_url))


@api.post("/api/feedback")
def feedback() -> Response:
    data = json_body()
    conversation_id = optional_string(data, "conversation_id", MAX_ID)
    if not conversation_id:
        fail(400, "missing_conversation_id", 'the body needs the "conversation_id" of the answer')
    helpful = data.get("helpful")
    if not isinstance(helpful, bool):
        fail(400, "invalid_helpful", "helpful must be true or false")
    comment = optional_string(data, "comment", MAX_TEXT)
    about = {name: optional_string(data, name, MAX_TEXT) for name in ("question", "document", "section")}
    service().feedback(conversation_id, helpful, comment.strip() if comment else None, about)
    return Response(status=204)


@api.get("/healthz")
def healthz() -> Response:
    status = service().health()
    status["worker"] = {"pid": os.getpid(), "resident_mb": round(resident_bytes() / 2**20, 1)}
    return jsonify(status)


@api.get("/api/documents")
def documents() -> Response:
    out = []
    for doc in service().bot.documents:
        out.append({
            "document": doc.id, "title": doc.title, "url": doc.url,
            "sections": [{"section": s.heading, "anchor": s.anchor, "url": f"{doc.url}#{s.anchor}",
                          "characters": s.size} for s in doc.sections],
        })
    return jsonify(documents=out, suggestions=service().bot.topics[:3])


@api.get("/api/welcome")
def welcome() -> Response:
    """How a chat opens, from the loaded documents: greeting, starter questions, titles."""
    return jsonify(service().welcome())


@api.get("/openapi.json")
def openapi() -> Response:
    settings = service().settings
    return jsonify(build_spec(slack=settings.channels["slack"], mattermost=settings.channels["mattermost"],
                              admin=bool(settings.admin_token), max_question=settings.max_question_chars))
