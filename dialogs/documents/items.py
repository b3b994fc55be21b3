"""What the applicant does with the checklist of a draft: open a document, tick it, upload files
for it (or send files the caption or a question attaches), say in words what they have, delete
a file or the whole draft."""

from __future__ import annotations

import re
from typing import Any

from dialogs.common.ids import Action, resolve
from dialogs.common.kb import current_kb, service_label
from dialogs.common.keyboards import menu_button
from dialogs.core import Button, Event, Msg, View
from dialogs.documents import check as chk
from dialogs.documents import choices, fmt, state, texts, uploads, views
from dialogs.engine import Context
from domain.applications import drafts as repo
from domain.applications.errors import ApplicationError
from domain.applications.messages import error_message

_LINES = re.compile(r"[\n;]+")


async def _check(ctx: Context, draft: Any) -> tuple[chk.Check, list[Any]]:
    have, files = await choices.have_ids(ctx, draft)
    return chk.evaluate(current_kb(ctx), draft, have), files


def numbered(files: list[Any]) -> dict[int, int]:
    return {u.id: n for n, u in enumerate(files, 1)}


def _resolve_item(check: chk.Check, ref: str) -> chk.Item | None:
    item_id = resolve(ref, [i.id for i in check.items])
    return check.item(item_id)


async def item_view(ctx: Context, draft: Any, ref: str, lang: str, notes=()) -> list[View]:
    check, files = await _check(ctx, draft)
    item = _resolve_item(check, ref)
    if item is None:
        return await choices.advance(ctx, draft, lang)
    ctx.state.step = state.STEP_CHECK
    return [
        views.item_view(
            current_kb(ctx),
            draft,
            item,
            files,
            lang,
            ticked=item.id in (draft.ticked or []),
            notes=notes,
        )
    ]


async def tick(ctx: Context, draft: Any, ref: str, lang: str, on: bool) -> list[View]:
    check, _ = await _check(ctx, draft)
    item = _resolve_item(check, ref)
    if item is not None:
        await repo.tick_items(ctx.session, draft, [item.id], ticked=on, now=state.now(ctx))
    result = await item_view(ctx, draft, ref, lang)
    result[-1].toast = Msg(texts.TICKED if on else texts.UNTICKED)
    return result


async def upload_for(ctx: Context, draft: Any, ref: str, lang: str) -> list[View]:
    check, _ = await _check(ctx, draft)
    item = _resolve_item(check, ref)
    if item is None:
        return await choices.advance(ctx, draft, lang)
    state.data(ctx)["item"] = item.id
    ctx.state.step = state.STEP_CHECK
    return [views.upload_prompt(draft, item, lang)]


# ---------------------------------------------------------------------------------- files
async def on_files(ctx: Context, event: Event, lang: str) -> list[View]:
    draft = await state.load_draft(ctx, state.draft_id(ctx))
    if draft is None or ctx.state.step in (state.STEP_SERVICE, state.STEP_CHOICE):
        views_ = await choices.advance(ctx, draft, lang) if draft is not None else []
        return [View(parts=[Msg(texts.UPLOAD_NEEDS_CHOICES)]), *views_]
    check, files = await _check(ctx, draft)
    wanted = [i.id for i in check.wanted]
    target = state.data(ctx).pop("item", None)
    album_caption = event.text if len(event.files) > 1 else ""

    def decide(incoming) -> str | None:
        if target in wanted:
            return target
        return chk.match_caption(
            current_kb(ctx), draft, incoming.caption or album_caption or "", wanted
        )

    outcomes = await uploads.receive(
        ctx, event.files, lang, decide=decide, draft=draft, first_index=len(files) + 1
    )
    note = uploads.summary(
        outcomes, lang, lambda i: check.item(i).name(lang) if check.item(i) else ""
    )
    return await after_change(ctx, draft, lang, [note])


async def after_change(ctx: Context, draft: Any, lang: str, notes=()) -> list[View]:
    """Ask about the next file without a document, else continue (questions or checklist)."""
    check, files = await _check(ctx, draft)
    waiting = [u for u in files if u.item_id is None]
    if waiting and ctx.state.step != state.STEP_CONDITION:
        ctx.state.step = state.STEP_CHECK
        index = numbered(files)[waiting[0].id]
        return [views.which_item_view(draft, check, waiting[0], index, lang, notes)]
    return await choices.advance(ctx, draft, lang, notes)


async def assign(ctx: Context, upload_id: int, ref: str, lang: str) -> list[View]:
    from domain.applications.models import Upload

    upload = await ctx.session.get(Upload, upload_id)
    draft = None
    if upload is not None and upload.owner_id == ctx.user.user_id and upload.draft_id:
        draft = await state.load_draft(ctx, upload.draft_id)
    if draft is None:
        return gone_view()
    if state.draft_id(ctx) != draft.id:
        state.reset(ctx, draft.id)
    check, files = await _check(ctx, draft)
    item = None if ref == "-" else _resolve_item(check, ref)
    item_id = item.id if item is not None else choices.OTHER_ITEM
    try:
        await repo.assign_item(ctx.session, upload.id, item_id, owner_id=ctx.user.user_id)
    except ApplicationError as err:
        return await choices.advance(ctx, draft, lang, [Msg(*error_message(err))])
    notes = []
    if item is not None:
        name = fmt.file_label(lang, upload, numbered(files)[upload.id])
        notes.append(Msg(texts.ATTACHED, {"file": name, "item": fmt.short(item.name(lang), 90)}))
    return await after_change(ctx, draft, lang, notes)


async def ask_next(ctx: Context, draft: Any, lang: str) -> list[View]:
    return await after_change(ctx, draft, lang)


async def delete(ctx: Context, upload_id: int, lang: str) -> list[View]:
    from domain.applications.models import Upload

    upload = await ctx.session.get(Upload, upload_id)
    if upload is None or upload.owner_id != ctx.user.user_id or upload.draft_id is None:
        view = View(parts=[Msg(*error_message(_not_found()))], buttons=[[menu_button()]])
        return [view]
    draft = await state.load_draft(ctx, upload.draft_id)
    if draft is None:
        return gone_view()
    if state.draft_id(ctx) != draft.id:
        state.reset(ctx, draft.id)
    item_id, key = upload.item_id, upload.storage_key
    try:
        await repo.remove_upload(ctx.session, upload.id, owner_id=ctx.user.user_id)
    except ApplicationError as err:
        return await choices.advance(ctx, draft, lang, [Msg(*error_message(err))])
    state.remember_garbage(ctx, [key])
    if item_id and item_id != choices.OTHER_ITEM:
        from dialogs.common.ids import token

        result = await item_view(ctx, draft, token(item_id), lang)
    else:
        result = await choices.advance(ctx, draft, lang)
    result[-1].toast = Msg(texts.FILE_DELETED)
    result[-1].parts.insert(0, Msg(texts.FILE_DELETED))
    return result


def _not_found() -> Exception:
    from domain.applications.errors import UploadNotFound

    return UploadNotFound()


def gone_view() -> list[View]:
    from domain.applications.errors import DraftNotFound

    buttons = [[Button(Msg(texts.BTN_NEW_CHECK), "docs:start")], [menu_button()]]
    return [View(parts=[Msg(*error_message(DraftNotFound()))], buttons=buttons)]


# ---------------------------------------------------------------------------------- words
async def on_text(ctx: Context, draft: Any, text: str, lang: str) -> list[View]:
    """Own words at the checklist: statements about the situation and documents in hand."""
    kb = current_kb(ctx)
    lines = [" ".join(line.split()) for line in _LINES.split(text)]
    lines = [line for line in lines if line]
    opts = chk.options(kb, draft.service_id)
    notes: list[Msg] = []
    have_lines: list[str] = []
    for line in lines:
        reading = chk.read_line(kb, draft, line)
        if reading is None:
            have_lines.append(line)
            continue
        cid, value = reading
        await repo.update_draft(ctx.session, draft, situation={cid: value}, now=state.now(ctx))
        notes.append(choices.noted(cid, value, opts, lang))
    ids, unrecognised = chk.match_words(kb, draft, have_lines)
    if ids:
        await repo.tick_items(ctx.session, draft, ids, now=state.now(ctx))
        check, _ = await _check(ctx, draft)
        names = "; ".join(fmt.short(check.item(i).name(lang), 80) for i in ids if check.item(i))
        if names:
            notes.append(Msg(texts.MATCHED, {"names": names}))
    if unrecognised:
        notes.append(Msg(texts.UNRECOGNISED, {"items": "; ".join(unrecognised)}))
    return await choices.advance(ctx, draft, lang, notes)


# ---------------------------------------------------------------------------------- drafts
async def confirm_drop(ctx: Context, draft: Any, lang: str) -> list[View]:
    name = service_label(current_kb(ctx), draft.service_id, lang)
    buttons = [
        [
            Button(Msg(texts.BTN_CONFIRM_DELETE), Action.make("docs", "dropok", draft.id)),
            Button(Msg(texts.BTN_CANCEL), Action.make("docs", "list", draft.id)),
        ]
    ]
    return [View(parts=[Msg(texts.DELETE_DRAFT_CONFIRM, {"service": name})], buttons=buttons)]


async def drop(ctx: Context, draft: Any) -> list[View]:
    files = await repo.list_uploads(ctx.session, draft_id=draft.id)
    keys = [u.storage_key for u in files]
    await repo.delete_draft(ctx.session, draft)
    state.reset(ctx)
    state.remember_garbage(ctx, keys)
    ctx.state.step = None
    buttons = [[Button(Msg(texts.BTN_NEW_CHECK), "docs:start")], [menu_button()]]
    return [View(parts=[Msg(texts.DRAFT_DELETED)], buttons=buttons)]
