"""Operators' working hours: parse ``OPERATOR_HOURS``, tell whether they work now and when next.

Format: rules separated by ``;`` or ``,``, each ``DAYS HH:MM-HH:MM`` where DAYS is a day
(``mon``) or a range (``mon-fri``); e.g. ``"mon-fri 09:00-18:00; sat 10:00-14:00"``. Public
holidays of Kazakhstan (``domain.calendar``: the ``holidays`` package plus the reviewed overrides)
are days off unless ``holidays_off`` is False.
Times are local to ``tz`` (Asia/Almaty by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_HOURS = "mon-fri 09:00-18:00"
DEFAULT_TZ = "Asia/Almaty"

_RULE = re.compile(
    r"^\s*(?P<d1>[a-z]{3})(?:\s*-\s*(?P<d2>[a-z]{3}))?\s+"
    r"(?P<h1>\d{1,2}):(?P<m1>\d{2})\s*-\s*(?P<h2>\d{1,2}):(?P<m2>\d{2})\s*$"
)


class HoursError(ValueError):
    """``OPERATOR_HOURS`` cannot be parsed."""


@dataclass(frozen=True)
class Rule:
    days: tuple[int, ...]  # 0 = Monday
    start: time
    end: time


@lru_cache(maxsize=4)
def _kz_holidays(year: int) -> frozenset[date]:
    """Days off of ``year``: the working-day calendar's (``holidays`` package plus the reviewed
    overrides file: transferred days, confirmed Kurban ait), or the package alone."""
    try:
        from domain.calendar import default_calendar
    except ImportError:  # pragma: no cover - the calendar ships with the applications domain
        import holidays

        return frozenset(holidays.country_holidays("KZ", years=year).keys())
    return frozenset(default_calendar().holidays(year))


def parse_rules(spec: str) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for chunk in re.split(r"[;,]", (spec or "").lower()):
        if not chunk.strip():
            continue
        m = _RULE.match(chunk)
        if not m or m["d1"] not in DAYS or (m["d2"] and m["d2"] not in DAYS):
            raise HoursError(f"cannot parse operator hours rule {chunk.strip()!r}")
        d1 = DAYS.index(m["d1"])
        d2 = DAYS.index(m["d2"]) if m["d2"] else d1
        days = tuple(range(d1, d2 + 1)) if d1 <= d2 else tuple(range(d1, 7)) + tuple(range(d2 + 1))
        try:
            start = time(int(m["h1"]), int(m["m1"]))
            end = time(int(m["h2"]), int(m["m2"])) if m["h2"] != "24" else time(23, 59, 59)
        except ValueError as exc:
            raise HoursError(f"bad time in operator hours rule {chunk.strip()!r}") from exc
        if end <= start:
            raise HoursError(f"end before start in operator hours rule {chunk.strip()!r}")
        rules.append(Rule(days, start, end))
    if not rules:
        raise HoursError("operator hours are empty")
    return tuple(rules)


@dataclass(frozen=True)
class OperatorHours:
    rules: tuple[Rule, ...]
    tz: ZoneInfo
    holidays_off: bool = True

    @classmethod
    def parse(
        cls, spec: str | None, tz: str | None = None, holidays_off: bool = True
    ) -> OperatorHours:
        return cls(parse_rules(spec or DEFAULT_HOURS), ZoneInfo(tz or DEFAULT_TZ), holidays_off)

    def _day_off(self, day: date) -> bool:
        return self.holidays_off and day in _kz_holidays(day.year)

    def _windows(self, day: date) -> list[tuple[datetime, datetime]]:
        if self._day_off(day):
            return []
        out = []
        for rule in self.rules:
            if day.weekday() in rule.days:
                out.append(
                    (
                        datetime.combine(day, rule.start, self.tz),
                        datetime.combine(day, rule.end, self.tz),
                    )
                )
        return sorted(out)

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(self.tz)
        return any(start <= local < end for start, end in self._windows(local.date()))

    def next_open(self, now: datetime) -> datetime | None:
        """Start of the next working window after ``now`` (local time), None if none in 30 days."""
        local = now.astimezone(self.tz)
        for offset in range(31):
            day = local.date() + timedelta(days=offset)
            for start, _end in self._windows(day):
                if start > local:
                    return start
        return None
