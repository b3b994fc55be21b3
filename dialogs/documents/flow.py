"""The document check flow: routing of ``/documents``, ``docs:`` buttons and ``docs.*`` steps.

Buttons (ids only, <= 64 bytes; ``<d>`` is the draft id, ``<item>`` a document token):
``start``, ``pick:<page>``, ``svc:<service token>``, ``open:<d>``; choices ``case|rsn|who|ch:
<d>:<token>``, ``cond:<d>:<condition>:1|0|x``; checklist ``list:<d>``, ``it|tk|ut|up:<d>:
<item>`` (open, tick, untick, upload for), ``as:<upload>:<item>|-`` (attach a file), ``del:
<upload>``, ``ask:<d>`` (attach the next file), ``redo:<d>``, ``drop:<d>`` / ``dropok:<d>``;
submission ``submit|gap|send|edit:<d>``.
Steps: docs.service, docs.choice, docs.cond, docs.check, docs.iin, docs.name, docs.phone,
docs.confirm.
"""

from __future__ import annotations

from dialogs.common.ids import Action, resolve_service
from dialogs.common.kb import KnowledgeUnavailable, current_kb
from dialogs.common.lang import current_language
from dialogs.core import Event, Msg, View
from dialogs.documents import choices, items, state, submission, texts
from dialogs.engine import BaseFlow, Context

DRAFT_VERBS = frozenset(
    {
        "open",
        "case",
        "rsn",
        "who",
        "ch",
        "cond",
        "list",
        "it",
        "tk",
        "ut",
        "up",
        "ask",
        "redo",
        "drop",
        "dropok",
        "submit",
        "gap",
        "send",
        "edit",
    }
)


class DocumentsFlow(BaseFlow):
    name = "documents"
    commands = frozenset({"documents"})
    action_prefixes = frozenset({"docs"})
    step_prefix = "docs"
    menu_commands = (("documents", texts.MENU_COMMAND),)

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        if event.chat_type != "private":
            return None
        lang = current_language(ctx.user.lang, event.language_hint)
        try:
            await state.collect_garbage(ctx)
            if event.kind == "command":
                return await choices.start(ctx, lang)
            if event.kind == "button":
                return await self._button(Action.parse(event.action), ctx, lang)
            if event.kind == "file":
                return await items.on_files(ctx, event, lang)
            if event.kind in ("text", "contact"):
                return await self._step(event, ctx, lang)
        except KnowledgeUnavailable:
            return [View(parts=[Msg(texts.KB_UNAVAILABLE)])]
        return None

    # ------------------------------------------------------------------ buttons
    async def _button(self, action: Action, ctx: Context, lang: str) -> list[View]:
        verb = action.verb
        if verb == "start" or verb == "new":
            return await choices.start(ctx, lang)
        if verb == "pick":
            ctx.state.step = state.STEP_SERVICE
            kb = current_kb(ctx)
            first = ctx.state.data.get("svc")
            return [choices.service_list_view(kb, lang, action.int_arg(0), first, edit=True)]
        if verb == "svc":
            service_id = resolve_service(current_kb(ctx), action.arg(0))
            if service_id is None:
                view = choices.service_list_view(current_kb(ctx), lang, 0, None)
                view.parts.insert(0, Msg(texts.SERVICE_GONE))
                ctx.state.step = state.STEP_SERVICE
                return [view]
            return await choices.choose_service(ctx, service_id, lang)
        if verb == "as":
            return await items.assign(ctx, action.int_arg(0), action.arg(1), lang)
        if verb == "del":
            return await items.delete(ctx, action.int_arg(0), lang)
        if verb not in DRAFT_VERBS:
            return await choices.start(ctx, lang)
        draft = await state.load_draft(ctx, action.int_arg(0) or None)
        if draft is None:
            state.reset(ctx)
            ctx.state.step = None
            return items.gone_view()
        if state.draft_id(ctx) != draft.id:
            state.reset(ctx, draft.id)
        return await self._draft_button(verb, action, ctx, draft, lang)

    async def _draft_button(self, verb: str, action: Action, ctx: Context, draft, lang: str):
        ref = action.arg(1)
        if verb in ("open", "list"):
            return await choices.advance(ctx, draft, lang)
        if verb in ("case", "rsn", "who", "ch"):
            return await choices.apply_choice(ctx, draft, verb, ref, lang)
        if verb == "cond":
            return await choices.answer_condition(ctx, draft, ref, action.arg(2), lang)
        if verb == "it":
            return await items.item_view(ctx, draft, ref, lang)
        if verb in ("tk", "ut"):
            return await items.tick(ctx, draft, ref, lang, on=verb == "tk")
        if verb == "up":
            return await items.upload_for(ctx, draft, ref, lang)
        if verb == "ask":
            return await items.ask_next(ctx, draft, lang)
        if verb == "redo":
            return await choices.change_answers(ctx, draft, lang)
        if verb == "drop":
            return await items.confirm_drop(ctx, draft, lang)
        if verb == "dropok":
            return await items.drop(ctx, draft)
        if verb in ("submit", "gap"):
            return await submission.start(ctx, draft, lang, gap=verb == "gap")
        if verb == "edit":
            state.data(ctx)["who"] = {}
            return [submission.ask_identity(ctx, draft)]
        return await submission.send(ctx, draft, lang)

    # ------------------------------------------------------------------ typed input
    async def _step(self, event: Event, ctx: Context, lang: str) -> list[View] | None:
        step = ctx.state.step
        if step == state.STEP_SERVICE:
            if event.kind != "text":
                return None
            return [choices.search_view(current_kb(ctx), event.text, lang)]
        draft = await state.load_draft(ctx, state.draft_id(ctx))
        if draft is None:
            state.reset(ctx)
            ctx.state.step = None
            return items.gone_view()
        if event.kind == "contact":
            if step != state.STEP_PHONE or not event.contact_phone:
                return None
            return await submission.on_phone(ctx, draft, event.contact_phone, lang)
        if step == state.STEP_CHOICE:
            return await choices.advance(ctx, draft, lang, [Msg(texts.USE_BUTTONS)])
        if step == state.STEP_CONDITION:
            return await choices.condition_text(ctx, draft, event.text, lang)
        if step == state.STEP_CHECK:
            return await items.on_text(ctx, draft, event.text, lang)
        return await submission.on_text(ctx, draft, event.text, lang)
