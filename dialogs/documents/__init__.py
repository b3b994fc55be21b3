"""Document check, uploads and submission (issue 5): for a chosen service the applicant picks
the case, applicant type and channel, answers the conditions that matter, sees the checklist
of exactly that combination with conditions and citations, ticks or uploads documents, and
submits the application. Transport-agnostic (no aiogram here)."""

from __future__ import annotations

from typing import Any

from dialogs.documents.flow import DocumentsFlow


def build_flows(services: Any) -> list[DocumentsFlow]:
    return [DocumentsFlow()]


__all__ = ["DocumentsFlow", "build_flows"]
