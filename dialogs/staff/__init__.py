"""Staff side of application status: the queue, application cards with the allowed transitions,
refusals with the regulation's grounds, document requests, comments, the deadline report, and
``/staff add|remove`` for admins. Transport-agnostic (no aiogram here)."""

from __future__ import annotations

from typing import Any

from dialogs.staff.flow import StaffFlow


def build_flows(services: Any) -> list[StaffFlow]:
    return [StaffFlow()]


__all__ = ["StaffFlow", "build_flows"]
