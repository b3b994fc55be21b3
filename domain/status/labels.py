"""Localisable names of application statuses (gettext domain ``staff``)."""

from __future__ import annotations

from domain.i18n import N_

STATUS_LABELS: dict[str, str] = {
    "submitted": N_("Submitted"),
    "accepted": N_("Accepted"),
    "in_review": N_("In review"),
    "needs_documents": N_("Documents requested"),
    "approved": N_("Approved"),
    "refused": N_("Refused"),
    "issued": N_("Issued"),
    "withdrawn": N_("Withdrawn"),
}

# What a staff button that moves an application INTO a status says.
TRANSITION_LABELS: dict[str, str] = {
    "accepted": N_("Accept"),
    "in_review": N_("Start review"),
    "needs_documents": N_("Request documents"),
    "approved": N_("Approve"),
    "refused": N_("Refuse"),
    "issued": N_("Mark as issued"),
    "withdrawn": N_("Withdraw"),
}


def status_label(status: str) -> str:
    """The msgid naming ``status`` (unknown statuses fall back to the raw id)."""
    return STATUS_LABELS.get(status, status)
