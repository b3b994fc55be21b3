"""The applicant's side: reaching a human from anywhere, then talking to them through the bot.

Entry points: the menu button ``op:start``, the ``/operator`` command, typing "оператор" /
"operator" / "адам" at any step (``intercept``), and ``op:ask[:service]`` under an answer the
knowledge base was not sure of (a consent step first). Once a ticket is open the applicant is in
step ``op.chat``: their texts, documents and photos go to the same ticket until it is closed (or
they go back to the bot); a closed ticket reopens when they write within the reopening window.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from dialogs.common.ids import action_arg, resolve_service
from dialogs.common.kb import current_kb
from dialogs.core import Event, View
from dialogs.engine import BaseFlow, Context
from dialogs.operators import views
from dialogs.operators.common import config, lang_of, now, parts_payload, view_payload
from dialogs.operators.context import forget, recalled
from domain.i18n import N_
from domain.operators import relay, tickets
from domain.operators.models import ACTIVE_STATUSES, CLOSED, Ticket

log = logging.getLogger(__name__)

ESCAPE_WORDS = frozenset(
    {"оператор", "operator", "адам", "операторға", "операторы", "оператора", "человек", "human"}
)
# Words that may stand beside an escape word ("маған адам керек", "позовите оператора").
FILLER_WORDS = frozenset(
    {
        "маған",
        "керек",
        "қажет",
        "шақырыңыз",
        "қосыңыз",
        "жалғаңыз",
        "байланыс",
        "тірі",
        "мне",
        "нужен",
        "нужно",
        "нужна",
        "хочу",
        "позовите",
        "дайте",
        "живой",
        "живого",
        "с",
        "связь",
        "связаться",
        "please",
        "talk",
        "to",
        "an",
        "a",
        "the",
        "need",
    }
)
STEP_QUESTION = "op.question"
STEP_CHAT = "op.chat"
DATA_TICKET = "op_ticket"
DATA_PREV = "op_prev"
DATA_SERVICE = "op_sid"


def is_escape(text: str) -> bool:
    words = re.sub(r"[^\w\s]", " ", (text or "").casefold()).split()
    return (
        0 < len(words) <= 4
        and any(w in ESCAPE_WORDS for w in words)
        and all(w in ESCAPE_WORDS or w in FILLER_WORDS for w in words)
    )


def _kind(event: Event) -> tuple[str, str | None, str | None]:
    """(kind, text or caption, file id) of an applicant's message."""
    if event.kind == "file" and event.files:
        first = event.files[0]
        return first.kind, (event.text or first.caption or None), first.file_id
    return "text", event.text, None


async def _open_application(session: Any, user_id: int) -> str | None:
    """The number of the applicant's most recent application still in progress, if any."""
    try:
        from domain.applications.queries import list_for_owner
        from domain.applications.status import FINAL
    except ModuleNotFoundError:  # the applications feature is not installed
        return None
    for app in await list_for_owner(session, user_id):
        if app.status not in FINAL:
            return str(app.number)
    return None


class OperatorFlow(BaseFlow):
    name = "operators"
    commands = frozenset({"operator"})
    action_prefixes = frozenset({"op"})
    step_prefix = "op"
    menu_commands = (("operator", N_("Contact an operator")),)

    # ------------------------------------------------------------------ routing
    async def intercept(self, event: Event, ctx: Context) -> list[View] | None:
        if event.chat_type != "private" or not is_escape(event.text):
            return None
        ctx.extra["language_hint"] = event.language_hint
        if (ctx.state.step or "").startswith(self.step_prefix + "."):
            return None  # already talking to an operator: the word is part of the message
        return await self._start(ctx)

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        ctx.extra["language_hint"] = event.language_hint
        if event.kind == "command":
            return await self._start(ctx)
        if event.kind == "button":
            return await self._button(event, ctx)
        if ctx.state.step == STEP_QUESTION:
            return await self._question(event, ctx)
        if ctx.state.step == STEP_CHAT:
            return await self._chat(event, ctx)
        return None

    async def _button(self, event: Event, ctx: Context) -> list[View] | None:
        verb = action_arg(event.action, 1)
        if verb == "start":
            return await self._start(ctx)
        if verb == "ask":
            return await self._ask(ctx, action_arg(event.action, 2))
        if verb == "send":
            return await self._send_recalled(ctx)
        if verb == "new":
            return await self._prompt(ctx)
        if verb == "back":
            return self._back(ctx)
        if verb == "leave":
            self._set_step(ctx, None)
            return [views.left()]
        if verb == "reply":
            return await self._reply(ctx, action_arg(event.action, 2))
        if verb == "done":
            return await self._done(ctx, action_arg(event.action, 2))
        return None

    # ------------------------------------------------------------------ state helpers
    def _set_step(self, ctx: Context, step: str | None) -> None:
        current = ctx.state.step
        if step and current and not current.startswith(self.step_prefix + "."):
            ctx.state.data[DATA_PREV] = current  # to come back after "Cancel"
        ctx.state.step = step
        if step is None:
            ctx.state.data.pop(DATA_PREV, None)

    def _back(self, ctx: Context) -> list[View]:
        previous = ctx.state.data.pop(DATA_PREV, None)
        ctx.state.step = previous
        ctx.state.data.pop(DATA_SERVICE, None)
        return [views.back()]

    async def _current(self, ctx: Context) -> Ticket | None:
        cfg = config(ctx)
        return await tickets.current_ticket(
            ctx.session, ctx.user.user_id, now(ctx), cfg.reopen_window
        )

    # ------------------------------------------------------------------ entry points
    async def _start(self, ctx: Context) -> list[View]:
        cfg = config(ctx)
        if cfg.chat_id is None:
            return [views.not_configured()]
        ticket = await self._current(ctx)
        if ticket is not None and ticket.status in ACTIVE_STATUSES:
            self._set_step(ctx, STEP_CHAT)
            ctx.state.data[DATA_TICKET] = ticket.id
            return [views.already_open(ticket.id)]
        remembered = recalled(ctx.state)
        if remembered is not None:
            return [views.consent(remembered["q"], uncertain=bool(remembered.get("esc")))]
        return await self._prompt(ctx)

    async def _ask(self, ctx: Context, token: str) -> list[View]:
        cfg = config(ctx)
        if cfg.chat_id is None:
            return [views.not_configured()]
        if token:
            service_id = resolve_service(current_kb(ctx), token)
            if service_id:
                ctx.state.data[DATA_SERVICE] = service_id
        remembered = recalled(ctx.state)
        if remembered is None:
            return await self._prompt(ctx)
        return [views.consent(remembered["q"], uncertain=bool(remembered.get("esc")))]

    async def _prompt(self, ctx: Context) -> list[View]:
        cfg = config(ctx)
        if cfg.chat_id is None:
            return [views.not_configured()]
        self._set_step(ctx, STEP_QUESTION)
        return [views.ask_question(cfg.hours, now(ctx), lang_of(ctx))]

    async def _send_recalled(self, ctx: Context) -> list[View]:
        remembered = recalled(ctx.state)
        if remembered is None:
            return await self._prompt(ctx)
        forget(ctx.state)
        ticket = await self._current(ctx)
        if ticket is not None:
            return await self._follow_up(ctx, ticket, "text", remembered["q"], None, None)
        return await self._open(
            ctx,
            question=remembered["q"],
            answer=remembered.get("a"),
            service_id=remembered.get("sid"),
            intent=remembered.get("intent"),
        )

    async def _question(self, event: Event, ctx: Context) -> list[View] | None:
        if event.kind not in ("text", "file"):
            return None
        kind, body, file_id = _kind(event)
        if kind == "text" and not (body or "").strip():
            return [views.empty_question()]
        ticket = await self._current(ctx)
        if ticket is not None:
            return await self._follow_up(ctx, ticket, kind, body, file_id, event.message_id)
        return await self._open(
            ctx,
            question=body or "",
            first_message=(kind, body, file_id, event.message_id),
            first_name=event.first_name,
        )

    async def _open(
        self,
        ctx: Context,
        *,
        question: str,
        answer: str | None = None,
        service_id: str | None = None,
        intent: str | None = None,
        first_message: tuple[str, str | None, str | None, int | None] | None = None,
        first_name: str | None = None,
    ) -> list[View]:
        cfg = config(ctx)
        if cfg.chat_id is None:
            return [views.not_configured()]
        moment = now(ctx)
        lang = lang_of(ctx)
        service_id = service_id or ctx.state.data.get(DATA_SERVICE) or ctx.state.data.get("svc")
        ticket = await tickets.open_ticket(
            ctx.session,
            user_id=ctx.user.user_id,
            chat_id=ctx.user.chat_id,
            lang=lang,
            question=question,
            now=moment,
            service_id=service_id,
            intent=intent,
            bot_answer=answer,
            application_number=await _open_application(ctx.session, ctx.user.user_id),
            applicant_name=first_name or await _first_name(ctx),
        )
        await relay.post_ticket(ctx.session, cfg.chat_id, ticket)
        if first_message is not None and first_message[0] != "text":
            kind, body, file_id, message_id = first_message
            row = await tickets.add_applicant_message(
                ctx.session,
                ticket,
                kind=kind,
                text=body,
                chat_id=ctx.user.chat_id,
                message_id=message_id,
                now=moment,
                window=cfg.reopen_window,
                file_id=file_id,
            )
            await relay.relay_applicant_message(ctx.session, cfg.chat_id, ticket, row)
        ctx.state.data.pop(DATA_SERVICE, None)
        ctx.state.data[DATA_TICKET] = ticket.id
        self._set_step(ctx, STEP_CHAT)
        return [views.ticket_opened(ticket.id, cfg.hours, moment, lang)]

    async def _chat(self, event: Event, ctx: Context) -> list[View] | None:
        if event.kind not in ("text", "file"):
            return None
        ticket = await self._current(ctx)
        if ticket is None:
            # Closed too long ago: the message is an ordinary question for the bot again.
            self._set_step(ctx, None)
            ctx.state.data.pop(DATA_TICKET, None)
            return None
        kind, body, file_id = _kind(event)
        return await self._follow_up(ctx, ticket, kind, body, file_id, event.message_id)

    async def _follow_up(
        self,
        ctx: Context,
        ticket: Ticket,
        kind: str,
        body: str | None,
        file_id: str | None,
        message_id: int | None,
    ) -> list[View]:
        cfg = config(ctx)
        reopened = ticket.status == CLOSED
        row = await tickets.add_applicant_message(
            ctx.session,
            ticket,
            kind=kind,
            text=body,
            chat_id=ctx.user.chat_id,
            message_id=message_id,
            now=now(ctx),
            window=cfg.reopen_window,
            file_id=file_id,
        )
        if reopened:
            await relay.group_notice(
                ctx.session,
                cfg.chat_id,
                lang=cfg.group_lang,
                ticket_id=ticket.id,
                parts=parts_payload(cfg.group_lang, [views.reopened_notice(ticket.id)]),
            )
        await relay.relay_applicant_message(ctx.session, cfg.chat_id, ticket, row)
        ctx.state.data[DATA_TICKET] = ticket.id
        self._set_step(ctx, STEP_CHAT)
        return [views.followup_sent(ticket.id, reopened)]

    async def _reply(self, ctx: Context, raw_id: str) -> list[View]:
        ticket = await self._own_ticket(ctx, raw_id)
        if ticket is None:
            return [views.ticket_gone(int(raw_id) if raw_id.isdigit() else 0)]
        cfg = config(ctx)
        if ticket.status == CLOSED and not tickets.can_reopen(ticket, now(ctx), cfg.reopen_window):
            return [views.ticket_gone(ticket.id)]
        ctx.state.data[DATA_TICKET] = ticket.id
        self._set_step(ctx, STEP_CHAT)
        return [views.reply_prompt(ticket.id)]

    async def _done(self, ctx: Context, raw_id: str) -> list[View]:
        ticket = await self._own_ticket(ctx, raw_id)
        if ticket is None:
            return [views.ticket_gone(int(raw_id) if raw_id.isdigit() else 0)]
        cfg = config(ctx)
        if await tickets.close_ticket(ctx.session, ticket, by=ctx.user.user_id, now=now(ctx)):
            await relay.group_notice(
                ctx.session,
                cfg.chat_id,
                lang=cfg.group_lang,
                ticket_id=ticket.id,
                parts=parts_payload(cfg.group_lang, [views.closed_notice(ticket.id, True)]),
            )
        if ctx.state.step == STEP_CHAT:
            self._set_step(ctx, None)
        ctx.state.data.pop(DATA_TICKET, None)
        return [views.closed_by_applicant(ticket.id)]

    async def _own_ticket(self, ctx: Context, raw_id: str) -> Ticket | None:
        if not raw_id.isdigit():
            return None
        ticket = await tickets.get_ticket(ctx.session, int(raw_id))
        if ticket is None or ticket.user_id != ctx.user.user_id:
            return None  # a forged button: not this applicant's ticket
        return ticket


async def _first_name(ctx: Context) -> str | None:
    try:
        from domain.users import get_user
    except ModuleNotFoundError:  # pragma: no cover
        return None
    user = await get_user(ctx.session, ctx.user.user_id)
    return getattr(user, "first_name", None)


def closed_view_payload(lang: str, number: int, window_hours: int) -> dict[str, Any]:
    """The applicant's notification when an operator closes their ticket."""
    return view_payload(lang, views.closed_by_operator(number, window_hours))
