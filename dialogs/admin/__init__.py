"""Administrators' commands: /reload (knowledge base), /gaps (what to add), /stats (operators)."""

from __future__ import annotations

from typing import Any


def build_flows(services: Any) -> list[Any]:
    from dialogs.admin.flow import AdminFlow

    return [AdminFlow()]
