"""Telegram update ids already processed, so that a redelivered update is ignored.

``claim`` inserts the id inside the update's own transaction: if the work rolls back, so does the
claim, and a concurrent duplicate waits for the first (PostgreSQL row lock; the SQLite writer
lock) and then sees the id taken. Old ids are pruned; Telegram never redelivers after a day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from domain.db import upsert


def _now() -> datetime:
    return datetime.now(UTC)


class ProcessedUpdate(SQLModel, table=True):
    __tablename__ = "processed_updates"

    bot_id: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))
    update_id: int = Field(
        sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False)
    )
    processed_at: datetime = Field(
        default_factory=_now, sa_type=sa.DateTime(timezone=True), nullable=False, index=True
    )


async def claim(session: AsyncSession, bot_id: int, update_id: int) -> bool:
    """Record ``update_id`` as processed; False when it already was (a duplicate)."""
    result = await upsert(
        session,
        ProcessedUpdate.__table__,
        {"bot_id": bot_id, "update_id": update_id, "processed_at": _now()},
        index=["bot_id", "update_id"],
    )
    return bool(result.rowcount)


async def is_processed(session: AsyncSession, bot_id: int, update_id: int) -> bool:
    found = await session.scalar(
        sa.select(sa.literal(1)).where(
            ProcessedUpdate.bot_id == bot_id, ProcessedUpdate.update_id == update_id
        )
    )
    return found is not None


async def prune(session: AsyncSession, keep: timedelta, now: datetime | None = None) -> int:
    cutoff = (now or _now()) - keep
    result = await session.execute(
        sa.delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff)
    )
    return int(result.rowcount or 0)
