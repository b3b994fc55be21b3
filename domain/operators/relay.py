"""Queue the Telegram side effects of ticket use cases through the outbox (``domain.outbox``).

Every message into the operators' group and every operator reply to an applicant is an outbox row
written in the same transaction as the ticket change, so a crash loses nothing, and the outbox
worker keeps each chat's rows in order and respects Telegram's limits (20 a minute per group,
429 ``retry_after``). Rows for the operators' group carry ``"via": "operators"``: the Telegram
sender hands them to ``bot.operators.sender.OperatorSender``, which creates forum topics, copies
messages and records the resulting message ids. Plain notifications to an applicant use the
outbox's ordinary payload (``lang``, ``parts``, ``buttons``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.operators.models import Ticket, TicketMessage

VIA = "operators"
# payload["op"] values, handled by bot.operators.sender
TICKET_CARD = "ticket_card"  # create the forum topic when needed, post the ticket's card
APPLICANT_MESSAGE = "applicant_msg"  # copy an applicant's follow-up into the ticket
DELIVER = "deliver"  # copy an operator's reply into the applicant's chat
NOTICE = "notice"  # a text (parts/buttons) into the group, in the ticket's topic when given


async def _enqueue(
    session: AsyncSession, chat_id: int, kind: str, payload: dict[str, Any], dedup_key: str
) -> None:
    from domain.outbox import enqueue

    await enqueue(session, chat_id, kind, payload, dedup_key)


async def post_ticket(session: AsyncSession, group_id: int, ticket: Ticket) -> None:
    payload = {"via": VIA, "op": TICKET_CARD, "ticket_id": ticket.id}
    await _enqueue(session, group_id, "op_ticket_card", payload, f"op:card:{ticket.id}")


async def repost_ticket(session: AsyncSession, group_id: int, ticket: Ticket) -> None:
    """Post the card again (a reopened ticket whose topic or card may be gone)."""
    payload = {"via": VIA, "op": TICKET_CARD, "ticket_id": ticket.id, "again": True}
    await _enqueue(session, group_id, "op_ticket_card", payload, f"op:card:{uuid.uuid4().hex}")


async def relay_applicant_message(
    session: AsyncSession, group_id: int, ticket: Ticket, message: TicketMessage
) -> None:
    payload = {"via": VIA, "op": APPLICANT_MESSAGE, "ticket_id": ticket.id, "row": message.id}
    await _enqueue(session, group_id, "op_applicant_msg", payload, f"op:in:{message.id}")


async def deliver_reply(session: AsyncSession, ticket: Ticket, message: TicketMessage) -> None:
    payload = {"via": VIA, "op": DELIVER, "ticket_id": ticket.id, "row": message.id}
    await _enqueue(session, ticket.chat_id, "op_deliver", payload, f"op:out:{message.id}")


async def group_notice(
    session: AsyncSession,
    group_id: int,
    *,
    lang: str,
    parts: list[dict[str, Any]],
    buttons: list[list[dict[str, Any]]] | None = None,
    ticket_id: int | None = None,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> None:
    """A message for operators: in the ticket's topic (or replying to its card) when
    ``ticket_id`` is given, else in ``thread_id`` / the general chat."""
    payload = {
        "via": VIA,
        "op": NOTICE,
        "ticket_id": ticket_id,
        "thread_id": thread_id,
        "reply_to": reply_to,
        "lang": lang,
        "parts": parts,
        "buttons": buttons or [],
    }
    await _enqueue(session, group_id, "op_notice", payload, f"op:notice:{uuid.uuid4().hex}")


async def applicant_notice(
    session: AsyncSession,
    chat_id: int,
    *,
    lang: str,
    parts: list[dict[str, Any]],
    buttons: list[list[dict[str, Any]]] | None = None,
    key: str | None = None,
) -> None:
    """An ordinary notification to an applicant (rendered by the outbox's sender)."""
    payload = {"lang": lang, "parts": parts, "buttons": buttons or []}
    await _enqueue(
        session, chat_id, "op_applicant_notice", payload, key or f"op:note:{uuid.uuid4().hex}"
    )
