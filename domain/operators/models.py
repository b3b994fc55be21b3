"""Operator tickets, their messages and the knowledge gaps collected from applicants' questions.

Tables are created by migration ``0003_operators``. Telegram ids are BigInteger. Times are aware
UTC datetimes; SQLite hands them back naive, so readers go through :func:`as_utc`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

# Ticket statuses: open -> answered -> closed; a new applicant message reopens within a window.
OPEN = "open"
ANSWERED = "answered"
CLOSED = "closed"
ACTIVE_STATUSES = (OPEN, ANSWERED)

# Message directions.
TO_OPERATOR = "in"  # applicant -> operators
TO_APPLICANT = "out"  # operator -> applicant

# Gap kinds.
UNANSWERED = "unanswered"
NOT_HELPFUL = "not_helpful"


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """Aware UTC datetime (naive values from SQLite are UTC by construction)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _ts(nullable: bool = True, index: bool = False):
    return Field(
        default=None,
        sa_type=sa.DateTime(timezone=True),
        nullable=nullable,
        index=index,
    )


class Ticket(SQLModel, table=True):
    """One escalated question. Its ``id`` is the ticket number shown to people."""

    __tablename__ = "op_tickets"
    __table_args__ = (sa.Index("ix_op_tickets_user_status", "user_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_type=sa.BigInteger)  # applicant's Telegram user id
    chat_id: int = Field(sa_type=sa.BigInteger)  # applicant's private chat
    applicant_name: str | None = Field(default=None, max_length=128)
    lang: str = Field(max_length=2)
    service_id: str | None = Field(default=None, max_length=128)
    intent: str | None = Field(default=None, max_length=32)
    question: str = Field(default="", sa_type=sa.Text)
    bot_answer: str | None = Field(default=None, sa_type=sa.Text)
    application_number: str | None = Field(default=None, max_length=32)
    status: str = Field(default=OPEN, max_length=16, index=True)
    thread_id: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)
    group_message_id: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=sa.DateTime(timezone=True), nullable=False
    )
    first_response_at: datetime | None = _ts()
    first_responder_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    last_activity_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()
    closed_by: int | None = Field(default=None, sa_type=sa.BigInteger)
    reopened_count: int = 0
    reminder_sent_at: datetime | None = _ts()


class TicketMessage(SQLModel, table=True):
    """One message of a ticket's conversation, in either direction.

    ``chat_id``/``message_id`` locate the original (applicant's private chat or the operators'
    group); ``group_message_id`` is the copy in the group (for applicant messages) and
    ``delivered_message_id`` the copy in the applicant's chat (for operator replies).
    """

    __tablename__ = "op_ticket_messages"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="op_tickets.id", index=True)
    direction: str = Field(max_length=3)
    author_id: int = Field(sa_type=sa.BigInteger)
    kind: str = Field(default="text", max_length=16)  # text | document | photo
    text: str | None = Field(default=None, sa_type=sa.Text)  # text or caption
    chat_id: int = Field(sa_type=sa.BigInteger)
    message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    file_id: str | None = Field(default=None, max_length=256)
    group_message_id: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)
    delivered_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=sa.DateTime(timezone=True), nullable=False
    )
    delivered_at: datetime | None = _ts()


class QuestionGap(SQLModel, table=True):
    """A question the knowledge base could not answer well, counted per distinct text."""

    __tablename__ = "op_question_gaps"
    __table_args__ = (
        sa.UniqueConstraint("kind", "text_hash", name="uq_op_question_gaps_kind_hash"),
        sa.Index("ix_op_question_gaps_service_intent", "service_id", "intent"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # unanswered | not_helpful
    text_hash: str = Field(max_length=64)
    text: str = Field(sa_type=sa.Text)
    lang: str | None = Field(default=None, max_length=2)
    service_id: str | None = Field(default=None, max_length=128)
    intent: str | None = Field(default=None, max_length=32)
    count: int = 1
    first_seen: datetime = Field(
        default_factory=utcnow, sa_type=sa.DateTime(timezone=True), nullable=False
    )
    last_seen: datetime = Field(
        default_factory=utcnow, sa_type=sa.DateTime(timezone=True), nullable=False
    )
