"""Weekly ticket statistics: counts and median first-response time (for ``/stats``)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from domain.operators.models import CLOSED, Ticket, as_utc


@dataclass(frozen=True)
class WeekStats:
    week_start: date  # Monday, local date
    opened: int
    answered: int  # of the tickets opened that week, how many got an operator's answer
    closed: int  # of the tickets opened that week, how many are closed
    median_first_response: timedelta | None
    reopened: int


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def weekly_stats(
    session: AsyncSession, *, now: datetime, weeks: int = 4, tz: str = "Asia/Almaty"
) -> list[WeekStats]:
    """The last ``weeks`` weeks (Monday to Sunday, local time), oldest first."""
    zone = ZoneInfo(tz)
    this_monday = week_start(now.astimezone(zone).date())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    since = datetime.combine(first_monday, time(0), zone)
    stmt = select(Ticket).where(Ticket.created_at >= since.astimezone(now.tzinfo))
    tickets = (await session.execute(stmt)).scalars().all()
    buckets: dict[date, list[Ticket]] = {
        first_monday + timedelta(weeks=i): [] for i in range(weeks)
    }
    for ticket in tickets:
        monday = week_start(as_utc(ticket.created_at).astimezone(zone).date())
        if monday in buckets:
            buckets[monday].append(ticket)
    out = []
    for monday, rows in buckets.items():
        delays = [
            as_utc(t.first_response_at) - as_utc(t.created_at)
            for t in rows
            if t.first_response_at is not None
        ]
        out.append(
            WeekStats(
                week_start=monday,
                opened=len(rows),
                answered=len(delays),
                closed=sum(1 for t in rows if t.status == CLOSED),
                median_first_response=statistics.median(delays) if delays else None,
                reopened=sum(1 for t in rows if t.reopened_count),
            )
        )
    return out
