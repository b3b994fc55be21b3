"""Operator settings read from ``domain.settings.Settings`` with safe defaults.

Settings field names are lower-case (pydantic-settings maps ``OPERATOR_HOURS`` to
``operator_hours``); a missing field falls back to the default here, so this module works before
and after the settings grow these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from domain.operators.hours import DEFAULT_HOURS, DEFAULT_TZ, OperatorHours


def _get(settings: Any, name: str, default: Any) -> Any:
    for key in (name, name.upper()):
        value = getattr(settings, key, None)
        if value is not None and value != "":
            return value
    return default


def _ids(value: Any) -> frozenset[int]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(int(p) for p in value.replace(";", ",").split(",") if p.strip())
    return frozenset(int(v) for v in value)


@dataclass(frozen=True)
class OperatorConfig:
    chat_id: int | None = None
    operator_ids: frozenset[int] = frozenset()
    admin_ids: frozenset[int] = frozenset()
    hours: OperatorHours = field(default_factory=lambda: OperatorHours.parse(DEFAULT_HOURS))
    reopen_window: timedelta = timedelta(hours=24)
    remind_after: timedelta = timedelta(minutes=30)
    group_lang: str = "ru"
    group_admins_are_operators: bool = True

    @classmethod
    def from_settings(cls, settings: Any) -> OperatorConfig:
        chat = _get(settings, "operator_chat_id", None)
        return cls(
            chat_id=int(chat) if chat not in (None, "", 0) else None,
            operator_ids=_ids(_get(settings, "operator_ids", None)),
            admin_ids=_ids(_get(settings, "admin_ids", None)),
            hours=OperatorHours.parse(
                str(_get(settings, "operator_hours", DEFAULT_HOURS)),
                str(_get(settings, "operator_timezone", _get(settings, "timezone", DEFAULT_TZ))),
            ),
            reopen_window=timedelta(hours=float(_get(settings, "ticket_reopen_hours", 24))),
            remind_after=timedelta(minutes=float(_get(settings, "ticket_remind_minutes", 30))),
            group_lang=str(_get(settings, "operator_chat_lang", "ru")),
            group_admins_are_operators=bool(_get(settings, "operator_group_admins", True)),
        )
