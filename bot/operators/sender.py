"""Telegram side of the operators' relay: executes the outbox rows of ``domain.operators.relay``.

The outbox worker hands every row with ``"via": "operators"`` to :meth:`OperatorSender.send`
(one row at a time per chat, in order, within Telegram's limits). A row may need a forum topic
first (``createForumTopic``, named with the ticket number and service); its ids are stored at
once, so a retried row never creates a second topic. A topic that was deleted or closed by hand
("message thread not found") is recreated (or reopened) and the ticket's card posted again,
then the message goes there. Applicants' files reach the group, and operators' files reach the
applicant, by ``copyMessage``: everyone sees the bot's own message, never a forward.

Errors are aiogram's own; the outbox sender (``bot.notify``) maps them onto the worker's policy
(429 -> wait ``retry_after``, 403 -> blocked, network -> retry).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters

from bot.render import CAPTION_LIMIT, split_text
from dialogs.core import Button
from dialogs.operators import views
from dialogs.operators.common import config, parts_payload, text
from domain.operators import relay, tickets
from domain.operators.models import Ticket, TicketMessage, utcnow

log = logging.getLogger(__name__)

THREAD_GONE = ("thread not found", "topic_deleted", "topic_id_invalid", "topic not found")
THREAD_CLOSED = ("topic_closed", "topic closed")
FORUM_TTL = 600.0


def _is(exc: TelegramBadRequest, markers: tuple[str, ...]) -> bool:
    message = (exc.message or "").lower()
    return any(m in message for m in markers)


def _keyboard(lang: str, rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text(lang, b.label), callback_data=b.action) for b in row]
            for row in rows
        ]
    )


def _payload_keyboard(rows: list[list[dict[str, Any]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=str(b["label"]["key"]), callback_data=b["action"])
                for b in row
            ]
            for row in rows
        ]
    )


def _caption(header: str, caption: str | None) -> str:
    full = header if not caption else f"{header}\n\n{caption}"
    return full if len(full) <= CAPTION_LIMIT else full[: CAPTION_LIMIT - 1] + "…"


class OperatorSender:
    """``domain.outbox`` Sender for the operators' rows."""

    def __init__(self, bot: Bot, services: Any) -> None:
        self.bot = bot
        self.services = services
        self._forum: tuple[bool, float] | None = None

    # ------------------------------------------------------------------ infrastructure
    @asynccontextmanager
    async def _unit(self):
        from dialogs.operators.jobs import unit_of_work

        async with unit_of_work(self.services) as session:
            yield session

    async def _load(self, ticket_id: int) -> Ticket | None:
        async with self.services.sessionmaker() as session:
            return await tickets.get_ticket(session, ticket_id)

    async def _update_ticket(self, ticket_id: int, **fields: Any) -> None:
        async with self._unit() as session:
            ticket = await tickets.get_ticket(session, ticket_id)
            if ticket is not None:
                for name, value in fields.items():
                    setattr(ticket, name, value)

    async def _update_message(self, row_id: int, **fields: Any) -> None:
        async with self._unit() as session:
            row = await session.get(TicketMessage, row_id)
            if row is not None:
                for name, value in fields.items():
                    setattr(row, name, value)

    def _kb(self) -> Any:
        holder = self.services.knowledge
        try:
            return holder.get() if hasattr(holder, "get") else holder
        except Exception:
            log.warning("knowledge base unavailable for a ticket card", exc_info=True)
            return None

    @property
    def lang(self) -> str:
        return config(self.services).group_lang

    async def is_forum(self, chat_id: int) -> bool:
        cached = self._forum
        if cached is not None and time.monotonic() - cached[1] < FORUM_TTL:
            return cached[0]
        chat = await self.bot.get_chat(chat_id)
        value = bool(getattr(chat, "is_forum", False))
        self._forum = (value, time.monotonic())
        return value

    # ------------------------------------------------------------------ entry point
    async def send(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        op = payload.get("op")
        if op == relay.TICKET_CARD:
            return await self._ticket_card(chat_id, payload)
        if op == relay.APPLICANT_MESSAGE:
            return await self._applicant_message(chat_id, payload)
        if op == relay.DELIVER:
            return await self._deliver(chat_id, payload)
        if op == relay.NOTICE:
            return await self._notice(chat_id, payload)
        raise ValueError(f"unknown operators outbox row {op!r}")

    # ------------------------------------------------------------------ topics and cards
    async def _new_topic(self, chat_id: int, ticket: Ticket) -> int:
        topic = await self.bot.create_forum_topic(
            chat_id, views.topic_name(ticket, self._kb(), self.lang)
        )
        thread_id = topic.message_thread_id
        ticket.thread_id = thread_id
        await self._update_ticket(ticket.id, thread_id=thread_id)
        log.info("forum topic %s created for ticket %s", thread_id, ticket.id)
        return thread_id

    async def _post_card(self, chat_id: int, ticket: Ticket, forum: bool, again: str) -> int:
        card = views.ticket_card(ticket, self._kb(), self.lang, forum=forum, again=again)
        body = "\n\n".join(text(self.lang, p) for p in card.parts)
        ids = await self._send_text(
            chat_id,
            body,
            _keyboard(self.lang, card.buttons),
            thread_id=ticket.thread_id if forum else None,
        )
        ticket.group_message_id = ids[0]
        await self._update_ticket(ticket.id, group_message_id=ids[0])
        return ids[0]

    async def _ticket_card(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        ticket = await self._load(int(payload["ticket_id"]))
        if ticket is None:
            return None
        again = "reopened" if payload.get("again") else ""
        if ticket.group_message_id is not None and not again:
            return ticket.group_message_id  # a retried row: the card is already there
        forum = await self.is_forum(chat_id)
        if forum and ticket.thread_id is None:
            await self._new_topic(chat_id, ticket)

        async def post() -> int:
            return await self._post_card(chat_id, ticket, forum, again)

        return await self._in_thread(chat_id, ticket, forum, post, recreate_card=False)

    async def _in_thread(
        self,
        chat_id: int,
        ticket: Ticket,
        forum: bool,
        post: Callable[[], Awaitable[int]],
        *,
        recreate_card: bool = True,
    ) -> int:
        """Run ``post`` in the ticket's topic; recreate (or reopen) a topic that is gone."""
        try:
            return await post()
        except TelegramBadRequest as exc:
            if not forum:
                raise
            if _is(exc, THREAD_CLOSED) and ticket.thread_id is not None:
                try:
                    await self.bot.reopen_forum_topic(chat_id, ticket.thread_id)
                    return await post()
                except TelegramBadRequest as again:
                    if not _is(again, THREAD_GONE + THREAD_CLOSED):
                        raise
            elif not _is(exc, THREAD_GONE):
                raise
        log.info("topic of ticket %s is gone: recreating it", ticket.id)
        await self._new_topic(chat_id, ticket)
        if recreate_card:
            await self._post_card(chat_id, ticket, forum, "recreated")
        return await post()

    async def _place(self, chat_id: int, ticket: Ticket, forum: bool) -> dict[str, Any]:
        """Where a message about ``ticket`` goes: its topic, or a reply to its card."""
        if forum:
            if ticket.thread_id is None:
                await self._new_topic(chat_id, ticket)
                await self._post_card(chat_id, ticket, forum, "")
            return {"message_thread_id": ticket.thread_id}
        if ticket.group_message_id is None:
            await self._post_card(chat_id, ticket, forum, "")
        return {
            "reply_parameters": ReplyParameters(
                message_id=ticket.group_message_id, allow_sending_without_reply=True
            )
        }

    async def _send_text(
        self,
        chat_id: int,
        body: str,
        markup: InlineKeyboardMarkup | None,
        *,
        thread_id: int | None = None,
        reply_parameters: ReplyParameters | None = None,
    ) -> list[int]:
        chunks = split_text(body) or ["…"]
        ids = []
        for index, chunk in enumerate(chunks):
            message = await self.bot.send_message(
                chat_id,
                chunk,
                parse_mode=None,
                message_thread_id=thread_id,
                reply_parameters=reply_parameters if index == 0 else None,
                reply_markup=markup if index == len(chunks) - 1 else None,
            )
            ids.append(message.message_id)
        return ids

    # ------------------------------------------------------------------ applicant -> group
    async def _applicant_message(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        ticket = await self._load(int(payload["ticket_id"]))
        async with self.services.sessionmaker() as session:
            row = await session.get(TicketMessage, int(payload["row"]))
        if ticket is None or row is None:
            return None
        if row.group_message_id is not None:
            return row.group_message_id  # a retried row that was already posted
        forum = await self.is_forum(chat_id)
        header = text(self.lang, views.applicant_header(ticket.id))

        async def post() -> int:
            place = await self._place(chat_id, ticket, forum)
            if row.kind == "text" or row.message_id is None:
                ids = await self._send_text(
                    chat_id,
                    f"{header}\n\n{row.text or ''}".strip(),
                    None,
                    thread_id=place.get("message_thread_id"),
                    reply_parameters=place.get("reply_parameters"),
                )
                return ids[0]
            copied = await self.bot.copy_message(
                chat_id,
                row.chat_id,
                row.message_id,
                caption=_caption(header, row.text),
                parse_mode=None,
                **place,
            )
            return copied.message_id

        message_id = await self._in_thread(chat_id, ticket, forum, post)
        await self._update_message(row.id, group_message_id=message_id)
        return message_id

    # ------------------------------------------------------------------ group -> applicant
    async def _deliver(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        ticket = await self._load(int(payload["ticket_id"]))
        async with self.services.sessionmaker() as session:
            row = await session.get(TicketMessage, int(payload["row"]))
        if ticket is None or row is None:
            return None
        if row.delivered_message_id is not None:
            return row.delivered_message_id
        lang = ticket.lang
        header = text(lang, views.reply_header(ticket.id))
        markup = _keyboard(lang, views.reply_buttons(ticket.id))
        try:
            if row.kind == "text" or row.message_id is None:
                ids = await self._send_text(chat_id, f"{header}\n\n{row.text or ''}", markup)
                message_id = ids[-1]
            else:
                copied = await self.bot.copy_message(
                    chat_id,
                    row.chat_id,
                    row.message_id,
                    caption=_caption(header, row.text),
                    parse_mode=None,
                    reply_markup=markup,
                )
                message_id = copied.message_id
        except TelegramForbiddenError:
            await self._report_undeliverable(ticket)
            raise
        await self._update_message(row.id, delivered_message_id=message_id, delivered_at=utcnow())
        return message_id

    async def _report_undeliverable(self, ticket: Ticket) -> None:
        cfg = config(self.services)
        if cfg.chat_id is None:
            return
        async with self._unit() as session:
            await relay.group_notice(
                session,
                cfg.chat_id,
                lang=self.lang,
                ticket_id=ticket.id,
                parts=parts_payload(self.lang, [views.undeliverable(ticket.id)]),
            )

    # ------------------------------------------------------------------ notices
    async def _notice(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        body = "\n\n".join(str(p["key"]) for p in payload.get("parts") or [])
        markup = _payload_keyboard(payload.get("buttons") or [])
        ticket_id = payload.get("ticket_id")
        if ticket_id is None:
            reply = payload.get("reply_to")
            ids = await self._send_text(
                chat_id,
                body,
                markup,
                thread_id=payload.get("thread_id"),
                reply_parameters=(
                    ReplyParameters(message_id=reply, allow_sending_without_reply=True)
                    if reply
                    else None
                ),
            )
            return ids[0]
        ticket = await self._load(int(ticket_id))
        if ticket is None:
            return None
        forum = await self.is_forum(chat_id)

        async def post() -> int:
            place = await self._place(chat_id, ticket, forum)
            ids = await self._send_text(
                chat_id,
                body,
                markup,
                thread_id=place.get("message_thread_id"),
                reply_parameters=place.get("reply_parameters"),
            )
            return ids[0]

        return await self._in_thread(chat_id, ticket, forum, post)


def membership_check(
    bot: Bot, chat_id: int, ttl: float = 300.0
) -> Callable[[int], Awaitable[bool]]:
    """``async (user_id) -> bool``: is the user an administrator of the operators' group?"""
    cache: dict[int, tuple[bool, float]] = {}

    async def check(user_id: int) -> bool:
        hit = cache.get(user_id)
        if hit is not None and time.monotonic() - hit[1] < ttl:
            return hit[0]
        member = await bot.get_chat_member(chat_id, user_id)
        value = str(getattr(member.status, "value", member.status)) in ("creator", "administrator")
        cache[user_id] = (value, time.monotonic())
        return value

    return check
