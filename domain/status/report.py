"""The deadline report for staff: overdue applications and those due today or by the next working
day. Shown by ``/overdue`` and posted once a day to the staff chat (through the outbox, one row
per day, so a restart or a second process never posts it twice).

Only application numbers, services, statuses and dates appear: no personal data.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.i18n import N_, t
from domain.status.labels import status_label
from domain.status.notifications import format_date

TITLE = N_("Deadline report for {date}")
OVERDUE = N_("Overdue:\n{lines}")
DUE_TODAY = N_("Due today:\n{lines}")
DUE_NEXT = N_("Due on the next working day, {date}:\n{lines}")
NOTHING = N_("No application is overdue or due by {date}.")
LINE = N_("{number} · {service} · {status} · due {due_date}")

REPORT_KIND = "staff_report"


def _title(app: Any, lang: str) -> str:
    titles = app.service_title or {}
    other = "kk" if lang == "ru" else "ru"
    return titles.get(lang) or titles.get(other) or app.service_id


def _lines(apps: list[Any], lang: str) -> str:
    return "\n".join(
        "• "
        + t(
            lang,
            LINE,
            number=app.number,
            service=_title(app, lang),
            status=t(lang, status_label(app.status)),
            due_date=format_date(app.due_date) or "—",
        )
        for app in apps
    )


def report_parts(report: Any, lang: str) -> list[dict[str, Any]]:
    """Payload parts (``{"key", "params"}``) of a ``DeadlineReport`` in ``lang``."""
    parts: list[dict[str, Any]] = [{"key": TITLE, "params": {"date": format_date(report.today)}}]
    if report.empty:
        parts.append({"key": NOTHING, "params": {"date": format_date(report.tomorrow)}})
        return parts
    if report.overdue:
        parts.append({"key": OVERDUE, "params": {"lines": _lines(report.overdue, lang)}})
    if report.due_today:
        parts.append({"key": DUE_TODAY, "params": {"lines": _lines(report.due_today, lang)}})
    if report.due_tomorrow:
        parts.append(
            {
                "key": DUE_NEXT,
                "params": {
                    "date": format_date(report.tomorrow),
                    "lines": _lines(report.due_tomorrow, lang),
                },
            }
        )
    return parts


async def build_report(session: AsyncSession, today: date) -> Any:
    """The ``DeadlineReport`` of ``today`` (next working day by Kazakhstan's calendar)."""
    from domain.applications.queries import deadline_report
    from domain.calendar import default_calendar

    return await deadline_report(session, today, calendar=default_calendar())


async def enqueue_daily_report(
    session: AsyncSession, *, chat_id: int, today: date, lang: str, now: datetime | None = None
) -> bool:
    """Put today's report for the staff chat into the outbox (once per chat and day)."""
    from domain.outbox import enqueue

    report = await build_report(session, today)
    # The lines are already in ``lang``: the sender must not switch to another language.
    payload = {"lang": lang, "lang_fixed": True, "parts": report_parts(report, lang)}
    return await enqueue(
        session,
        chat_id=chat_id,
        kind=REPORT_KIND,
        payload=payload,
        dedup_key=f"{REPORT_KIND}:{chat_id}:{today.isoformat()}",
        now=now,
    )
