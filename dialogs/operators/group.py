"""The operators' side, in their Telegram group (``OPERATOR_CHAT_ID``).

A forum group gives each ticket its own topic; a plain group gets the ticket's card and operators
answer by replying to it (or to any message of that ticket). An operator's text, document or
photo in a ticket is delivered to the applicant as the bot's own message. ``/close`` or the card's
button closes; ``/tickets`` lists open tickets with their age; ``/kbqa`` proposes an answer for
the knowledge base. Only operators can answer: anyone else gets a short notice and nothing is
sent. Everything this flow posts into the group goes through the outbox (rate-limited, ordered),
so it returns no views, only button toasts.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.common.ids import action_arg
from dialogs.core import Event, Msg, View
from dialogs.engine import BaseFlow, Context
from dialogs.operators import kbqa, views
from dialogs.operators.common import config, is_operator, now, parts_payload, text, view_payload
from domain.i18n import N_
from domain.operators import relay, tickets
from domain.operators.models import CLOSED, TO_APPLICANT, Ticket

log = logging.getLogger(__name__)


class OperatorGroupFlow(BaseFlow):
    name = "operators_group"
    group_chat = True
    commands = frozenset({"close", "tickets", "kbqa"})
    action_prefixes = frozenset({"opg"})
    step_prefix = ""

    async def handle(self, event: Event, ctx: Context) -> list[View] | None:
        cfg = config(ctx)
        if event.chat_type == "private":
            return await self._private(event, ctx)
        if cfg.chat_id is None or event.chat_id != cfg.chat_id:
            return []  # some other group the bot was added to
        if event.kind == "button":
            return await self._button(event, ctx)
        if event.kind == "command":
            handler = {
                "close": self._close_command,
                "tickets": self._tickets,
                "kbqa": self._kbqa,
            }.get(event.command)
            if handler is None:
                return []
            if not await is_operator(ctx):
                await self._notice(ctx, event, [views.not_operator()])
                return []
            await handler(event, ctx)
            return []
        if event.kind in ("text", "file"):
            await self._operator_message(event, ctx)
        return []

    # ------------------------------------------------------------------ helpers
    async def _notice(
        self, ctx: Context, event: Event, parts: list[Msg], ticket_id: int | None = None
    ) -> None:
        cfg = config(ctx)
        await relay.group_notice(
            ctx.session,
            cfg.chat_id,
            lang=cfg.group_lang,
            parts=parts_payload(cfg.group_lang, parts),
            ticket_id=ticket_id,
            thread_id=event.thread_id,
            reply_to=event.message_id,
        )

    async def _ticket_of(self, event: Event, ctx: Context) -> Ticket | None:
        return await tickets.ticket_for_group_message(
            ctx.session, thread_id=event.thread_id, reply_to_message_id=event.reply_to_message_id
        )

    async def _private(self, event: Event, ctx: Context) -> list[View] | None:
        if event.kind == "command" and event.command == "tickets" and await is_operator(ctx):
            items = await tickets.list_open(ctx.session, now(ctx))
            lang = ctx.user.lang or config(ctx).group_lang
            return [View(views.open_tickets(items, _kb(ctx), lang))]
        return None

    # ------------------------------------------------------------------ operator messages
    async def _operator_message(self, event: Event, ctx: Context) -> None:
        ticket = await self._ticket_of(event, ctx)
        if ticket is None:
            return  # operators talking among themselves
        if not await is_operator(ctx):
            log.info("non-operator %s tried to answer ticket %s", event.user_id, ticket.id)
            await self._notice(ctx, event, [views.not_operator()])
            return
        if ticket.status == CLOSED:
            await self._notice(ctx, event, [views.ticket_closed_not_sent(ticket.id)])
            return
        kind, body, file_id = "text", event.text, None
        if event.kind == "file" and event.files:
            first = event.files[0]
            kind, body, file_id = first.kind, event.text or first.caption or None, first.file_id
        if event.message_id is None:
            return
        row = await tickets.add_operator_reply(
            ctx.session,
            ticket,
            operator_id=event.user_id,
            kind=kind,
            text=body,
            chat_id=event.chat_id,
            message_id=event.message_id,
            now=now(ctx),
            file_id=file_id,
        )
        await relay.deliver_reply(ctx.session, ticket, row)

    # ------------------------------------------------------------------ closing
    async def _close(self, ctx: Context, ticket: Ticket, by: int) -> bool:
        cfg = config(ctx)
        if not await tickets.close_ticket(ctx.session, ticket, by=by, now=now(ctx)):
            return False
        hours = max(1, int(cfg.reopen_window.total_seconds() // 3600))
        payload = view_payload(ticket.lang, views.closed_by_operator(ticket.id, hours))
        await relay.applicant_notice(
            ctx.session,
            ticket.chat_id,
            lang=ticket.lang,
            key=f"op:closed:{ticket.id}:{ticket.reopened_count}",
            **payload,
        )
        await relay.group_notice(
            ctx.session,
            cfg.chat_id,
            lang=cfg.group_lang,
            ticket_id=ticket.id,
            parts=parts_payload(cfg.group_lang, [views.closed_notice(ticket.id, False)]),
        )
        return True

    async def _close_command(self, event: Event, ctx: Context) -> None:
        ticket = await self._ticket_of(event, ctx)
        if ticket is None:
            await self._notice(ctx, event, [views.where_to_close()])
            return
        if not await self._close(ctx, ticket, event.user_id):
            await self._notice(ctx, event, [views.already_closed(ticket.id)])

    async def _button(self, event: Event, ctx: Context) -> list[View]:
        cfg = config(ctx)
        if action_arg(event.action, 1) != "close" or not action_arg(event.action, 2).isdigit():
            return []
        if not await is_operator(ctx):
            return [View([], toast=views.not_operator())]
        ticket = await tickets.get_ticket(ctx.session, int(action_arg(event.action, 2)))
        if ticket is None:
            return []
        closed = await self._close(ctx, ticket, event.user_id)
        toast = (
            views.closed_notice(ticket.id, False) if closed else views.already_closed(ticket.id)
        )
        # The toast is shown in the group's language, whatever the operator's own language.
        return [View([], toast=Msg.text(text(cfg.group_lang, toast)))]

    # ------------------------------------------------------------------ lists and proposals
    async def _tickets(self, event: Event, ctx: Context) -> None:
        cfg = config(ctx)
        items = await tickets.list_open(ctx.session, now(ctx))
        await self._notice(ctx, event, views.open_tickets(items, _kb(ctx), cfg.group_lang))

    async def _kbqa(self, event: Event, ctx: Context) -> None:
        ticket = await self._ticket_of(event, ctx)
        answer = None
        if ticket is not None and event.reply_to_message_id:
            answer = await tickets.message_by_group_id(
                ctx.session, ticket.id, event.reply_to_message_id
            )
            if answer is not None and answer.direction != TO_APPLICANT:
                answer = None
        if ticket is not None and answer is None:
            answer = await tickets.last_operator_message(ctx.session, ticket.id)
        if ticket is None or answer is None or not (answer.text or "").strip():
            await self._notice(ctx, event, [Msg(KBQA_HOW)])
            return
        moment = now(ctx)
        entry = kbqa.build_entry(
            ticket_id=ticket.id,
            service_id=ticket.service_id,
            lang=ticket.lang,
            question=ticket.question,
            answer=answer.text or "",
            operator_id=event.user_id,
            other=event.args,
            created=moment,
            intent=ticket.intent,
        )
        path = kbqa.write_entry(kbqa.pending_dir(ctx.services), entry, moment)
        log.info("kbqa proposal written for ticket %s", ticket.id)
        key = KBQA_SAVED if not entry["proposal"]["needs_translation"] else KBQA_SAVED_TRANSLATE
        await self._notice(ctx, event, [Msg(key, {"file": path.name})], ticket_id=None)


KBQA_HOW = N_(
    "Use /kbqa in a ticket's topic or in a reply to an operator's answer. You may add the "
    "question and the answer in the other language: the question on the first line, the answer "
    "on the next lines."
)
KBQA_SAVED = N_("📚 The answer is saved for the maintainers' review: {file}")
KBQA_SAVED_TRANSLATE = N_(
    "📚 The answer is saved for the maintainers' review: {file}. The other language is still "
    "missing: the maintainers will add the translation."
)


def _kb(ctx: Context) -> Any:
    holder = ctx.services.knowledge
    try:
        return holder.get() if hasattr(holder, "get") else holder
    except Exception:  # listing tickets must work even without a knowledge base
        log.warning("knowledge base unavailable for ticket list", exc_info=True)
        return None
