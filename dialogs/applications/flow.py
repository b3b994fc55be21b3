"""``/my`` (My applications): the applicant's own drafts and applications, one application with
its history, uploading the documents staff requested, withdrawing.

Buttons: ``apps:list[:<page>]`` (``apps:page:<n>`` from the pager edits the list in place),
``apps:open:<number>``, ``apps:up:<number>:<item>`` (upload for a requested document),
``apps:as:<upload>:<item>`` (attach a file), ``apps:del:<upload>``, ``apps:wd:<number>`` /
``apps:wdok:<number>`` (withdraw). Drafts open in the documents flow (``docs:open:<d>``).
Step ``apps.app`` keeps the open application: files sent then go to it.
"""

from __future__ import annotations

from typing import Any

from dialogs.applications import texts, views
from dialogs.common.ids import Action, resolve
from dialogs.common.kb import KnowledgeUnavailable, current_kb
from dialogs.common.lang import current_language
from dialogs.core import Button, Event, Msg, View
from dialogs.documents import check as chk
from dialogs.documents import fmt, uploads
from dialogs.documents.state import collect_garbage, now, remember_garbage
from dialogs.engine import BaseFlow, Context
from domain.applications import drafts as repo
from domain.applications import queries
from domain.applications.errors import ApplicationError
from domain.applications.messages import error_message
from domain.applications.status import WITHDRAWABLE, withdraw

KEY = "apps"
STEP_APP = "apps.app"


def _kb(ctx: Context) -> Any:
    try:
        return current_kb(ctx)
    except KnowledgeUnavailable:
        return None


class ApplicationsFlow(BaseFlow):
    name = "applications"
    commands = frozenset({"my"})
    action_prefixes = frozenset({"apps"})
    step_prefix = "apps"
    menu_commands = (("my", texts.MENU_COMMAND),)

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        if event.chat_type != "private":
            return None
        lang = current_language(ctx.user.lang, event.language_hint)
        await collect_garbage(ctx)  # files a committed deletion left unreferenced
        if event.kind == "command":
            return [await self._list(ctx, lang, 0)]
        if event.kind == "button":
            return await self._button(Action.parse(event.action), ctx, lang)
        if event.kind == "file":
            return await self._files(event, ctx, lang)
        if event.kind == "text":
            ctx.state.step = None  # typed words are a question again (the fallback answers)
        return None

    # ------------------------------------------------------------------ list and card
    async def _list(self, ctx: Context, lang: str, page: int, *, edit: bool = False) -> View:
        ctx.state.data.pop(KEY, None)
        ctx.state.step = None
        owner = ctx.user.user_id
        apps = await queries.list_for_owner(ctx.session, owner)
        drafts = [
            (d, len(await repo.list_uploads(ctx.session, draft_id=d.id)))
            for d in await repo.open_drafts(ctx.session, owner)
        ]
        return views.list_view(_kb(ctx), apps, drafts, lang, page, edit=edit)

    async def _load(self, ctx: Context, number: str) -> Any | None:
        try:
            return await queries.get_application(ctx.session, number, owner_id=ctx.user.user_id)
        except ApplicationError:
            return None

    async def _names(self, ctx: Context, app: Any, files: list[Any]) -> dict[str, dict]:
        try:
            from domain.status.items import application_items
        except ImportError:  # pragma: no cover
            return {i["id"]: i for i in app.requested_items or []}
        items = application_items(_kb(ctx), app, uploaded_item_ids=[u.item_id for u in files])
        return {i["id"]: i for i in items}

    async def card(self, ctx: Context, app: Any, lang: str, notes=()) -> View:
        files = await repo.list_uploads(ctx.session, application_id=app.id)
        ctx.state.step = STEP_APP
        store = ctx.state.data.setdefault(KEY, {})
        if store.get("number") != app.number:
            store.clear()
        store["number"] = app.number
        return views.app_view(
            _kb(ctx),
            app,
            events=await queries.history(ctx.session, app.id),
            uploads=files,
            names=await self._names(ctx, app, files),
            outstanding=await queries.outstanding_requested(ctx.session, app),
            withdrawable=app.status in WITHDRAWABLE,
            lang=lang,
            notes=notes,
        )

    def _not_found(self) -> list[View]:
        from domain.applications.errors import ApplicationNotFound

        msg = Msg(*error_message(ApplicationNotFound()))
        return [View(parts=[msg], buttons=[[Button(Msg(texts.BTN_BACK), "apps:list:0")]])]

    # ------------------------------------------------------------------ buttons
    async def _button(self, action: Action, ctx: Context, lang: str) -> list[View]:
        verb = action.verb
        if verb in ("as", "del"):
            return await self._upload_button(verb, action, ctx, lang)
        if verb not in ("open", "up", "wd", "wdok"):
            return [await self._list(ctx, lang, action.int_arg(0), edit=verb == "page")]
        app = await self._load(ctx, action.arg(0))
        if app is None:
            return self._not_found()
        if verb == "open":
            return [await self.card(ctx, app, lang)]
        if verb == "up":
            return [await self._ask_file(ctx, app, action.arg(1), lang)]
        if verb == "wd":
            buttons = [
                [
                    Button(
                        Msg(texts.BTN_CONFIRM_WITHDRAW), Action.make("apps", "wdok", app.number)
                    ),
                    Button(Msg(texts.BTN_CANCEL), Action.make("apps", "open", app.number)),
                ]
            ]
            return [
                View(parts=[Msg(texts.WITHDRAW_CONFIRM, {"number": app.number})], buttons=buttons)
            ]
        try:
            await withdraw(ctx.session, app, owner_id=ctx.user.user_id, now=now(ctx))
        except ApplicationError as err:
            return [await self.card(ctx, app, lang, [Msg(*error_message(err))])]
        return [await self.card(ctx, app, lang, [Msg(texts.WITHDRAWN, {"number": app.number})])]

    async def _ask_file(self, ctx: Context, app: Any, ref: str, lang: str) -> View:
        item_id = resolve(ref, [i["id"] for i in app.requested_items or []])
        item = next((i for i in app.requested_items or [] if i["id"] == item_id), None)
        if app.status != "needs_documents" or item is None:
            return await self.card(ctx, app, lang, [Msg(texts.NOT_WAITING)])
        await self.card(ctx, app, lang)  # sets the step and the open application
        ctx.state.data[KEY]["item"] = item["id"]
        prompt = Msg(
            texts.UPLOAD_PROMPT, {"name": fmt.pick(item, "name", lang), "number": app.number}
        )
        back = Button(Msg(texts.BTN_BACK), Action.make("apps", "open", app.number))
        return View(parts=[prompt], buttons=[[back]])

    # ------------------------------------------------------------------ files
    async def _files(self, event: Event, ctx: Context, lang: str) -> list[View]:
        store = ctx.state.data.get(KEY) or {}
        app = await self._load(ctx, str(store.get("number") or ""))
        if app is None:
            return [await self._list(ctx, lang, 0)]
        if app.status != "needs_documents":
            return [await self.card(ctx, app, lang, [Msg(texts.NOT_WAITING)])]
        requested = [i["id"] for i in app.requested_items or []]
        outstanding = [i["id"] for i in await queries.outstanding_requested(ctx.session, app)]
        target = store.pop("item", None)
        album_caption = event.text if len(event.files) > 1 else ""
        kb = _kb(ctx)

        def decide(incoming) -> str | None:
            if target in requested:
                return target
            caption = incoming.caption or album_caption or ""
            found = chk.match_caption(kb, app, caption, requested) if kb is not None else None
            if found:
                return found
            return outstanding[0] if len(outstanding) == 1 else None

        before = await repo.list_uploads(ctx.session, application_id=app.id)
        outcomes = await uploads.receive(
            ctx, event.files, lang, decide=decide, application=app, first_index=len(before) + 1
        )
        names = {i["id"]: i for i in app.requested_items or []}
        note = uploads.summary(
            outcomes, lang, lambda i: fmt.pick(names[i], "name", lang) if i in names else ""
        )
        kept = [o.upload for o in outcomes if o.upload is not None]
        if kept:
            await self._tell_staff(ctx, app, kept)
        return await self._after(ctx, app, lang, [note])

    async def _after(self, ctx: Context, app: Any, lang: str, notes) -> list[View]:
        files = await repo.list_uploads(ctx.session, application_id=app.id)
        waiting = [
            u
            for u in files
            if u.item_id is None and app.requested_at and u.created_at >= app.requested_at
        ]
        outstanding = await queries.outstanding_requested(ctx.session, app)
        if waiting and outstanding:
            index = next(n for n, u in enumerate(files, 1) if u.id == waiting[0].id)
            return [views.which_view(app, outstanding, waiting[0], index, lang, notes)]
        if app.requested_items:
            if outstanding:
                left = "; ".join(fmt.short(fmt.pick(i, "name", lang), 80) for i in outstanding)
                notes = [*notes, Msg(texts.STILL_REQUESTED, {"names": left})]
            else:
                notes = [*notes, Msg(texts.ALL_UPLOADED)]
        return [await self.card(ctx, app, lang, notes)]

    async def _upload_button(self, verb: str, action: Action, ctx: Context, lang: str):
        from domain.applications.models import Application, Upload

        upload = await ctx.session.get(Upload, action.int_arg(0))
        app = None
        if upload is not None and upload.owner_id == ctx.user.user_id and upload.application_id:
            app = await ctx.session.get(Application, upload.application_id)
        if app is None or app.owner_id != ctx.user.user_id:
            return self._not_found()
        try:
            if verb == "del":
                key = upload.storage_key
                await repo.remove_upload(ctx.session, upload.id, owner_id=ctx.user.user_id)
                remember_garbage(ctx, [key])
                view = await self.card(ctx, app, lang, [Msg(texts.FILE_DELETED)])
                view.toast = Msg(texts.FILE_DELETED)
                return [view]
            item = resolve(action.arg(1), [i["id"] for i in app.requested_items or []])
            await repo.assign_item(ctx.session, upload.id, item, owner_id=ctx.user.user_id)
        except ApplicationError as err:
            return [await self.card(ctx, app, lang, [Msg(*error_message(err))])]
        return await self._after(ctx, app, lang, [])

    async def _tell_staff(self, ctx: Context, app: Any, kept: list[Any]) -> None:
        """A note to the staff chat (if configured): the status stays for staff to move."""
        chat_id = getattr(getattr(ctx.services, "settings", None), "staff_chat_id", None)
        if not chat_id:
            return
        from domain.outbox import enqueue

        names = {i["id"]: i for i in app.requested_items or []}
        listed = sorted({u.item_id for u in kept if u.item_id in names})

        def joined(lang: str) -> str:
            return "; ".join(fmt.short(fmt.pick(names[i], "name", lang), 60) for i in listed)

        payload = {
            "lang": "ru",
            "parts": [
                {
                    "key": texts.STAFF_NOTICE,
                    "params": {
                        "number": app.number,
                        "names": {"kk": joined("kk"), "ru": joined("ru")}
                        if listed
                        else str(len(kept)),
                    },
                }
            ],
        }
        await enqueue(
            ctx.session,
            chat_id,
            "apps_upload",
            payload,
            dedup_key=f"apps-upload:{app.id}:{kept[0].id}",
            now=now(ctx),
        )
