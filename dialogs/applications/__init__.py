"""My applications (``/my``): the applicant's own drafts and applications with status and due
date, the history of one, uploading requested documents, withdrawing. No aiogram here."""

from __future__ import annotations

from typing import Any

from dialogs.applications.flow import ApplicationsFlow


def build_flows(services: Any) -> list[ApplicationsFlow]:
    return [ApplicationsFlow()]


__all__ = ["ApplicationsFlow", "build_flows"]
