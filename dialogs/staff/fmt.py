"""Small formatting helpers for staff views: dates, local times, localised names."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.engine import Context

DEFAULT_TZ = "Asia/Almaty"
HINT_KEY = "staff.language_hint"


def tz(ctx_or_services: Any) -> ZoneInfo:
    services = getattr(ctx_or_services, "services", ctx_or_services)
    name = getattr(getattr(services, "settings", None), "timezone", None) or DEFAULT_TZ
    return ZoneInfo(name)


def now(ctx_or_services: Any) -> datetime:
    services = getattr(ctx_or_services, "services", ctx_or_services)
    clock = getattr(services, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


def today(ctx_or_services: Any) -> date:
    return now(ctx_or_services).astimezone(tz(ctx_or_services)).date()


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else "—"


def moment(ctx: Context, value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone(tz(ctx)).strftime("%d.%m.%Y %H:%M")


def pick(names: dict[str, str] | None, lang: str, default: str = "") -> str:
    """``names[lang]``, else the other language, else ``default``."""
    names = names or {}
    other = "kk" if lang == "ru" else "ru"
    return names.get(lang) or names.get(other) or default


def lang_of(ctx: Context) -> str:
    """The language the transport will render in: the user's choice, else Telegram's hint."""
    if ctx.user.lang in ("kk", "ru"):
        return ctx.user.lang
    hint = str(ctx.extra.get(HINT_KEY) or "").lower()
    return "ru" if hint.startswith("ru") else "kk"


def remember_hint(ctx: Context, hint: str | None) -> None:
    ctx.extra[HINT_KEY] = hint
