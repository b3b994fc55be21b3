"""Ticket lifecycle: open -> answered -> closed, reopened by the applicant within a window.

Every function takes the caller's ``AsyncSession`` first and never commits: one use case = one
transaction, committed by the transport. ``now`` is always passed in (aware UTC).
Message texts are stored (they are the record operators work from) but never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from domain.operators.models import (
    ACTIVE_STATUSES,
    ANSWERED,
    CLOSED,
    OPEN,
    TO_APPLICANT,
    TO_OPERATOR,
    Ticket,
    TicketMessage,
    as_utc,
)

log = logging.getLogger(__name__)


class TicketError(Exception):
    code = "ticket_error"


class TicketClosed(TicketError):
    code = "ticket_closed"


async def open_ticket(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    lang: str,
    question: str,
    now: datetime,
    service_id: str | None = None,
    intent: str | None = None,
    bot_answer: str | None = None,
    application_number: str | None = None,
    applicant_name: str | None = None,
) -> Ticket:
    ticket = Ticket(
        user_id=user_id,
        chat_id=chat_id,
        lang=lang,
        question=question,
        service_id=service_id,
        intent=intent,
        bot_answer=bot_answer,
        application_number=application_number,
        applicant_name=applicant_name,
        status=OPEN,
        created_at=now,
        last_activity_at=now,
    )
    session.add(ticket)
    await session.flush()
    log.info("ticket %s opened (service=%s, lang=%s)", ticket.id, service_id, lang)
    return ticket


async def get_ticket(session: AsyncSession, ticket_id: int) -> Ticket | None:
    return await session.get(Ticket, ticket_id)


async def latest_ticket(session: AsyncSession, user_id: int) -> Ticket | None:
    stmt = (
        select(Ticket)
        .where(Ticket.user_id == user_id)
        .order_by(sa.desc(Ticket.created_at), sa.desc(Ticket.id))
        .limit(1)
    )
    return (await session.execute(stmt)).scalars().first()


def can_reopen(ticket: Ticket, now: datetime, window: timedelta) -> bool:
    closed_at = as_utc(ticket.closed_at)
    return ticket.status == CLOSED and closed_at is not None and now - closed_at <= window


async def current_ticket(
    session: AsyncSession, user_id: int, now: datetime, window: timedelta
) -> Ticket | None:
    """The ticket a new applicant message belongs to: active, or closed within ``window``."""
    ticket = await latest_ticket(session, user_id)
    if ticket is None:
        return None
    if ticket.status in ACTIVE_STATUSES or can_reopen(ticket, now, window):
        return ticket
    return None


def reopen(ticket: Ticket, now: datetime) -> None:
    ticket.status = OPEN if ticket.first_response_at is None else ANSWERED
    ticket.closed_at = None
    ticket.closed_by = None
    ticket.reopened_count += 1
    ticket.last_activity_at = now
    log.info("ticket %s reopened", ticket.id)


async def add_applicant_message(
    session: AsyncSession,
    ticket: Ticket,
    *,
    kind: str,
    text: str | None,
    chat_id: int,
    message_id: int | None,
    now: datetime,
    window: timedelta,
    file_id: str | None = None,
) -> TicketMessage:
    """Record an applicant's follow-up; reopens a closed ticket within ``window``."""
    if ticket.status == CLOSED:
        if not can_reopen(ticket, now, window):
            raise TicketClosed()
        reopen(ticket, now)
    ticket.last_activity_at = now
    row = TicketMessage(
        ticket_id=ticket.id,
        direction=TO_OPERATOR,
        author_id=ticket.user_id,
        kind=kind,
        text=text,
        chat_id=chat_id,
        message_id=message_id,
        file_id=file_id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def add_operator_reply(
    session: AsyncSession,
    ticket: Ticket,
    *,
    operator_id: int,
    kind: str,
    text: str | None,
    chat_id: int,
    message_id: int,
    now: datetime,
    file_id: str | None = None,
) -> TicketMessage:
    """Record an operator's answer; the first one sets ``first_response_at``."""
    if ticket.status == CLOSED:
        raise TicketClosed()
    ticket.status = ANSWERED
    ticket.last_activity_at = now
    if ticket.first_response_at is None:
        ticket.first_response_at = now
        ticket.first_responder_id = operator_id
    row = TicketMessage(
        ticket_id=ticket.id,
        direction=TO_APPLICANT,
        author_id=operator_id,
        kind=kind,
        text=text,
        chat_id=chat_id,
        message_id=message_id,
        group_message_id=message_id,
        file_id=file_id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    log.info("ticket %s answered by operator %s", ticket.id, operator_id)
    return row


async def close_ticket(session: AsyncSession, ticket: Ticket, *, by: int, now: datetime) -> bool:
    """Close; False when it was already closed (nothing changes)."""
    if ticket.status == CLOSED:
        return False
    ticket.status = CLOSED
    ticket.closed_at = now
    ticket.closed_by = by
    ticket.last_activity_at = now
    await session.flush()
    log.info("ticket %s closed by %s", ticket.id, by)
    return True


async def ticket_for_group_message(
    session: AsyncSession, *, thread_id: int | None, reply_to_message_id: int | None
) -> Ticket | None:
    """The ticket a message in the operators' group belongs to: its forum topic, or the ticket
    (or ticket message) it replies to."""
    if thread_id:
        stmt = select(Ticket).where(Ticket.thread_id == thread_id).order_by(sa.desc(Ticket.id))
        ticket = (await session.execute(stmt.limit(1))).scalars().first()
        if ticket is not None:
            return ticket
    if reply_to_message_id:
        stmt = select(Ticket).where(Ticket.group_message_id == reply_to_message_id)
        ticket = (await session.execute(stmt.limit(1))).scalars().first()
        if ticket is not None:
            return ticket
        stmt = select(TicketMessage.ticket_id).where(
            TicketMessage.group_message_id == reply_to_message_id
        )
        ticket_id = (await session.execute(stmt.limit(1))).scalars().first()
        if ticket_id is not None:
            return await session.get(Ticket, ticket_id)
    return None


async def get_message(session: AsyncSession, message_row_id: int) -> TicketMessage | None:
    return await session.get(TicketMessage, message_row_id)


async def message_by_group_id(
    session: AsyncSession, ticket_id: int, group_message_id: int
) -> TicketMessage | None:
    stmt = select(TicketMessage).where(
        TicketMessage.ticket_id == ticket_id, TicketMessage.group_message_id == group_message_id
    )
    return (await session.execute(stmt.limit(1))).scalars().first()


async def last_operator_message(session: AsyncSession, ticket_id: int) -> TicketMessage | None:
    stmt = (
        select(TicketMessage)
        .where(TicketMessage.ticket_id == ticket_id, TicketMessage.direction == TO_APPLICANT)
        .order_by(sa.desc(TicketMessage.id))
        .limit(1)
    )
    return (await session.execute(stmt)).scalars().first()


@dataclass(frozen=True)
class OpenTicket:
    id: int
    status: str
    service_id: str | None
    lang: str
    age: timedelta
    waiting: bool  # no operator answer yet


async def list_open(session: AsyncSession, now: datetime, limit: int = 50) -> list[OpenTicket]:
    """Open and answered tickets, oldest first, with their age."""
    stmt = (
        select(Ticket)
        .where(Ticket.status.in_(ACTIVE_STATUSES))
        .order_by(Ticket.created_at, Ticket.id)
        .limit(limit)
    )
    rows = (await session.execute(stmt)).scalars().all()
    return [
        OpenTicket(
            id=t.id,
            status=t.status,
            service_id=t.service_id,
            lang=t.lang,
            age=now - as_utc(t.created_at),
            waiting=t.first_response_at is None,
        )
        for t in rows
    ]


async def count_open(session: AsyncSession) -> int:
    stmt = select(sa.func.count()).select_from(Ticket).where(Ticket.status.in_(ACTIVE_STATUSES))
    return int((await session.execute(stmt)).scalar_one())


async def due_reminders(session: AsyncSession, now: datetime, after: timedelta) -> list[Ticket]:
    """Tickets still without an operator's answer ``after`` their creation, not reminded yet."""
    stmt = (
        select(Ticket)
        .where(
            Ticket.status == OPEN,
            Ticket.first_response_at.is_(None),
            Ticket.reminder_sent_at.is_(None),
            Ticket.created_at <= now - after,
        )
        .order_by(Ticket.id)
    )
    return list((await session.execute(stmt)).scalars().all())


def mark_reminded(ticket: Ticket, now: datetime) -> None:
    ticket.reminder_sent_at = now
