"""Localised formatting of hours, dates and durations for the operators' messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_datetime, get_day_names

from dialogs.core import Msg
from domain.i18n import N_
from domain.operators.hours import OperatorHours

LOCAL_ZONES = ("Asia/Almaty", "Asia/Astana", "Asia/Qostanay")


def _day(lang: str, index: int) -> str:
    name = get_day_names("abbreviated", locale=lang)[index]
    return name[:1].upper() + name[1:]


def hours_text(lang: str, hours: OperatorHours) -> str:
    """``Дс–Жм 09:00–18:00; Сб 10:00–14:00`` in the user's language (local time)."""
    chunks = []
    for rule in hours.rules:
        first, last = rule.days[0], rule.days[-1]
        days = _day(lang, first) if first == last else f"{_day(lang, first)}–{_day(lang, last)}"
        chunks.append(f"{days} {rule.start:%H:%M}–{rule.end:%H:%M}")
    return "; ".join(chunks)


def hours_msg(hours: OperatorHours, lang: str) -> Msg:
    if hours.tz.key in LOCAL_ZONES:
        return Msg(N_("{hours} (Astana time)"), {"hours": hours_text(lang, hours)})
    return Msg(
        N_("{hours}, time zone {zone}"), {"hours": hours_text(lang, hours), "zone": hours.tz.key}
    )


def when_text(lang: str, moment: datetime, hours: OperatorHours) -> str:
    return format_datetime(moment, "EEEE, d MMMM, HH:mm", locale=lang, tzinfo=hours.tz)


def age_msg(age: timedelta) -> Msg:
    minutes = max(0, int(age.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return Msg(N_("{days} d {hours} h"), {"days": days, "hours": hours})
    if hours:
        return Msg(N_("{hours} h {minutes} min"), {"hours": hours, "minutes": minutes})
    return Msg(N_("{minutes} min"), {"minutes": minutes})
