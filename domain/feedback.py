"""Applicants' ratings of knowledge-base answers ("helpful" / "not helpful").

Stored so maintainers can see which answers work; "not helpful" ones also feed the gaps report
(``domain.operators.gaps``). The table is created by migration ``0003_operators``.
Repositories never commit: the caller's unit of work does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def _now() -> datetime:
    return datetime.now(UTC)


class AnswerFeedback(SQLModel, table=True):
    __tablename__ = "answer_feedback"
    __table_args__ = (sa.Index("ix_answer_feedback_service_helpful", "service_id", "helpful"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_type=sa.BigInteger, index=True)
    lang: str = Field(max_length=2)
    service_id: str | None = Field(default=None, max_length=128)
    intent: str | None = Field(default=None, max_length=32)
    confidence: float | None = None
    question: str = Field(sa_type=sa.Text)
    helpful: bool
    created_at: datetime = Field(
        default_factory=_now, sa_type=sa.DateTime(timezone=True), nullable=False
    )


async def record_feedback(
    session,
    *,
    user_id: int,
    lang: str,
    question: str,
    helpful: bool,
    service_id: str | None = None,
    intent: str | None = None,
    confidence: float | None = None,
    now: datetime | None = None,
) -> AnswerFeedback:
    """Add one rating to ``session`` (flushed, not committed)."""
    row = AnswerFeedback(
        user_id=user_id,
        lang=lang,
        question=question,
        helpful=helpful,
        service_id=service_id,
        intent=intent,
        confidence=confidence,
        created_at=now or _now(),
    )
    session.add(row)
    await session.flush()
    return row
