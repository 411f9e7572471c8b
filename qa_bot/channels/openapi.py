"""The OpenAPI 3 description of every route, served at /openapi.json (chat routes only when switched on)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["NOT_BLANK", "SPEC", "build_spec"]

# What Python's str.strip() removes, so "not blank" means the same in the schema as in Bot.ask.
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
NOT_BLANK = f"[^{_SPACES}]"
MAX_QUESTION = 2000
MAX_ID = 200
MAX_TEXT = 2000
MAX_HISTORY = 20


def _error(description: str, code: str, message: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}, "example": {"error": {"code": code, "message": message}}}}}


_E400 = _error("a malformed request: bad JSON, a missing or blank question, a wrong type, a value over its "
               "maxLength (conversation_id_too_long, history_too_long, comment_too_long, ...)",
               "missing_question", 'the body needs a "question" string')
_E401 = _error("the request is not authorised", "unauthorized", "send Authorization: Bearer <admin token>")
_E404 = _error("nothing here", "not_found", "there is nothing at /docs/x; GET /openapi.json lists the API's routes")
_E413 = _error("a question over QA_BOT_MAX_QUESTION_CHARS (question_too_long) or a body over "
               "QA_BOT_MAX_BODY_BYTES (body_too_large)", "question_too_long",
               "the question is 2400 characters long; the limit is 2000")
_E415 = _error("the body is not UTF-8 JSON", "unsupported_media_type",
               "send the body as JSON with Content-Type: application/json")
_E429 = {**_error("rate limited (QA_BOT_RATE_LIMIT)", "rate_limited", "too many requests; try again in 12 s"),
         "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}}
_JSON_ERRORS = {"400": _E400, "413": _E413, "415": _E415, "429": _E429}
_NULLABLE_TEXT = {"type": "string", "nullable": True, "maxLength": MAX_TEXT}

_CITATION = {
    "type": "object",
    "required": ["document", "title", "section", "quote", "start", "end", "url"],
    "properties": {
        "document": {"type": "string", "description": "document id: its file name without extension"},
        "title": {"type": "string"},
        "section": {"type": "string", "description": "the heading, one line"},
        "quote": {"type": "string", "description": "the quoted text; ' … ' joins pieces that are not adjacent"},
        "start": {"type": "integer", "minimum": 0,
                  "description": "offset of the quote in the loaded text (its first piece in the document)"},
        "end": {"type": "integer", "minimum": 0},
        "spans": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                                             "maxItems": 2},
                  "description": "[start, end] of each quoted piece, in the order shown (a warning list's "
                                 "instruction may lead)"},
        "url": {"type": "string", "description": "the document page, opened at the highlighted passage"},
        "more": {"type": "integer", "minimum": 0,
                 "description": "items of the same list left out of a long answer ('…and 3 more'); the url highlights them"},
    },
}
_ANSWER = {
    "type": "object",
    "required": ["kind", "answer", "confidence", "citations", "suggestions", "conversation_id"],
    "properties": {
        "kind": {"type": "string", "enum": ["answer", "abstain", "smalltalk", "safety"]},
        "answer": {"type": "string", "description": "verbatim document text for kind=answer"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "citations": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}},
        "suggestions": {"type": "array", "items": {"type": "string"}},
        "conversation_id": {"type": "string"},
        "warning": {"type": "boolean", "description": "the answer is a warning sign led by what to do "
                                                      "('Get help right away if:')"},
        "reason": {"type": "string", "enum": ["crisis", "emergency"], "description": "for kind=safety"},
        "intent": {"type": "string", "description": "for kind=smalltalk: greeting, thanks, goodbye, who, help, ...; "
                                                   "also on a safety reply repeated for thanks, ok or a goodbye"},
    },
}
_ANSWER_EXAMPLE = {
    "kind": "answer", "answer": "Hold the cold pack on your knee for 15 to 20 minutes.", "confidence": 1.0,
    "citations": [{"document": "knee-sprain", "title": "Knee Sprain",
                   "section": "How do I use a cold pack?",
                   "quote": "Hold the cold pack on your knee for 15 to 20 minutes.", "start": 412, "end": 465,
                   "spans": [[412, 465]], "more": 0,
                   "url": "/docs/knee-sprain?hl=412-465#how-do-i-use-a-cold-pack"}],
    "suggestions": ["How is Knee Sprain treated?"], "conversation_id": "q0xW3b4yZ6mT1vN8rP2sK5",
}


def _json(schema: dict[str, Any], example: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema, "example": example}}}


def _body(schema: dict[str, Any], example: Any, media: str = "application/json") -> dict[str, Any]:
    return {"required": True, "content": {media: {"schema": schema, "example": example}}}


def _text(media: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {media: {"schema": {"type": "string"}}}}


def _get(summary: str, ok: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"get": {"summary": summary, "responses": {"200": ok, **more.pop("responses", {})}, **more}}


_ASK = {"post": {
    "summary": "Answer a question",
    "requestBody": _body({
        "type": "object", "required": ["question"],
        "properties": {
            # No maxLength: the contract answers an over-long question with 413, not the 400 a schema
            # violation gets; the limit is stated here and the 413 documented below.
            "question": {"type": "string", "minLength": 1, "pattern": NOT_BLANK, "x-max-characters": MAX_QUESTION,
                         "description": f"not blank; at most {MAX_QUESTION} characters (QA_BOT_MAX_QUESTION_CHARS), "
                                        "longer gets 413 question_too_long"},
            "conversation_id": {"type": "string", "nullable": True, "maxLength": MAX_ID,
                                "description": "from an earlier answer; unknown or expired ids start afresh"},
            "history": {"type": "array", "nullable": True, "maxItems": MAX_HISTORY,
                        "items": {"type": "string", "maxLength": MAX_QUESTION},
                        "description": "earlier questions, oldest first, used when the server has none"},
        }}, {"question": "how long should I use a cold pack"}),
    "responses": {"200": _json({"$ref": "#/components/schemas/Answer"}, _ANSWER_EXAMPLE, "the answer object"),
                  **_JSON_ERRORS},
}}
_FEEDBACK = {"post": {
    "summary": "Say whether an answer helped",
    "requestBody": _body({
        "type": "object", "required": ["conversation_id", "helpful"],
        "properties": {"conversation_id": {"type": "string", "minLength": 1, "maxLength": MAX_ID},
                       "helpful": {"type": "boolean"}, "comment": _NULLABLE_TEXT,
                       "question": _NULLABLE_TEXT, "document": _NULLABLE_TEXT, "section": _NULLABLE_TEXT}},
        {"conversation_id": "q0xW3b4yZ6mT1vN8rP2sK5", "helpful": True}),
    "responses": {"204": {"description": "recorded"}, **_JSON_ERRORS,
                  "404": _error("no answer to rate", "unknown_conversation",
                                "conversation 'x' has no answer to rate: it is unknown or has expired; send the "
                                "answer's document and section with the feedback"),
                  "503": _error("the database could not save it", "storage_unavailable",
                                "the feedback could not be saved right now; try again later")},
}}
_DOCUMENTS = _get("The documents and their sections", _json({
    "type": "object", "required": ["documents", "suggestions"],
    "properties": {"suggestions": {"type": "array", "items": {"type": "string"}}, "documents": {"type": "array", "items": {
        "type": "object", "required": ["document", "title", "url", "sections"], "properties": {
            "document": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
            "sections": {"type": "array", "items": {"type": "object", "properties": {
                "section": {"type": "string"}, "anchor": {"type": "string"},
                "url": {"type": "string"}, "characters": {"type": "integer"}}}}}}}}},
    {"documents": [{"document": "knee-sprain", "title": "Knee Sprain",
                    "url": "/docs/knee-sprain", "sections": [
                        {"section": "What are the causes?", "anchor": "what-are-the-causes",
                         "url": "/docs/knee-sprain#what-are-the-causes", "characters": 1068}]}],
     "suggestions": ["What is Knee Sprain?"]}, "documents"))
_WELCOME = _get("How a chat opens: a greeting and starter questions from the loaded documents", _json({
    "type": "object", "required": ["greeting", "disclaimer", "suggestions", "documents"],
    "properties": {"greeting": {"type": "string"}, "disclaimer": {"type": "string"},
                   "suggestions": {"type": "array", "items": {"type": "string"}},
                   "documents": {"type": "array", "items": {"type": "object", "required": ["document", "title", "url"],
                                                            "properties": {"document": {"type": "string"},
                                                                           "title": {"type": "string"},
                                                                           "url": {"type": "string"}}}}}},
    {"greeting": "Hi! I answer questions about Knee Sprain, quoting the document and showing where each "
                 "answer comes from. I share general information from the documents, not medical advice.",
     "disclaimer": "I share general information from the documents, not medical advice.",
     "suggestions": ["What is Knee Sprain?", "What are the symptoms of Knee Sprain?"],
     "documents": [{"document": "knee-sprain", "title": "Knee Sprain", "url": "/docs/knee-sprain"}]},
    "greeting, disclaimer, starter questions and document titles"))
_HEALTH = _get("Liveness and what is loaded", _json({
    "type": "object", "required": ["status", "documents", "sections"],
    "properties": {"status": {"type": "string", "enum": ["ok", "degraded"]}, "documents": {"type": "integer"},
                   "sections": {"type": "integer"}, "reason": {"type": "string"},
                   "worker": {"type": "object", "properties": {"pid": {"type": "integer"},
                                                               "resident_mb": {"type": "number"}}}}},
    {"status": "ok", "documents": 1, "sections": 20, "worker": {"pid": 4242, "resident_mb": 61.5}}, "ok or degraded"))
_DOC_PAGE = _get("A document as a readable page, a cited passage highlighted", _text("text/html", "the page"),
                 parameters=[{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"},
                              "example": "knee-sprain"},
                             {"name": "hl", "in": "query", "required": False, "schema": {"type": "string"},
                              "description": "START-END[,START-END...]; anything malformed is ignored",
                              "example": "412-465"}],
                 responses={"404": _E404})
_ORIGINAL = _get("The file a document was read from, as a download (never rendered)", {
    "description": "the original file, with Content-Disposition: attachment", "content": {
        media: {"schema": {"type": "string", "format": "binary"}} for media in (
            "text/plain", "text/markdown", "text/html", "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}},
    parameters=[{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"},
                 "example": "knee-sprain"}],
    responses={"404": _E404})
_STATIC = _get("The document pages' own CSS and script", {"description": "the file", "content": {
    "text/css": {"schema": {"type": "string"}}, "text/javascript": {"schema": {"type": "string"}}}},
    parameters=[{"name": "filename", "in": "path", "required": True, "schema": {"type": "string"}, "example": "docs.css"}],
    responses={"404": _E404})

_BASE_PATHS: dict[str, Any] = {
    "/api/ask": _ASK,
    "/api/feedback": _FEEDBACK,
    "/api/documents": _DOCUMENTS,
    "/api/welcome": _WELCOME,
    "/healthz": _HEALTH,
    "/openapi.json": _get("This description", _json({"type": "object"}, {"openapi": "3.0.3"}, "OpenAPI 3")),
    "/metrics": _get("Prometheus metrics", _text("text/plain", "the text exposition format")),
    "/": _get("A demo page with the chat widget", _text("text/html", "the page")),
    "/docs/{doc_id}": _DOC_PAGE,
    "/docs/{doc_id}/original": _ORIGINAL,
    "/widget.js": _get("The chat widget's script", _text("text/javascript", "the script")),
    "/widget.css": _get("The chat widget's styles", _text("text/css", "the stylesheet")),
    "/favicon.ico": _get("The site icon", _text("image/vnd.microsoft.icon", "a 32x32 icon")),
    "/static/{filename}": _STATIC,
}

_SLACK_HEADERS = [
    {"name": "X-Slack-Request-Timestamp", "in": "header", "required": True, "schema": {"type": "string"},
     "example": "1531420618"},
    {"name": "X-Slack-Signature", "in": "header", "required": True, "schema": {"type": "string"},
     "description": "v0= HMAC-SHA256 of the raw body with SLACK_SIGNING_SECRET",
     "example": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"}]
_BAD_SIGNATURE = _error("not signed by Slack in the last five minutes", "invalid_signature",
                        "the request is not signed by Slack")
_SLACK_REPLY = _json({"type": "object", "properties": {"response_type": {"type": "string"}, "text": {"type": "string"},
                                                        "blocks": {"type": "array", "items": {"type": "object"}}}},
                     {"response_type": "ephemeral", "text": "Hold the cold pack on your knee for 15 to 20 minutes."},
                     "the answer as a Slack message")
_CHAT_PATHS: dict[str, dict[str, Any]] = {
    "slack": {
        "/slack/commands": {"post": {
            "summary": "A Slack slash command (/ask QUESTION)", "parameters": _SLACK_HEADERS,
            "requestBody": _body({"type": "object", "properties": {"text": {"type": "string"}, "command": {"type": "string"},
                                                                   "team_id": {"type": "string"},
                                                                   "channel_id": {"type": "string"},
                                                                   "user_id": {"type": "string"}}},
                                 {"command": "/ask", "text": "how long should I use a cold pack"},
                                 "application/x-www-form-urlencoded"),
            "responses": {"200": _SLACK_REPLY, "401": _BAD_SIGNATURE, "429": _E429}}},
        "/slack/events": {"post": {
            "summary": "Slack's Events API: url_verification, app_mention, message.im", "parameters": _SLACK_HEADERS,
            "requestBody": _body({"type": "object"}, {"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV"}),
            "responses": {"200": {"description": "acknowledged (the answer is posted with chat.postMessage), or the "
                                                 "url_verification challenge", "content": {"application/json": {
                                                     "schema": {"type": "object"}}, "text/html": {"schema": {"type": "string"}}}},
                          "400": _E400, "401": _BAD_SIGNATURE, "429": _E429}}},
    },
    "mattermost": {"/mattermost": {"post": {
        "summary": "A Mattermost slash command or outgoing webhook",
        "requestBody": {"required": True, "content": {media: {"schema": {
            "type": "object", "required": ["token"],
            "properties": {"token": {"type": "string"}, "text": {"type": "string"}, "command": {"type": "string"},
                           "trigger_word": {"type": "string"}}},
            "example": {"token": "xyz", "text": "how long should I use a cold pack"}}
            for media in ("application/x-www-form-urlencoded", "application/json")}},
        "responses": {"200": _json({"type": "object", "properties": {"response_type": {"type": "string"},
                                                                     "text": {"type": "string"}}},
                                   {"response_type": "ephemeral",
                                    "text": "> Hold the cold pack on your knee for 15 to 20 minutes."},
                                   "the answer in Markdown"),
                      "400": _E400, "401": _error("unknown token", "invalid_token", "unknown Mattermost token"),
                      "429": _E429}}}},
    "admin": {"/admin/reload": {"post": {
        "summary": "Re-read the corpus without downtime", "security": [{"admin": []}],
        "responses": {"202": _json({"type": "object", "properties": {"status": {"type": "string"}}},
                                   {"status": "reloading"}, "the reload has started"),
                      "401": _E401,
                      "409": _error("not started with qa-bot serve", "not_supported",
                                    "reloading needs the server started with `qa-bot serve`")}}}},
}


def build_spec(slack: bool = False, mattermost: bool = False, admin: bool = False,
               max_question: int = MAX_QUESTION) -> dict[str, Any]:
    """The description of the routes this server has: chat and admin routes only when switched on."""
    paths = dict(_BASE_PATHS)
    if max_question != MAX_QUESTION:  # QA_BOT_MAX_QUESTION_CHARS changed: say so where it applies
        ask = json.loads(json.dumps(_ASK))
        fields = ask["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
        fields["question"]["x-max-characters"] = fields["history"]["items"]["maxLength"] = max_question
        fields["question"]["description"] = fields["question"]["description"].replace(str(MAX_QUESTION), str(max_question))
        paths["/api/ask"] = ask
    for name, on in (("slack", slack), ("mattermost", mattermost), ("admin", admin)):
        if on:
            paths.update(_CHAT_PATHS[name])
    return {
        "openapi": "3.0.3",
        "info": {"title": "qa-bot", "version": "1.0.0",
                 "description": "Answers questions about documents with their own words and a citation. "
                                "Errors are JSON: {\"error\": {\"code\": ..., \"message\": ...}}. A value over "
                                "its maxLength gets 400; an over-long question or body gets 413."},
        "paths": paths,
        "components": {
            "schemas": {
                "Citation": _CITATION,
                "Answer": _ANSWER,
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
            },
            "securitySchemes": {"admin": {"type": "http", "scheme": "bearer",
                                          "description": "QA_BOT_ADMIN_TOKEN"}},
        },
    }


SPEC = build_spec()
