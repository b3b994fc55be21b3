"""What staff do to an application: move it along the graph, refuse it with a ground from the
regulation (plus free text), request documents (checklist items of that application), comment,
and open an uploaded file.

The flow's state keeps only JSON: ``data["stf"] = {"number", "ground", "items", "sel"}``.
Every change is one call of the domain (``change_status`` / ``add_comment``) in the update's
transaction; the applicant's notification is written to the outbox in that same transaction.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.common.kb import current_kb
from dialogs.common.keyboards import label
from dialogs.core import Button, Msg, View
from dialogs.engine import Context
from dialogs.staff import fmt
from dialogs.staff.card import card_view, item_lines, item_names, not_found_view
from domain.i18n import N_
from domain.status.labels import status_label

log = logging.getLogger(__name__)

STATE_KEY = "stf"
STEP_REFUSE = "stf.refuse"
STEP_COMMENT = "stf.comment"

DONE = N_("Application {number} is now: {status}. The applicant has been notified.")
NOT_ALLOWED = N_(
    "This change is not possible: application {number} is now “{status}”. The card below is "
    "up to date."
)
CONFIRM = N_("Move application {number} to “{status}”? The applicant will be notified.")
BTN_YES = N_("✅ Confirm")
BTN_CANCEL = N_("✖️ Cancel")
CANCELLED = N_("Cancelled. Nothing was changed.")

REFUSE_TITLE = N_(
    "Refusing application {number}. Choose the ground from the regulation, or “Other reason”:"
)
REFUSE_NO_GROUNDS = N_(
    "The regulation of this service lists no refusal grounds. Type the reason for the applicant."
)
BTN_OTHER = N_("✏️ Other reason")
REFUSE_TEXT = N_(
    "Ground chosen: {ground}\n\nType an explanation for the applicant, or tap “Without "
    "explanation”."
)
REFUSE_OTHER = N_("Type the reason for the refusal. The applicant will see it.")
BTN_NO_TEXT = N_("Without explanation")

ND_TITLE = N_(
    "Which documents must the applicant upload for application {number}? Tap to select, then "
    "“Send request”."
)
ND_NO_ITEMS = N_(
    "No checklist items are known for this application, so documents cannot be requested here."
)
ND_NONE_SELECTED = N_("Select at least one document.")
BTN_SEND = N_("📨 Send request")

COMMENT_PROMPT = N_("Type the comment for application {number}. The applicant will receive it.")
COMMENT_DONE = N_("The comment was added to application {number} and sent to the applicant.")
TEXT_EXPECTED = N_("Please type the text as a message.")

DOC_CAPTION = N_("Application {number}, document {i}: {item}")
DOC_NOT_FOUND = N_("This file is not attached to any application.")

CONFIRMED = frozenset({"approved", "issued"})
TEXT_MAX = 2000


# ----------------------------------------------------------------------------- helpers
def _lang(ctx: Context) -> str:
    return fmt.lang_of(ctx)


async def load(ctx: Context, number: str) -> Any | None:
    from domain.applications import queries

    return await queries.get_by_number(ctx.session, number)


def _memo(ctx: Context) -> dict[str, Any]:
    return dict(ctx.state.data.get(STATE_KEY) or {})


def _remember(ctx: Context, **values: Any) -> None:
    ctx.state.data[STATE_KEY] = values


def _forget(ctx: Context) -> None:
    ctx.state.data.pop(STATE_KEY, None)
    if (ctx.state.step or "").startswith("stf."):
        ctx.state.step = None


def _items_of(ctx: Context, app: Any) -> list[dict[str, str]]:
    from domain.status.items import application_items

    try:
        kb = current_kb(ctx)
    except Exception:
        kb = None
    return application_items(kb, app)


async def _change(
    ctx: Context, app: Any, to_status: str, *, reason: str | None = None,
    items: list[dict[str, str]] | None = None, comment: str | None = None,
) -> list[View]:
    from domain.applications.errors import ApplicationError
    from domain.applications.status import Actor, change_status

    try:
        await change_status(
            ctx.session,
            app,
            to_status,
            actor=Actor.staff(ctx.user.user_id),
            reason=reason,
            items=items,
            comment=comment,
            now=fmt.now(ctx),
        )
    except ApplicationError as exc:
        log.info("staff %s: change refused (%s)", ctx.user.user_id, exc.code)
        _forget(ctx)
        await ctx.session.refresh(app)
        notice = Msg(NOT_ALLOWED, {"number": app.number, "status": Msg(status_label(app.status))})
        return [View(parts=[notice], toast=notice), await card_view(ctx, app)]
    _forget(ctx)
    done = Msg(DONE, {"number": app.number, "status": Msg(status_label(to_status))})
    return [View(parts=[done], toast=done), await card_view(ctx, app)]


# ----------------------------------------------------------------------------- transitions
async def transition(ctx: Context, number: str, to_status: str, confirmed: bool) -> list[View]:
    app = await load(ctx, number)
    if app is None:
        return [not_found_view(number)]
    if to_status in CONFIRMED and not confirmed:
        text = Msg(CONFIRM, {"number": number, "status": Msg(status_label(to_status))})
        buttons = [[Button(Msg(BTN_YES), f"stf:ok:{number}:{to_status}"),
                    Button(Msg(BTN_CANCEL), f"stf:app:{number}")]]
        return [View(parts=[text], buttons=buttons)]
    return await _change(ctx, app, to_status)


# ----------------------------------------------------------------------------- refusal
def _grounds(ctx: Context, service_id: str) -> list[Any]:
    try:
        return list(current_kb(ctx).refusal_grounds(service_id) or [])
    except Exception:
        log.warning("refusal grounds unavailable for a service", exc_info=True)
        return []


def _ground_text(fact: Any) -> str:
    text = " ".join(str(getattr(fact, "text", fact)).split())
    citation = getattr(fact, "citation", None)
    where = citation.label() if citation is not None and hasattr(citation, "label") else ""
    return f"{text} ({where})" if where else text


async def refuse_start(ctx: Context, number: str) -> list[View]:
    app = await load(ctx, number)
    if app is None:
        return [not_found_view(number)]
    grounds = _grounds(ctx, app.service_id)
    _remember(ctx, number=number, ground=None)
    if not grounds:
        ctx.state.step = STEP_REFUSE
        return [View(parts=[Msg(REFUSE_NO_GROUNDS)],
                     buttons=[[Button(Msg(BTN_CANCEL), f"stf:app:{number}")]])]
    lines = []
    buttons: list[list[Button]] = []
    row: list[Button] = []
    for i, fact in enumerate(grounds, start=1):
        citation = getattr(fact, "citation", None)
        paragraph = citation.label() if citation is not None else ""
        text = " ".join(str(fact.text).split())
        lines.append(f"{i}. {text}" + (f" ({paragraph})" if paragraph else ""))
        row.append(Button(Msg.text(str(i)), f"stf:rg:{number}:{i}"))
        if len(row) == 6:
            buttons.append(row)
            row = []
    if row:
        buttons.append(row)
    buttons.append([Button(Msg(BTN_OTHER), f"stf:rg:{number}:0"),
                    Button(Msg(BTN_CANCEL), f"stf:app:{number}")])
    parts = [Msg(REFUSE_TITLE, {"number": number}), Msg.text("\n\n".join(lines))]
    return [View(parts=parts, buttons=buttons)]


async def refuse_ground(ctx: Context, number: str, index: int) -> list[View]:
    app = await load(ctx, number)
    if app is None:
        return [not_found_view(number)]
    grounds = _grounds(ctx, app.service_id)
    ctx.state.step = STEP_REFUSE
    if index < 1 or index > len(grounds):
        _remember(ctx, number=number, ground=None)
        return [View(parts=[Msg(REFUSE_OTHER)],
                     buttons=[[Button(Msg(BTN_CANCEL), f"stf:app:{number}")]])]
    ground = _ground_text(grounds[index - 1])
    _remember(ctx, number=number, ground=ground)
    return [View(parts=[Msg(REFUSE_TEXT, {"ground": ground})],
                 buttons=[[Button(Msg(BTN_NO_TEXT), f"stf:rgo:{number}"),
                           Button(Msg(BTN_CANCEL), f"stf:app:{number}")]])]


async def refuse_finish(ctx: Context, number: str, text: str | None) -> list[View]:
    memo = _memo(ctx)
    if memo.get("number") != number:
        _forget(ctx)
        return [View(parts=[Msg(CANCELLED)])]
    ground = memo.get("ground")
    text = (text or "").strip()[:TEXT_MAX] or None
    if not ground and not text:
        return [View(parts=[Msg(REFUSE_OTHER)],
                     buttons=[[Button(Msg(BTN_CANCEL), f"stf:app:{number}")]])]
    reason = "\n".join(p for p in (ground, text) if p)
    app = await load(ctx, number)
    if app is None:
        _forget(ctx)
        return [not_found_view(number)]
    return await _change(ctx, app, "refused", reason=reason)


# ----------------------------------------------------------------------------- documents
def _nd_view(ctx: Context, number: str, items: list[dict[str, str]], selected: list[str],
             *, edit: bool) -> View:
    lang = _lang(ctx)
    buttons = []
    for i, item in enumerate(items):
        mark = "☑️" if item["id"] in selected else "⬜"
        name = item.get(f"name_{lang}") or item.get("name_kk") or item["id"]
        buttons.append([Button(label(f"{mark} {name}"), f"stf:ndt:{number}:{i}")])
    buttons.append([Button(Msg(BTN_SEND), f"stf:nds:{number}"),
                    Button(Msg(BTN_CANCEL), f"stf:app:{number}")])
    return View(parts=[Msg(ND_TITLE, {"number": number})], buttons=buttons, edit=edit)


async def request_start(ctx: Context, number: str) -> list[View]:
    app = await load(ctx, number)
    if app is None:
        return [not_found_view(number)]
    items = _items_of(ctx, app)
    if not items:
        return [View(parts=[Msg(ND_NO_ITEMS)])]
    _remember(ctx, number=number, items=items, sel=[])
    return [_nd_view(ctx, number, items, [], edit=False)]


async def request_toggle(ctx: Context, number: str, index: int) -> list[View]:
    memo = _memo(ctx)
    if memo.get("number") != number or not memo.get("items"):
        return await request_start(ctx, number)
    items = memo["items"]
    selected = list(memo.get("sel") or [])
    if 0 <= index < len(items):
        item_id = items[index]["id"]
        selected = [s for s in selected if s != item_id] if item_id in selected else [
            *selected, item_id]
    _remember(ctx, number=number, items=items, sel=selected)
    return [_nd_view(ctx, number, items, selected, edit=True)]


async def request_send(ctx: Context, number: str) -> list[View]:
    memo = _memo(ctx)
    if memo.get("number") != number or not memo.get("items"):
        return await request_start(ctx, number)
    chosen = [i for i in memo["items"] if i["id"] in set(memo.get("sel") or [])]
    if not chosen:
        notice = Msg(ND_NONE_SELECTED)
        return [View(parts=[], toast=notice)]
    app = await load(ctx, number)
    if app is None:
        _forget(ctx)
        return [not_found_view(number)]
    return await _change(ctx, app, "needs_documents", items=chosen)


# ----------------------------------------------------------------------------- comments
async def comment_start(ctx: Context, number: str) -> list[View]:
    app = await load(ctx, number)
    if app is None:
        return [not_found_view(number)]
    _remember(ctx, number=number)
    ctx.state.step = STEP_COMMENT
    return [View(parts=[Msg(COMMENT_PROMPT, {"number": number})],
                 buttons=[[Button(Msg(BTN_CANCEL), f"stf:app:{number}")]])]


async def comment_finish(ctx: Context, text: str) -> list[View]:
    from domain.applications.status import Actor, add_comment

    number = _memo(ctx).get("number")
    text = (text or "").strip()[:TEXT_MAX]
    app = await load(ctx, number) if number else None
    _forget(ctx)
    if app is None or not text:
        return [View(parts=[Msg(CANCELLED)])]
    await add_comment(ctx.session, app, text, actor=Actor.staff(ctx.user.user_id),
                      now=fmt.now(ctx))
    return [View(parts=[Msg(COMMENT_DONE, {"number": number})]), await card_view(ctx, app)]


# ----------------------------------------------------------------------------- files
async def open_document(ctx: Context, upload_id: int) -> list[View]:
    from domain.applications.drafts import list_uploads
    from domain.applications.models import Application, Upload

    upload = await ctx.session.get(Upload, upload_id)
    app = await ctx.session.get(Application, upload.application_id) if (
        upload is not None and upload.application_id is not None) else None
    if upload is None or app is None:
        return [View(parts=[Msg(DOC_NOT_FOUND)])]
    uploads = await list_uploads(ctx.session, application_id=app.id)
    position = next((i for i, u in enumerate(uploads, start=1) if u.id == upload.id), 1)
    names = item_names(ctx, app)
    item = names.get(upload.item_id or "", {"id": upload.item_id or "—"})
    # The file name is ours (number, position, type), never the name the user gave it.
    name = f"{app.number}-{position}.{upload.kind}"
    caption = Msg(DOC_CAPTION, {"number": app.number, "i": position,
                                "item": item_lines([item], _lang(ctx))[2:]})
    return [View(parts=[caption], document={"key": upload.storage_key, "name": name})]
