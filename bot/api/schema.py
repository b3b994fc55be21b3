"""Request validation and response shapes of the back-office API (no personal data).

Responses never carry the applicant's identity number, name, phone or file contents: the back
office pushes decisions by application number and reads status, deadline and history.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.api.errors import ApiError

# Kept literal for static typing and the OpenAPI schema; tests/api/test_schema_statuses.py
# asserts it equals domain.applications.status.STATUSES.
StatusName = Literal[
    "submitted",
    "accepted",
    "in_review",
    "needs_documents",
    "approved",
    "refused",
    "issued",
    "withdrawn",
]
TEXT_MAX = 2000
MAX_BODY_BYTES = 16 * 1024


class StatusChange(BaseModel):
    """Body of ``POST /api/v1/applications/{number}/status``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: StatusName
    comment: str | None = Field(default=None, max_length=TEXT_MAX)
    reason: str | None = Field(default=None, max_length=TEXT_MAX)
    # checklist item ids the applicant must (re)upload; required for "needs_documents"
    items: list[str] | None = Field(default=None, max_length=50)


def parse_status_change(raw: bytes) -> StatusChange:
    import json

    try:
        data = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError("invalid_body", "The request body is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise ApiError("invalid_body", "The request body must be a JSON object.")
    try:
        return StatusChange.model_validate(data)
    except ValidationError as exc:
        details = [
            {"field": ".".join(str(p) for p in err["loc"]), "problem": err["msg"]}
            for err in exc.errors(include_input=False, include_url=False)
        ]
        raise ApiError("invalid_body", details=details) from exc


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_json(event: Any) -> dict[str, Any]:
    return {
        "at": _iso(event.created_at),
        "kind": event.kind,
        "from": event.from_status,
        "to": event.to_status,
        "actor": event.actor_kind,
        "comment": event.comment,
        "reason": event.reason,
        "items": [i.get("id") for i in (event.items or [])],
    }


def application_json(
    app: Any, *, events: list[Any], allowed: list[str], today: date | None = None
) -> dict[str, Any]:
    overdue = bool(
        today is not None
        and app.due_date is not None
        and app.due_date < today
        and app.status in {"submitted", "accepted", "in_review", "needs_documents"}
    )
    return {
        "number": app.number,
        "service_id": app.service_id,
        "service_title": dict(app.service_title or {}),
        "case": app.case_id,
        "applicant_type": app.applicant_type,
        "channel": app.channel,
        "status": app.status,
        "submitted_at": _iso(app.submitted_at),
        "updated_at": _iso(app.updated_at),
        "due_date": _iso(app.due_date),
        "deadline": {
            "value": app.deadline_value,
            "unit": app.deadline_unit,
            "citation": app.deadline_citation,
        },
        "overdue": overdue,
        "requested_items": [i.get("id") for i in (app.requested_items or [])],
        "allowed_transitions": allowed,
        "history": [event_json(e) for e in events],
    }
