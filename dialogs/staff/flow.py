"""The staff flow: routing of staff commands, ``stf:`` buttons and ``stf.*`` steps.

Commands: ``/queue``, ``/app NUMBER``, ``/overdue`` (staff), ``/staff add|remove ID`` (admins).
Buttons (``stf:<verb>:<args>``, ids only, well under 64 bytes):
``q:<page>`` queue page, ``app:<number>`` card, ``to:<number>:<status>`` move (``ok:`` after a
confirmation), ``ref:<number>`` refusal grounds, ``rg:<number>:<i>`` ground i (0 = other),
``rgo:<number>`` refuse without explanation, ``nd:<number>`` request documents, ``ndt:<number>:
<i>`` toggle item i, ``nds:<number>`` send the request, ``cm:<number>`` comment, ``doc:<id>``
open an uploaded file. Steps: ``stf.number``, ``stf.refuse``, ``stf.comment``.

See ``flow.mmd`` beside this file for the diagram.
"""

from __future__ import annotations

from dialogs.common.ids import Action
from dialogs.core import Event, Msg, View
from dialogs.engine import BaseFlow, Context
from dialogs.staff import actions, fmt, queue
from dialogs.staff.access import ADMIN_ROLE, STAFF_ROLE, has_role, refuse
from dialogs.staff.admin import staff_command
from dialogs.staff.card import ASK_NUMBER, card_view, not_found_view

STEP_NUMBER = "stf.number"
# Buttons that continue a dialog kept in state; every other button starts afresh.
_CONTINUING = frozenset({"rg", "rgo", "ndt", "nds"})


class StaffFlow(BaseFlow):
    name = "staff"
    commands = frozenset({"queue", "app", "overdue", "staff"})
    action_prefixes = frozenset({"stf"})
    step_prefix = "stf"
    # No menu_commands: staff commands stay out of everybody's Telegram menu.

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        fmt.remember_hint(ctx, event.language_hint)
        if event.kind == "command" and event.command == "staff":
            if not has_role(ctx, ADMIN_ROLE):
                return refuse(event, ctx, ADMIN_ROLE)
            return await staff_command(ctx, event.args)
        if not has_role(ctx, STAFF_ROLE):
            if event.kind not in ("command", "button"):
                actions._forget(ctx)  # the role was removed in the middle of a dialog
            return refuse(event, ctx)
        if event.kind == "command":
            actions._forget(ctx)
            return await self._command(event, ctx)
        if event.kind == "button":
            return await self._button(Action.parse(event.action), ctx)
        return await self._step(event, ctx)

    # ------------------------------------------------------------------ commands
    async def _command(self, event: Event, ctx: Context) -> list[View]:
        if event.command == "queue":
            return [await queue.queue_view(ctx)]
        if event.command == "overdue":
            return [await queue.overdue_view(ctx)]
        number = event.args.strip()
        if not number:
            ctx.state.step = STEP_NUMBER
            return [View(parts=[Msg(ASK_NUMBER)])]
        return await self._card(ctx, number)

    async def _card(self, ctx: Context, number: str, *, edit: bool = False) -> list[View]:
        app = await actions.load(ctx, number)
        if app is None:
            return [not_found_view(number)]
        return [await card_view(ctx, app, edit=edit)]

    # ------------------------------------------------------------------ buttons
    async def _button(self, action: Action, ctx: Context) -> list[View]:
        verb, number = action.verb, action.arg(0)
        if verb not in _CONTINUING:
            actions._forget(ctx)
        if verb == "q":
            return [await queue.queue_view(ctx, action.int_arg(0), edit=True)]
        if verb == "app":
            return await self._card(ctx, number)
        if verb in ("to", "ok"):
            return await actions.transition(ctx, number, action.arg(1), confirmed=verb == "ok")
        if verb == "ref":
            return await actions.refuse_start(ctx, number)
        if verb == "rg":
            return await actions.refuse_ground(ctx, number, action.int_arg(1))
        if verb == "rgo":
            return await actions.refuse_finish(ctx, number, None)
        if verb == "nd":
            return await actions.request_start(ctx, number)
        if verb == "ndt":
            return await actions.request_toggle(ctx, number, action.int_arg(1, -1))
        if verb == "nds":
            return await actions.request_send(ctx, number)
        if verb == "cm":
            return await actions.comment_start(ctx, number)
        if verb == "doc":
            return await actions.open_document(ctx, action.int_arg(0, -1))
        return [await queue.queue_view(ctx)]

    # ------------------------------------------------------------------ steps
    async def _step(self, event: Event, ctx: Context) -> list[View] | None:
        if event.kind != "text":
            return [View(parts=[Msg(actions.TEXT_EXPECTED)])]
        step = ctx.state.step
        if step == STEP_NUMBER:
            ctx.state.step = None
            return await self._card(ctx, event.text.strip())
        if step == actions.STEP_REFUSE:
            number = actions._memo(ctx).get("number", "")
            return await actions.refuse_finish(ctx, number, event.text)
        if step == actions.STEP_COMMENT:
            return await actions.comment_finish(ctx, event.text)
        actions._forget(ctx)
        return None
