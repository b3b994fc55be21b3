"""Submission: a complete (or knowingly incomplete) draft becomes an application.

The application gets a human-friendly number (``LIC-<year>-<6 digits>``, a per-year sequence),
the status ``submitted`` with its first event, the draft's uploads, and the statutory due date
computed with the working-day calendar from the knowledge base's deadline for the case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.drafts import _require_open, list_uploads
from domain.applications.errors import DraftIncomplete, InvalidDetails, NotOwner
from domain.applications.models import (
    Application,
    ApplicationCounter,
    Draft,
    StatusEvent,
    Upload,
    utcnow,
)
from domain.applications.status import Actor
from domain.calendar import WorkingCalendar, default_calendar
from domain.identity import Bin, Iin, parse_identity

NUMBER_PREFIX = "LIC"
_NUMBER_RE = re.compile(r"^\s*([A-Za-z]{2,5})[-\s]?(\d{4})[-\s]?(\d{1,9})\s*$")
_PHONE_JUNK = re.compile(r"[\s\-().]")


class DeadlineLike(Protocol):
    """``knowledge.Deadline``: value, unit ("working_days" | "working_hours" |
    "calendar_days") and the citation of the regulation's paragraph."""

    value: float | int | None
    unit: str | None
    citation: Any


def format_number(year: int, seq: int, prefix: str = NUMBER_PREFIX) -> str:
    return f"{prefix}-{year}-{seq:06d}"


def normalise_number(text: str) -> str | None:
    """``lic 2026 123`` / ``LIC-2026-000123`` -> ``LIC-2026-000123``; None if not a number."""
    match = _NUMBER_RE.match(text or "")
    if not match:
        return None
    prefix, year, seq = match.groups()
    return format_number(int(year), int(seq), prefix.upper())


async def next_number(session: AsyncSession, year: int, prefix: str = NUMBER_PREFIX) -> str:
    """Atomically take the next number of ``year`` (row-level upsert on both databases)."""
    table = ApplicationCounter.__table__
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(year=year, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["year"], set_={"last": table.c.last + 1}
    ).returning(table.c.last)
    seq = (await session.execute(stmt)).scalar_one()
    return format_number(year, seq, prefix)


def normalise_phone(phone: str | None) -> str:
    """Digits with a leading ``+``; Kazakh numbers written ``8 7xx`` become ``+7 7xx``."""
    raw = _PHONE_JUNK.sub("", phone or "")
    digits = raw.lstrip("+")
    if not digits.isdigit() or not 10 <= len(digits) <= 15:
        raise InvalidDetails("phone number", field="phone")
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    elif len(digits) == 10:
        digits = "7" + digits
    return "+" + digits


def normalise_name(name: str | None) -> str:
    text = " ".join((name or "").split())
    if len(text) < 2 or len(text) > 255 or not any(ch.isalpha() for ch in text):
        raise InvalidDetails("name", field="name")
    return text


def _items(items: Iterable[Mapping[str, Any] | str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        entry = (
            {"id": item}
            if isinstance(item, str)
            else {k: v for k, v in dict(item).items() if k in ("id", "name_kk", "name_ru")}
        )
        if entry.get("id"):
            out.append(entry)
    return out


def _citation_text(citation: Any) -> str | None:
    if citation is None:
        return None
    if isinstance(citation, str):
        return citation
    if isinstance(citation, Mapping):
        return str(citation.get("text") or citation.get("ref") or dict(citation))
    label = citation.label() if callable(getattr(citation, "label", None)) else ""
    act = getattr(citation, "act_id", None)
    if act:  # knowledge.Citation: "<act id>, p. 9, 2)"
        return f"{act}, {label}" if label else str(act)
    return str(getattr(citation, "text", None) or citation)


async def submit_draft(
    session: AsyncSession,
    draft: Draft,
    *,
    owner_id: int,
    identity: Iin | Bin | str,
    name: str,
    phone: str | None,
    chat_id: int,
    lang: str,
    service_title: Mapping[str, str] | None = None,
    deadline: DeadlineLike | None = None,
    missing: Sequence[Mapping[str, Any] | str] = (),
    known_gap: bool = False,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
) -> Application:
    """Create the application from ``draft``. ``missing`` are the checklist items still missing
    (from ``kb.checklist``); with any missing the applicant must have chosen ``known_gap``.
    Raises ``IdentityError`` (bad IIN/BIN), ``InvalidDetails``, ``DraftIncomplete``,
    ``DraftClosed``, ``NotOwner``."""
    if draft.owner_id != owner_id:
        raise NotOwner("not the draft's owner")
    _require_open(draft)
    parsed = parse_identity(identity) if isinstance(identity, str) else identity
    clean_name = normalise_name(name)
    clean_phone = normalise_phone(phone) if phone else None
    missing_items = _items(missing)
    if missing_items and not known_gap:
        raise DraftIncomplete("documents missing", count=len(missing_items))
    now = now or utcnow()
    calendar = calendar or default_calendar()
    due_date = due_at = None
    value = getattr(deadline, "value", None) if deadline is not None else None
    unit = getattr(deadline, "unit", None) if deadline is not None else None
    if value and unit:
        due = calendar.due(now, value, unit)
        due_date, due_at = due.date, due.at
    year = calendar.local_date(now).year
    app = Application(
        number=await next_number(session, year),
        owner_id=owner_id,
        chat_id=chat_id,
        lang=lang if lang in ("kk", "ru") else "kk",
        draft_id=draft.id,
        service_id=draft.service_id,
        service_title=dict(service_title or {}),
        case_id=draft.case_id,
        applicant_type=draft.applicant_type,
        channel=draft.channel,
        identity_kind=parsed.kind,
        identity_number=parsed.number,
        name=clean_name,
        phone=clean_phone,
        status="submitted",
        submitted_at=now,
        updated_at=now,
        due_date=due_date,
        due_at=due_at,
        deadline_value=float(value) if value and unit else None,
        deadline_unit=unit if value and unit else None,
        deadline_citation=_citation_text(getattr(deadline, "citation", None))
        if deadline
        else None,
        known_gap=bool(missing_items),
        missing_items=missing_items,
    )
    session.add(app)
    await session.flush()
    await session.execute(
        sa.update(Upload).where(Upload.draft_id == draft.id).values(application_id=app.id)
    )
    draft.status = "submitted"
    draft.application_id = app.id
    draft.updated_at = now
    session.add(
        StatusEvent(
            application_id=app.id,
            kind="status",
            from_status=None,
            to_status="submitted",
            actor=str(Actor.applicant(owner_id)),
            actor_kind="applicant",
            created_at=now,
        )
    )
    await session.flush()
    return app


async def receipt(session: AsyncSession, app: Application) -> dict[str, Any]:
    """What the receipt message shows (JSON-serialisable; the flow renders it)."""
    uploads = await list_uploads(session, application_id=app.id)
    return {
        "number": app.number,
        "service_id": app.service_id,
        "service_title": dict(app.service_title or {}),
        "status": app.status,
        "submitted_at": app.submitted_at.isoformat(),
        "due_date": app.due_date.isoformat() if app.due_date else None,
        "due_at": app.due_at.isoformat() if app.due_at else None,
        "deadline": (
            {
                "value": app.deadline_value,
                "unit": app.deadline_unit,
                "citation": app.deadline_citation,
            }
            if app.deadline_value is not None
            else None
        ),
        "documents": [
            {
                "upload_id": u.id,
                "item_id": u.item_id,
                "kind": u.kind,
                "size": u.size,
                "name": u.original_name,
            }
            for u in uploads
        ],
        "known_gap": app.known_gap,
        "missing_items": list(app.missing_items or []),
        "identity": app.identity_masked,
    }
