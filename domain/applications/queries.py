"""Read side: an application by number, an applicant's own list, the staff queue, deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.errors import ApplicationNotFound
from domain.applications.models import Application, StatusEvent, Upload
from domain.applications.status import ACTIVE, DEADLINE_RUNNING
from domain.applications.submit import normalise_number


async def get_by_number(session: AsyncSession, number: str) -> Application | None:
    normal = normalise_number(number)
    if normal is None:
        return None
    return await session.scalar(sa.select(Application).where(Application.number == normal))


async def get_application(
    session: AsyncSession, number: str, *, owner_id: int | None = None
) -> Application:
    """The application ``number``; with ``owner_id`` only the owner's (others: not found)."""
    app = await get_by_number(session, number)
    if app is None or (owner_id is not None and app.owner_id != owner_id):
        raise ApplicationNotFound("no such application", number=number)
    return app


async def list_for_owner(session: AsyncSession, owner_id: int) -> list[Application]:
    """The applicant's applications, newest first (/my)."""
    rows = await session.scalars(
        sa.select(Application)
        .where(Application.owner_id == owner_id)
        .order_by(Application.submitted_at.desc(), Application.id.desc())
    )
    return list(rows)


async def open_queue(
    session: AsyncSession,
    *,
    limit: int = 20,
    offset: int = 0,
    service_ids: list[str] | None = None,
) -> list[Application]:
    """Applications staff still has work on, oldest first (/queue)."""
    stmt = sa.select(Application).where(Application.status.in_(sorted(ACTIVE)))
    if service_ids is not None:
        stmt = stmt.where(Application.service_id.in_(service_ids))
    rows = await session.scalars(
        stmt.order_by(Application.submitted_at, Application.id).limit(limit).offset(offset)
    )
    return list(rows)


async def count_open(session: AsyncSession) -> int:
    return int(
        await session.scalar(
            sa.select(sa.func.count())
            .select_from(Application)
            .where(Application.status.in_(sorted(ACTIVE)))
        )
        or 0
    )


@dataclass
class DeadlineReport:
    today: date
    tomorrow: date  # the next working day when a calendar was given
    overdue: list[Application] = field(default_factory=list)
    due_today: list[Application] = field(default_factory=list)
    due_tomorrow: list[Application] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_today or self.due_tomorrow)


async def deadline_report(session: AsyncSession, today: date, *, calendar=None) -> DeadlineReport:
    """Applications whose statutory deadline has passed, ends today, or ends on the next day
    (the next working day with ``calendar``): for ``/overdue`` and the daily staff report.
    Only statuses in which the decision is still pending count."""
    tomorrow = calendar.next_working_day(today) if calendar is not None else today + timedelta(1)
    rows = await session.scalars(
        sa.select(Application)
        .where(
            Application.status.in_(sorted(DEADLINE_RUNNING)),
            Application.due_date.is_not(None),
            Application.due_date <= tomorrow,
        )
        .order_by(Application.due_date, Application.submitted_at, Application.id)
    )
    report = DeadlineReport(today=today, tomorrow=tomorrow)
    for app in rows:
        assert app.due_date is not None
        if app.due_date < today:
            report.overdue.append(app)
        elif app.due_date == today:
            report.due_today.append(app)
        else:
            report.due_tomorrow.append(app)
    return report


async def history(session: AsyncSession, application_id: int) -> list[StatusEvent]:
    rows = await session.scalars(
        sa.select(StatusEvent)
        .where(StatusEvent.application_id == application_id)
        .order_by(StatusEvent.id)
    )
    return list(rows)


async def outstanding_requested(session: AsyncSession, app: Application) -> list[dict]:
    """Requested documents (``needs_documents``) not yet uploaded since the request."""
    if app.status != "needs_documents" or not app.requested_items:
        return []
    uploaded = set(
        await session.scalars(
            sa.select(Upload.item_id).where(
                Upload.application_id == app.id,
                Upload.created_at >= app.requested_at,
            )
        )
    )
    return [item for item in app.requested_items if item.get("id") not in uploaded]
