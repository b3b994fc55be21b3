"""The status graph of an application and the one function that moves along it.

    submitted -> accepted -> in_review -> (needs_documents <-> in_review) -> approved | refused
    approved -> issued
    withdrawn: by the applicant, from submitted / accepted / in_review / needs_documents

Staff and the back-office API make every move except ``withdrawn``; the applicant makes only
``withdrawn``. Each change is a ``StatusEvent`` plus, for the applicant, an ``Outbox`` row, both
added to the caller's session: they commit together with the status or not at all. The status
update itself is conditional on the status read (``WHERE status = :from``), so two staff members
acting at once cannot both win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.errors import (
    CommentRequired,
    ItemsRequired,
    NotOwner,
    ReasonRequired,
    TransitionError,
    UnknownStatus,
    UploadsNotRequested,
)
from domain.applications.models import Application, StatusEvent, utcnow

STATUSES: tuple[str, ...] = (
    "submitted",
    "accepted",
    "in_review",
    "needs_documents",
    "approved",
    "refused",
    "issued",
    "withdrawn",
)
GRAPH: dict[str, frozenset[str]] = {
    "submitted": frozenset({"accepted", "withdrawn"}),
    "accepted": frozenset({"in_review", "withdrawn"}),
    "in_review": frozenset({"needs_documents", "approved", "refused", "withdrawn"}),
    "needs_documents": frozenset({"in_review", "withdrawn"}),
    "approved": frozenset({"issued"}),
    "refused": frozenset(),
    "issued": frozenset(),
    "withdrawn": frozenset(),
}
FINAL: frozenset[str] = frozenset(s for s, nxt in GRAPH.items() if not nxt)
WITHDRAWABLE: frozenset[str] = frozenset(s for s, nxt in GRAPH.items() if "withdrawn" in nxt)
# Statuses staff still has work on (the queue), and those a statutory deadline runs in.
ACTIVE: frozenset[str] = frozenset(STATUSES) - FINAL
DEADLINE_RUNNING: frozenset[str] = WITHDRAWABLE
APPLICANT_MOVES: frozenset[str] = frozenset({"withdrawn"})
ACTOR_KINDS = ("applicant", "staff", "api", "system")


@dataclass(frozen=True)
class Actor:
    """Who makes a change: ``kind`` is applicant/staff/api/system, ``ref`` a user id or name."""

    kind: str
    ref: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"unknown actor kind {self.kind!r}")

    @classmethod
    def applicant(cls, user_id: int) -> Actor:
        return cls("applicant", str(user_id))

    @classmethod
    def staff(cls, user_id: int) -> Actor:
        return cls("staff", str(user_id))

    @classmethod
    def api(cls, client_name: str) -> Actor:
        return cls("api", client_name)

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref}" if self.ref else self.kind


def allowed_transitions(status: str, actor_kind: str = "staff") -> list[str]:
    """The statuses ``actor_kind`` may move an application in ``status`` to, in graph order."""
    nxt = GRAPH.get(status, frozenset())
    if actor_kind == "applicant":
        nxt = nxt & APPLICANT_MOVES
    else:
        nxt = nxt - APPLICANT_MOVES
    return [s for s in STATUSES if s in nxt]


def check_transition(from_status: str, to_status: str, actor_kind: str) -> None:
    """Raise ``TransitionError`` (with ``why``) unless the move is allowed for this actor."""
    if to_status not in GRAPH:
        raise UnknownStatus("unknown status", status=to_status)
    params = {"from_status": from_status, "to_status": to_status}
    if from_status == to_status:
        raise TransitionError("already in this status", why="same_status", **params)
    if to_status not in GRAPH.get(from_status, frozenset()):
        why = "final" if from_status in FINAL else "not_in_graph"
        raise TransitionError("not an edge of the status graph", why=why, **params)
    if to_status in APPLICANT_MOVES and actor_kind != "applicant":
        raise TransitionError("only the applicant withdraws", why="applicant_only", **params)
    if to_status not in APPLICANT_MOVES and actor_kind == "applicant":
        raise TransitionError("only staff decide", why="staff_only", **params)


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _items(items: Iterable[Mapping[str, Any] | str] | None) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for item in items or ():
        entry = (
            {"id": item}
            if isinstance(item, str)
            else {k: item.get(k) for k in ("id", "name_kk", "name_ru") if item.get(k) is not None}
        )
        if entry.get("id") and entry["id"] not in {e["id"] for e in result}:
            result.append(entry)
    return result


def ensure_accepts_uploads(application: Application, owner_id: int) -> None:
    """Only the owner uploads to an application, and only after documents were requested."""
    if application.owner_id != owner_id:
        raise NotOwner("not the applicant")
    if application.status != "needs_documents":
        raise UploadsNotRequested("documents are not requested now", status=application.status)


def _notification(
    app: Application,
    to_status: str,
    *,
    lang: str | None,
    comment: str | None,
    reason: str | None,
    items: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    from domain.status.notifications import status_notification

    return status_notification(
        number=app.number,
        to_status=to_status,
        lang=lang or app.lang,
        service_title=app.service_title or None,
        comment=comment,
        reason=reason,
        items=items,
        due_date=app.due_date,
        deadline_known=app.deadline_value is not None,
    )


async def change_status(
    session: AsyncSession,
    app: Application,
    to_status: str,
    *,
    actor: Actor,
    comment: str | None = None,
    reason: str | None = None,
    items: Iterable[Mapping[str, Any] | str] | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    notify: bool | None = None,
) -> StatusEvent:
    """Move ``app`` to ``to_status``; add the event and the applicant's notification.

    ``refused`` needs ``reason``; ``needs_documents`` needs ``items`` (ids or
    ``{"id", "name_kk", "name_ru"}``), which reopen those checklist slots for upload.
    ``notify`` defaults to True except for the applicant's own withdrawal.
    """
    from_status = app.status
    check_transition(from_status, to_status, actor.kind)
    if actor.kind == "applicant" and str(app.owner_id) != actor.ref:
        raise NotOwner("not the applicant")
    comment, reason = _clean(comment), _clean(reason)
    requested = _items(items)
    if to_status == "refused" and not reason:
        raise ReasonRequired("a refusal needs a reason")
    if to_status == "needs_documents" and not requested:
        raise ItemsRequired("name the missing documents")
    now = now or utcnow()
    values: dict[str, Any] = {"status": to_status, "updated_at": now}
    if to_status == "needs_documents":
        values.update(requested_items=requested, requested_at=now)
    elif from_status == "needs_documents":
        values.update(requested_items=[], requested_at=None)
    if to_status == "refused":
        values["decision_reason"] = reason
    result = await session.execute(
        sa.update(Application)
        .where(Application.id == app.id, Application.status == from_status)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise TransitionError(
            "changed meanwhile", why="conflict", from_status=from_status, to_status=to_status
        )
    await session.refresh(app)
    event = StatusEvent(
        application_id=app.id,
        kind="status",
        from_status=from_status,
        to_status=to_status,
        actor=str(actor)[:96],
        actor_kind=actor.kind,
        comment=comment,
        reason=reason,
        items=requested or None,
        created_at=now,
    )
    session.add(event)
    await session.flush()
    if notify if notify is not None else actor.kind != "applicant":
        from domain.outbox import enqueue

        payload = _notification(
            app, to_status, lang=lang, comment=comment, reason=reason, items=requested
        )
        await enqueue(
            session,
            chat_id=app.chat_id,
            kind="status",
            payload=payload,
            dedup_key=f"status:{app.id}:{event.id}",
            now=now,
        )
    return event


async def withdraw(
    session: AsyncSession,
    app: Application,
    *,
    owner_id: int,
    now: datetime | None = None,
    comment: str | None = None,
) -> StatusEvent:
    """The applicant withdraws their own application."""
    return await change_status(
        session, app, "withdrawn", actor=Actor.applicant(owner_id), comment=comment, now=now
    )


async def add_comment(
    session: AsyncSession,
    app: Application,
    comment: str,
    *,
    actor: Actor,
    now: datetime | None = None,
    lang: str | None = None,
    notify: bool = True,
) -> StatusEvent:
    """A staff comment without a status change: an event, and a message to the applicant."""
    text = _clean(comment)
    if not text:
        raise CommentRequired("empty comment")
    now = now or utcnow()
    event = StatusEvent(
        application_id=app.id,
        kind="comment",
        from_status=app.status,
        to_status=app.status,
        actor=str(actor)[:96],
        actor_kind=actor.kind,
        comment=text,
        created_at=now,
    )
    session.add(event)
    await session.flush()
    if notify:
        from domain.outbox import enqueue
        from domain.status.notifications import comment_notification

        await enqueue(
            session,
            chat_id=app.chat_id,
            kind="comment",
            payload=comment_notification(number=app.number, comment=text, lang=lang or app.lang),
            dedup_key=f"comment:{app.id}:{event.id}",
            now=now,
        )
    return event
