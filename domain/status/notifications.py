"""What the applicant is told when their application changes status (gettext domain ``staff``).

:func:`status_notification` builds an outbox payload in the format of :mod:`domain.outbox`:
``{"lang", "parts": [{"key": msgid, "params": {...}}], "buttons": []}``. It is written in the same
transaction as the status change and rendered only when sent, in the applicant's language then.
A parameter whose value is ``{"kk": ..., "ru": ...}`` is localised at send time (service titles,
names of requested documents); everything else is used as is. Every message is a whole sentence:
what changed, the agency's comment or reason, what to do next and the statutory due date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from domain.i18n import N_

CHANGED: dict[str, str] = {
    "accepted": N_("Your application {number} has been accepted for consideration."),
    "in_review": N_("Your application {number} is now under review."),
    "needs_documents": N_("The agency needs more documents for your application {number}."),
    "approved": N_("Good news: your application {number} has been approved."),
    "refused": N_("Your application {number} has been refused."),
    "issued": N_("The result of your application {number} has been issued."),
    "withdrawn": N_("Your application {number} has been withdrawn."),
    "submitted": N_("Your application {number} has been registered."),
}

NEXT_STEP: dict[str, str] = {
    "accepted": N_("Nothing is needed from you now: we will write when the status changes."),
    "in_review": N_("Nothing is needed from you now: we will write when the status changes."),
    "needs_documents": N_(
        "Please upload the missing documents in this bot: open “My applications” (/my) and "
        "choose this application. The review continues once they are uploaded."
    ),
    "approved": N_("We will write again when the result is issued."),
    "refused": N_(
        "You may remove the reason and apply again, or appeal the decision in the manner "
        "established by law. An operator can explain the details."
    ),
    "issued": N_(
        "You can receive the result through the channel you chose when applying "
        "(the State Corporation or the e-government portal)."
    ),
    "withdrawn": N_("If you withdrew it by mistake, you can submit a new application."),
    "submitted": N_("Nothing is needed from you now: we will write when the status changes."),
}

SERVICE_LINE = N_("Service: {service}")
REASON_LINE = N_("Reason for refusal: {reason}")
COMMENT_LINE = N_("Comment from the agency: {comment}")
ITEMS_LINE = N_("Documents to upload:\n{items}")
DUE_LINE = N_("The decision is due by {due_date} (the statutory deadline).")
DUE_STANDARD_LINE = N_("The deadline for a decision is set by the service standard.")
COMMENT_ONLY = N_("The agency has left a comment on your application {number}:\n{comment}")

# Statuses after which no decision deadline applies any more.
FINAL_STATUSES = frozenset({"approved", "refused", "issued", "withdrawn"})


def format_date(value: date | str | None) -> str | None:
    """``dd.mm.yyyy`` (the usual form in both languages) from a date or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def _item_names(items: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    def names(lang: str) -> str:
        other = "kk" if lang == "ru" else "ru"
        lines = []
        for item in items:
            name = item.get(f"name_{lang}") or item.get(f"name_{other}") or item.get("id", "")
            lines.append(f"• {name}")
        return "\n".join(lines)

    return {"kk": names("kk"), "ru": names("ru")}


def _part(key: str, **params: Any) -> dict[str, Any]:
    return {"key": key, "params": params}


def status_notification(
    *,
    number: str,
    to_status: str,
    lang: str | None,
    service_title: Mapping[str, str] | None = None,
    comment: str | None = None,
    reason: str | None = None,
    items: Sequence[Mapping[str, Any]] = (),
    due_date: date | str | None = None,
    deadline_known: bool = True,
) -> dict[str, Any]:
    """The outbox payload telling the applicant that ``number`` moved to ``to_status``.

    ``due_date`` is the statutory due date (None with ``deadline_known=False`` when the regulation
    defers to the service standard). ``items`` are the requested documents
    (``{"id", "name_kk", "name_ru"}``).
    """
    parts = [_part(CHANGED.get(to_status, CHANGED["in_review"]), number=number)]
    if service_title:
        parts.append(_part(SERVICE_LINE, service=dict(service_title)))
    if to_status == "refused" and reason:
        parts.append(_part(REASON_LINE, reason=reason))
    if to_status == "needs_documents" and items:
        parts.append(_part(ITEMS_LINE, items=_item_names(items)))
    if comment:
        parts.append(_part(COMMENT_LINE, comment=comment))
    parts.append(_part(NEXT_STEP.get(to_status, NEXT_STEP["in_review"])))
    if to_status not in FINAL_STATUSES:
        due = format_date(due_date)
        if due:
            parts.append(_part(DUE_LINE, due_date=due))
        elif not deadline_known:
            parts.append(_part(DUE_STANDARD_LINE))
    return {"lang": lang or "kk", "parts": parts, "buttons": []}


def comment_notification(*, number: str, comment: str, lang: str | None) -> dict[str, Any]:
    """The outbox payload carrying a staff comment (no status change) to the applicant."""
    return {"lang": lang or "kk", "parts": [_part(COMMENT_ONLY, number=number, comment=comment)],
            "buttons": []}
