"""The OpenAPI 3 description of the JSON routes, served at /openapi.json."""

from __future__ import annotations

from typing import Any

__all__ = ["SPEC"]

_ERROR = {"$ref": "#/components/responses/Error"}
_CITATION = {
    "type": "object",
    "required": ["document", "title", "section", "quote", "start", "end", "url"],
    "properties": {
        "document": {"type": "string", "description": "document id: its file name without extension"},
        "title": {"type": "string"},
        "section": {"type": "string", "description": "the heading, one line"},
        "quote": {"type": "string", "description": "the quoted text; ' … ' joins pieces that are not adjacent"},
        "start": {"type": "integer", "minimum": 0, "description": "offset of the quote in the loaded text"},
        "end": {"type": "integer", "minimum": 0},
        "spans": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                                             "maxItems": 2}},
        "url": {"type": "string", "description": "the document page, opened at the highlighted passage"},
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
    },
}

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "qa-bot", "version": "1.0.0",
             "description": "Answers questions about documents with their own words and a citation."},
    "paths": {
        "/api/ask": {"post": {
            "summary": "Answer a question",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["question"],
                "properties": {
                    "question": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "conversation_id": {"type": "string", "maxLength": 200,
                                        "description": "from an earlier answer; unknown or expired ids start afresh"},
                    "history": {"type": "array", "maxItems": 20, "items": {"type": "string"},
                                "description": "earlier questions, oldest first, used when the server has none"},
                }}}}},
            "responses": {
                "200": {"description": "the answer object",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answer"}}}},
                "400": _ERROR, "413": _ERROR, "415": _ERROR, "429": _ERROR},
        }},
        "/api/feedback": {"post": {
            "summary": "Say whether the last answer of a conversation helped",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["conversation_id", "helpful"],
                "properties": {"conversation_id": {"type": "string", "maxLength": 200},
                               "helpful": {"type": "boolean"},
                               "comment": {"type": "string", "maxLength": 2000}}}}}},
            "responses": {"204": {"description": "recorded"}, "400": _ERROR, "413": _ERROR, "415": _ERROR,
                          "429": _ERROR},
        }},
        "/api/documents": {"get": {
            "summary": "The documents and their sections",
            "responses": {"200": {"description": "documents", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"documents": {"type": "array", "items": {
                    "type": "object", "properties": {
                        "document": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
                        "sections": {"type": "array", "items": {"type": "object", "properties": {
                            "section": {"type": "string"}, "anchor": {"type": "string"},
                            "url": {"type": "string"}, "characters": {"type": "integer"}}}}}}}}}}}}},
        }},
        "/healthz": {"get": {
            "summary": "Liveness and what is loaded",
            "responses": {"200": {"description": "ok or degraded", "content": {"application/json": {"schema": {
                "type": "object", "required": ["status", "documents", "sections"],
                "properties": {"status": {"type": "string", "enum": ["ok", "degraded"]},
                               "documents": {"type": "integer"}, "sections": {"type": "integer"},
                               "reason": {"type": "string"}}}}}}},
        }},
    },
    "components": {
        "schemas": {
            "Citation": _CITATION,
            "Answer": _ANSWER,
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
        },
        "responses": {"Error": {"description": "a client error",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
    },
}
