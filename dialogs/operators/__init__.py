"""Operators: escalation to humans in a Telegram group (applicant side and group side)."""

from __future__ import annotations

from typing import Any


def build_flows(services: Any) -> list[Any]:
    from dialogs.operators.applicant import OperatorFlow
    from dialogs.operators.group import OperatorGroupFlow

    return [OperatorGroupFlow(), OperatorFlow()]
