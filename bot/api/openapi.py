"""The OpenAPI 3 document of the back-office API, served at ``/api/v1/openapi.json``."""

from __future__ import annotations

from typing import Any

from bot.api.errors import ERRORS
from bot.api.schema import TEXT_MAX, StatusChange

STATUSES = list(StatusChange.model_fields["status"].annotation.__args__)  # type: ignore[union-attr]


def _error_ref(*codes: str) -> dict[str, Any]:
    return {
        "description": "; ".join(f"`{c}`: {ERRORS[c][1]}" for c in codes),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _ok(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Application"}}
        },
    }


NUMBER_PARAM = {
    "name": "number",
    "in": "path",
    "required": True,
    "description": "The application number the applicant received, e.g. LIC-2026-000123.",
    "schema": {"type": "string", "maxLength": 32},
}

AUTH_ERRORS = {
    "401": _error_ref("unauthorized", "invalid_token"),
    "403": _error_ref("token_revoked", "forbidden_scope"),
    "404": _error_ref("application_not_found"),
    "500": _error_ref("internal_error"),
}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Licence assistant back-office API",
            "version": "1.0.0",
            "description": (
                "Lets the agency's back office read applications and push status changes "
                "without Telegram. Each change is validated against the status graph, stored "
                "as an event and notified to the applicant in their language.\n\n"
                "Authentication: `Authorization: Bearer <token>`, one token per client, "
                "created with `python run_bot.py tokens create NAME [--scope SERVICE_ID,...]` "
                "(shown once; only its hash is stored). Missing or unknown token: 401. Revoked "
                "token: 403 `token_revoked`. A client created with a scope may only access "
                "applications of the listed services; others: 403 `forbidden_scope`.\n\n"
                "Errors: `{\"error\": {\"code\", \"message\"}}` with a stable `code`."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/applications/{number}": {
                "get": {
                    "operationId": "getApplication",
                    "summary": "Read an application: status, due date, history.",
                    "parameters": [NUMBER_PARAM],
                    "responses": {"200": _ok("The application."), **AUTH_ERRORS},
                }
            },
            "/api/v1/applications/{number}/status": {
                "post": {
                    "operationId": "changeStatus",
                    "summary": "Move an application to another status.",
                    "description": (
                        "Allowed moves: submitted→accepted→in_review→(needs_documents↔"
                        "in_review)→approved|refused→issued. `refused` needs `reason`; "
                        "`needs_documents` needs `items` (checklist item ids of the "
                        "application). The applicant is notified."
                    ),
                    "parameters": [NUMBER_PARAM],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/StatusChange"}
                            }
                        },
                    },
                    "responses": {
                        "200": _ok("The application after the change."),
                        **AUTH_ERRORS,
                        "409": _error_ref("transition_not_allowed"),
                        "413": _error_ref("body_too_large"),
                        "422": _error_ref(
                            "invalid_body", "reason_required", "items_required", "unknown_items"
                        ),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document.",
                    "security": [],
                    "responses": {"200": {"description": "OpenAPI 3 document."}},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "StatusChange": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["status"],
                    "properties": {
                        "status": {"type": "string", "enum": STATUSES},
                        "comment": {"type": "string", "maxLength": TEXT_MAX, "nullable": True},
                        "reason": {"type": "string", "maxLength": TEXT_MAX, "nullable": True},
                        "items": {
                            "type": "array",
                            "items": {"type": "string"},
                            "maxItems": 50,
                            "nullable": True,
                        },
                    },
                },
                "Event": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string", "format": "date-time"},
                        "kind": {"type": "string", "enum": ["status", "comment"]},
                        "from": {"type": "string", "nullable": True},
                        "to": {"type": "string"},
                        "actor": {"type": "string", "description": "applicant|staff|api|system"},
                        "comment": {"type": "string", "nullable": True},
                        "reason": {"type": "string", "nullable": True},
                        "items": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "Application": {
                    "type": "object",
                    "properties": {
                        "number": {"type": "string"},
                        "service_id": {"type": "string"},
                        "service_title": {
                            "type": "object",
                            "properties": {"kk": {"type": "string"}, "ru": {"type": "string"}},
                        },
                        "case": {"type": "string", "nullable": True},
                        "applicant_type": {"type": "string", "nullable": True},
                        "channel": {"type": "string", "nullable": True},
                        "status": {"type": "string", "enum": STATUSES},
                        "submitted_at": {"type": "string", "format": "date-time"},
                        "updated_at": {"type": "string", "format": "date-time"},
                        "due_date": {"type": "string", "format": "date", "nullable": True},
                        "deadline": {
                            "type": "object",
                            "properties": {
                                "value": {"type": "number", "nullable": True},
                                "unit": {"type": "string", "nullable": True},
                                "citation": {"type": "string", "nullable": True},
                            },
                        },
                        "overdue": {"type": "boolean"},
                        "requested_items": {"type": "array", "items": {"type": "string"}},
                        "allowed_transitions": {
                            "type": "array",
                            "items": {"type": "string", "enum": STATUSES},
                        },
                        "history": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Event"},
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string", "enum": sorted(ERRORS)},
                                "message": {"type": "string"},
                                "details": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    },
                },
            },
        },
    }
