"""The application card staff see (``/app NUMBER``): details, documents, history, and buttons
for exactly the transitions the status graph allows from the current status."""

from __future__ import annotations

from typing import Any

from dialogs.common.kb import current_kb
from dialogs.common.keyboards import label
from dialogs.core import Button, Msg, View
from dialogs.engine import Context
from dialogs.staff import fmt
from domain.i18n import N_, NP_, t
from domain.status.labels import TRANSITION_LABELS, status_label

HEADER = N_("Application {number}")
SERVICE = N_("Service: {service}")
CASE_APPLICANT = N_("Case: {case}. Applicant type: {applicant}. Channel: {channel}.")
APPLICANT = N_("Applicant: {name}, {identity_kind} {identity}, phone {phone}.")
STATUS = N_("Status: {status}. Submitted: {submitted}.")


# (singular, plural) per deadline unit; n is the number of units.
DUE = {
    "working_days": NP_(
        "Statutory deadline: {due_date} ({n} working day).",
        "Statutory deadline: {due_date} ({n} working days).",
    ),
    "working_hours": NP_(
        "Statutory deadline: {due_date} ({n} working hour).",
        "Statutory deadline: {due_date} ({n} working hours).",
    ),
    "calendar_days": NP_(
        "Statutory deadline: {due_date} ({n} calendar day).",
        "Statutory deadline: {due_date} ({n} calendar days).",
    ),
}
DUE_PLAIN = N_("Statutory deadline: {due_date}.")
IDENTITY_KINDS = {"iin": N_("IIN"), "bin": N_("BIN")}
DUE_OVERDUE = N_("Statutory deadline: {due_date}. OVERDUE.")
DUE_STANDARD = N_("The deadline is set by the service standard (no figure in the regulation).")
KNOWN_GAP = N_("Submitted with documents missing:\n{items}")
REQUESTED = N_("Documents requested from the applicant:\n{items}")
DOCUMENTS = N_("Documents ({n}):\n{lines}")
NO_DOCUMENTS = N_("No documents were uploaded.")
DOC_LINE = N_("{i}. {item}: {kind}, {size} KB")
HISTORY = N_("History:\n{lines}")
NOT_FOUND = N_("No application has the number {number}.")
ASK_NUMBER = N_("Send the application number, for example LIC-2026-000123.")

OTHER_DOCUMENT = N_("Other document (not on the checklist)")
BTN_OPEN_DOC = N_("📄 {i}")
BTN_COMMENT = N_("💬 Comment")
BTN_REFRESH = N_("🔄 Refresh")
BTN_QUEUE = N_("📋 Queue")

ACTOR_KINDS = {
    "applicant": N_("applicant"),
    "staff": N_("staff member"),
    "api": N_("back office"),
    "system": N_("system"),
}
EVENT_STATUS = N_("{at}: {from_status} → {to_status} ({actor})")
EVENT_FIRST = N_("{at}: {to_status} ({actor})")
EVENT_COMMENT = N_("{at}: comment ({actor}): {comment}")
EVENT_REASON = N_("Reason: {reason}")
EVENT_NOTE = N_("Comment: {comment}")

HISTORY_MAX = 12


def _names(options: dict[str, Any], key: str, value: str | None, lang: str) -> str:
    if not value:
        return "—"
    for option in options.get(key) or []:
        if option.get("id") == value:
            return fmt.pick({"kk": option.get("name_kk"), "ru": option.get("name_ru")}, lang,
                            value)
    return value


def item_names(ctx: Context, app: Any) -> dict[str, dict[str, str]]:
    """Checklist item id -> {"id", "name_kk", "name_ru"} for ``app`` (names of uploads),
    including the id of uploads the applicant marked as "another document"."""
    from domain.applications.models import OTHER_ITEM
    from domain.status.items import application_items

    try:
        kb = current_kb(ctx)
    except Exception:
        kb = None
    names = {i["id"]: i for i in application_items(kb, app)}
    names[OTHER_ITEM] = {
        "id": OTHER_ITEM,
        "name_kk": t("kk", OTHER_DOCUMENT),
        "name_ru": t("ru", OTHER_DOCUMENT),
    }
    return names


def options_for(ctx: Context, service_id: str) -> dict[str, Any]:
    try:
        return current_kb(ctx).checklist_options(service_id) or {}
    except Exception:  # a service missing from the current knowledge base build
        return {}


def item_lines(items: list[dict[str, Any]], lang: str) -> str:
    other = "kk" if lang == "ru" else "ru"
    return "\n".join(
        f"• {i.get(f'name_{lang}') or i.get(f'name_{other}') or i.get('id')}" for i in items
    )


def _history(ctx: Context, events: list[Any]) -> Msg:
    lang = fmt.lang_of(ctx)
    lines = []
    for event in events[-HISTORY_MAX:]:
        actor = t(lang, ACTOR_KINDS.get(event.actor_kind, event.actor_kind))
        at = fmt.moment(ctx, event.created_at)
        if event.kind == "comment":
            lines.append(t(lang, EVENT_COMMENT, at=at, actor=actor, comment=event.comment or ""))
            continue
        to_status = t(lang, status_label(event.to_status))
        if event.from_status:
            from_status = t(lang, status_label(event.from_status))
            line = t(lang, EVENT_STATUS, at=at, from_status=from_status, to_status=to_status,
                     actor=actor)
        else:
            line = t(lang, EVENT_FIRST, at=at, to_status=to_status, actor=actor)
        if event.reason:
            line += "\n   " + t(lang, EVENT_REASON, reason=event.reason)
        if event.comment:
            line += "\n   " + t(lang, EVENT_NOTE, comment=event.comment)
        lines.append(line)
    return Msg(HISTORY, {"lines": "\n".join(lines)})


def _due(app: Any) -> Msg:
    value, unit = app.deadline_value, app.deadline_unit or ""
    params = {"due_date": fmt.day(app.due_date)}
    if unit not in DUE or not value or value != int(value):
        return Msg(DUE_PLAIN, params)
    singular, plural = DUE[unit]
    return Msg(singular, params, plural=plural, n=int(value))


def transition_buttons(number: str, allowed: list[str]) -> list[list[Button]]:
    """One button per allowed transition; refusal and requests open their own dialog."""
    row: list[Button] = []
    for status in allowed:
        if status == "refused":
            action = f"stf:ref:{number}"
        elif status == "needs_documents":
            action = f"stf:nd:{number}"
        else:
            action = f"stf:to:{number}:{status}"
        row.append(Button(Msg(TRANSITION_LABELS.get(status, status)), action))
    return [row[i : i + 2] for i in range(0, len(row), 2)]


async def card_view(ctx: Context, app: Any, *, edit: bool = False) -> View:
    from domain.applications import queries, status
    from domain.applications.drafts import list_uploads

    lang = fmt.lang_of(ctx)
    session = ctx.session
    options = options_for(ctx, app.service_id)
    uploads = await list_uploads(session, application_id=app.id)
    events = await queries.history(session, app.id)
    parts = [
        Msg(HEADER, {"number": app.number}),
        Msg(SERVICE, {"service": fmt.pick(app.service_title, lang, app.service_id)}),
        Msg(
            CASE_APPLICANT,
            {
                "case": _names(options, "cases", app.case_id, lang),
                "applicant": _names(options, "applicant_types", app.applicant_type, lang),
                "channel": _names(options, "channels", app.channel, lang),
            },
        ),
        Msg(
            APPLICANT,
            {
                "name": app.name,
                "identity_kind": Msg(IDENTITY_KINDS.get(app.identity_kind, "IIN")),
                "identity": app.identity_number,
                "phone": app.phone or "—",
            },
        ),
        Msg(
            STATUS,
            {"status": Msg(status_label(app.status)),
             "submitted": fmt.moment(ctx, app.submitted_at)},
        ),
    ]
    running = app.status in status.DEADLINE_RUNNING
    if app.due_date is not None:
        if running and app.due_date < fmt.today(ctx):
            parts.append(Msg(DUE_OVERDUE, {"due_date": fmt.day(app.due_date)}))
        else:
            parts.append(_due(app))
    else:
        parts.append(Msg(DUE_STANDARD))
    if app.known_gap and app.missing_items:
        parts.append(Msg(KNOWN_GAP, {"items": item_lines(app.missing_items, lang)}))
    if app.status == "needs_documents" and app.requested_items:
        waiting = {i.get("id") for i in await queries.outstanding_requested(session, app)}
        lines = [
            ("⏳ " if item.get("id") in waiting else "✅ ") + item_lines([item], lang)[2:]
            for item in app.requested_items
        ]
        parts.append(Msg(REQUESTED, {"items": "\n".join(lines)}))
    names = item_names(ctx, app)
    doc_buttons: list[Button] = []
    if uploads:
        lines = []
        for i, upload in enumerate(uploads, start=1):
            item = names.get(upload.item_id or "", {"id": upload.item_id or "—"})
            item_name = item_lines([item], lang)[2:]
            lines.append(
                t(lang, DOC_LINE, i=i, item=item_name, kind=upload.kind.upper(),
                  size=max(1, round(upload.size / 1024)))
            )
            doc_buttons.append(Button(Msg(BTN_OPEN_DOC, {"i": i}), f"stf:doc:{upload.id}"))
        parts.append(Msg(DOCUMENTS, {"n": len(uploads), "lines": "\n".join(lines)}))
    else:
        parts.append(Msg(NO_DOCUMENTS))
    parts.append(_history(ctx, events))
    buttons = transition_buttons(app.number, status.allowed_transitions(app.status, "staff"))
    buttons += [doc_buttons[i : i + 5] for i in range(0, len(doc_buttons), 5)]
    buttons.append(
        [
            Button(Msg(BTN_COMMENT), f"stf:cm:{app.number}"),
            Button(Msg(BTN_REFRESH), f"stf:app:{app.number}"),
            Button(Msg(BTN_QUEUE), "stf:q:0"),
        ]
    )
    return View(parts=parts, buttons=buttons, edit=edit)


def not_found_view(number: str) -> View:
    return View(parts=[Msg(NOT_FOUND, {"number": number}), Msg(ASK_NUMBER)])


def service_label(app: Any, lang: str) -> Msg:
    return label(fmt.pick(app.service_title, lang, app.service_id))
