"""Working-day arithmetic for statutory deadlines.

Days off = Saturdays and Sundays + public holidays of the ``holidays`` KZ calendar (weekend
holidays already moved to the next working day, religious days not moved) + the reviewed
``overrides.yaml`` (Government transfers with their working weekend days, confirmed Kurban ait
dates). Regulations count a deadline "from the day after submission": ``add_working_days(d, n)``
is the n-th working day strictly after ``d``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import holidays
import yaml

DEFAULT_OVERRIDES = Path(__file__).with_name("overrides.yaml")
DEFAULT_TZ = "Asia/Almaty"
# Office hours of state bodies (five-day week): 09:00-18:00 with a lunch break 13:00-14:00.
DEFAULT_HOURS: tuple[tuple[time, time], ...] = ((time(9), time(13)), (time(14), time(18)))
Unit = Literal["working_days", "working_hours", "calendar_days", "days", "hours", "minutes"]
_EID_NAME = "Eid al-Adha"


class OverrideError(ValueError):
    """The override file is malformed (a review must catch it before it ships)."""


@dataclass(frozen=True)
class Overrides:
    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)
    not_holidays: frozenset[date] = frozenset()
    kurban_ait: dict[int, date] = field(default_factory=dict)


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise OverrideError(f"{where}: not a date: {value!r}") from exc


def _entries(raw: dict, key: str) -> list[dict]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise OverrideError(f"{key}: expected a list of mappings")
    for entry in value:
        if not entry.get("source"):
            raise OverrideError(f"{key}: every entry needs a source")
    return value


def parse_overrides(raw: dict | None) -> Overrides:
    raw = raw or {}
    days_off: dict[date, str] = {}
    working: dict[date, str] = {}
    for entry in _entries(raw, "transfers"):
        off = _as_date(entry.get("day_off"), "transfers.day_off")
        work = _as_date(entry.get("work_on"), "transfers.work_on")
        if off.weekday() >= 5:
            raise OverrideError(f"transfers: day_off {off} is already a weekend day")
        if work.weekday() < 5:
            raise OverrideError(f"transfers: work_on {work} is not a Saturday or Sunday")
        days_off[off] = working[work] = str(entry["source"])
    for entry in _entries(raw, "extra_days_off"):
        days_off[_as_date(entry.get("date"), "extra_days_off")] = str(entry["source"])
    for entry in _entries(raw, "extra_working_days"):
        working[_as_date(entry.get("date"), "extra_working_days")] = str(entry["source"])
    not_holidays = frozenset(
        _as_date(e.get("date"), "not_holidays") for e in _entries(raw, "not_holidays")
    )
    kurban: dict[int, date] = {}
    for year, entry in (raw.get("kurban_ait") or {}).items():
        if not isinstance(entry, dict) or not entry.get("source"):
            raise OverrideError(f"kurban_ait.{year}: expected {{date, source}}")
        day = _as_date(entry.get("date"), f"kurban_ait.{year}")
        if day.year != int(year):
            raise OverrideError(f"kurban_ait.{year}: date {day} is in another year")
        kurban[int(year)] = day
    clash = set(days_off) & set(working)
    if clash:
        raise OverrideError(f"dates both off and working: {sorted(clash)}")
    return Overrides(days_off, working, not_holidays, kurban)


def load_overrides(path: str | Path = DEFAULT_OVERRIDES) -> Overrides:
    with Path(path).open(encoding="utf-8") as fh:
        return parse_overrides(yaml.safe_load(fh))


@dataclass(frozen=True)
class Due:
    """A statutory deadline: the last day (local), and for hour deadlines the exact moment."""

    date: date
    at: datetime | None = None


class WorkingCalendar:
    def __init__(
        self,
        overrides: Overrides | None = None,
        *,
        tz: str = DEFAULT_TZ,
        hours: tuple[tuple[time, time], ...] = DEFAULT_HOURS,
    ) -> None:
        self.overrides = overrides if overrides is not None else load_overrides()
        self.tz = ZoneInfo(tz)
        self.hours = hours
        self._cache: dict[int, dict[date, str]] = {}
        self._estimated: dict[int, frozenset[date]] = {}

    # ------------------------------------------------------------------ days off
    def holidays(self, year: int) -> dict[date, str]:
        """Every non-working weekday-or-weekend holiday of ``year`` with its (English) name."""
        if year not in self._cache:
            package = holidays.country_holidays("KZ", years=year, language="en_US")
            days = {d: str(name) for d, name in package.items()}
            estimated = {d for d, name in days.items() if "estimated" in name}
            confirmed = self.overrides.kurban_ait.get(year)
            if confirmed is not None:
                for d in [d for d, name in days.items() if _EID_NAME in name]:
                    del days[d]
                days[confirmed] = _EID_NAME
                estimated.discard(confirmed)
                estimated = {d for d in estimated if d in days}
            for d, source in self.overrides.days_off.items():
                if d.year == year:
                    days[d] = f"Day off ({source})"
            for d in self.overrides.not_holidays:
                days.pop(d, None)
            self._cache[year] = days
            self._estimated[year] = frozenset(estimated)
        return self._cache[year]

    def estimated_dates(self, year: int) -> frozenset[date]:
        """Holidays of ``year`` that are still an estimate (Kurban ait before confirmation)."""
        self.holidays(year)
        return self._estimated[year]

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides.working_days:
            return True
        if day in self.holidays(day.year):
            return False
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def local_date(self, moment: datetime | date) -> date:
        if isinstance(moment, datetime):
            if moment.tzinfo is None:
                raise ValueError("naive datetime: pass an aware one (UTC)")
            return moment.astimezone(self.tz).date()
        return moment

    # ------------------------------------------------------------------ arithmetic
    def add_working_days(self, start: datetime | date, n: int) -> date:
        """The n-th working day counted from the day after ``start`` (``n`` >= 0)."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = self.local_date(start)
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many of a deadline's days have been used."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def add_calendar_days(self, start: datetime | date, n: int) -> date:
        """``n`` calendar days after ``start``; a period ending on a day off ends on the next
        working day (Civil Code rule on periods)."""
        day = self.local_date(start) + timedelta(days=n)
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_hours(self, start: datetime, n: float) -> datetime:
        """The moment when ``n`` office hours have passed after ``start`` (aware, local tz)."""
        if start.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (UTC)")
        remaining = timedelta(hours=n)
        now = start.astimezone(self.tz)
        day = now.date()
        while True:
            if self.is_working_day(day):
                for begin, end in self.hours:
                    slot_start = datetime.combine(day, begin, self.tz)
                    slot_end = datetime.combine(day, end, self.tz)
                    if slot_end <= now:
                        continue
                    cursor = max(now, slot_start)
                    available = slot_end - cursor
                    if remaining <= available:
                        return cursor + remaining
                    remaining -= available
                    now = slot_end
            day += timedelta(days=1)
            now = datetime.combine(day, time(0), self.tz)

    def due(self, submitted_at: datetime, value: float, unit: Unit | str) -> Due:
        """The statutory deadline of a submission for a knowledge-base ``Deadline``."""
        if unit == "working_days":
            return Due(self.add_working_days(submitted_at, int(value)))
        if unit == "calendar_days":
            return Due(self.add_calendar_days(submitted_at, int(value)))
        if unit == "working_hours":
            moment = self.add_working_hours(submitted_at, value)
            return Due(moment.date(), moment)
        if unit == "days":  # a regulation that says just "days" means calendar days
            return Due(self.add_calendar_days(submitted_at, int(value)))
        if unit in ("hours", "minutes"):  # elapsed time (e.g. at the counter)
            moment = submitted_at.astimezone(self.tz) + timedelta(**{unit: value})
            return Due(moment.date(), moment)
        raise ValueError(f"unknown deadline unit {unit!r}")


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    return WorkingCalendar(load_overrides())
