"""Dialog state persisted in the database (step + JSON data per conversation key).

The aiogram FSM storage (``bot/fsm_storage.py``) and the terminal chat both keep a user's dialog
state here, so a restart in the middle of a dialog loses nothing. A key names one conversation:
``state_key("tg", chat_id, user_id)`` for Telegram, ``state_key("term", user_id, user_id)`` for
the terminal. Functions take the caller's session and never commit; ``StateStore`` wraps them
in their own short transactions for callers without a unit of work.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import Field, SQLModel

from domain.db import upsert

MAX_KEY = 200


def _now() -> datetime:
    return datetime.now(UTC)


class DialogStateRow(SQLModel, table=True):
    __tablename__ = "dialog_states"

    key: str = Field(primary_key=True, max_length=MAX_KEY)
    state: str | None = Field(default=None, max_length=255)
    data: str = Field(default="{}", sa_type=sa.Text)  # JSON object
    updated_at: datetime = Field(
        default_factory=_now, sa_type=sa.DateTime(timezone=True), nullable=False
    )


def state_key(
    namespace: str,
    chat_id: int,
    user_id: int,
    *,
    thread_id: int | None = None,
    destiny: str = "default",
) -> str:
    parts = [namespace, str(chat_id), str(user_id)]
    if thread_id is not None:
        parts.append(f"t{thread_id}")
    if destiny != "default":
        parts.append(destiny)
    key = ":".join(parts)
    if len(key) > MAX_KEY:
        raise ValueError("state key too long")
    return key


def _dump(data: dict[str, Any]) -> str:
    # Fails loudly on values that would not survive a restart (datetimes, sets, ORM objects).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


async def load(session: AsyncSession, key: str) -> tuple[str | None, dict[str, Any]]:
    row = (
        await session.execute(
            sa.select(DialogStateRow.state, DialogStateRow.data).where(DialogStateRow.key == key)
        )
    ).first()
    if row is None:
        return None, {}
    return row.state, json.loads(row.data or "{}")


async def get_state(session: AsyncSession, key: str) -> str | None:
    return (await load(session, key))[0]


async def get_data(session: AsyncSession, key: str) -> dict[str, Any]:
    return (await load(session, key))[1]


async def set_state(session: AsyncSession, key: str, state: str | None) -> None:
    await upsert(
        session,
        DialogStateRow.__table__,
        {"key": key, "state": state, "data": "{}", "updated_at": _now()},
        index=["key"],
        update=["state", "updated_at"],
    )


async def set_data(session: AsyncSession, key: str, data: dict[str, Any]) -> None:
    await upsert(
        session,
        DialogStateRow.__table__,
        {"key": key, "state": None, "data": _dump(dict(data)), "updated_at": _now()},
        index=["key"],
        update=["data", "updated_at"],
    )


async def save(session: AsyncSession, key: str, state: str | None, data: dict[str, Any]) -> None:
    await upsert(
        session,
        DialogStateRow.__table__,
        {"key": key, "state": state, "data": _dump(dict(data)), "updated_at": _now()},
        index=["key"],
        update=["state", "data", "updated_at"],
    )


async def delete(session: AsyncSession, key: str) -> None:
    await session.execute(sa.delete(DialogStateRow).where(DialogStateRow.key == key))


class StateStore:
    """The same operations, each in its own committed transaction."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], lock: Any = None) -> None:
        self.sessionmaker = sessionmaker
        self._lock = lock  # Database.serialised() on SQLite

    async def _write(self, fn: Any, *args: Any) -> None:
        if self._lock is not None:
            async with self._lock:
                await self._write_unlocked(fn, *args)
        else:
            await self._write_unlocked(fn, *args)

    async def _write_unlocked(self, fn: Any, *args: Any) -> None:
        async with self.sessionmaker() as session:
            await fn(session, *args)
            await session.commit()

    async def load(self, key: str) -> tuple[str | None, dict[str, Any]]:
        async with self.sessionmaker() as session:
            return await load(session, key)

    async def save(self, key: str, state: str | None, data: dict[str, Any]) -> None:
        await self._write(save, key, state, data)

    async def set_state(self, key: str, state: str | None) -> None:
        await self._write(set_state, key, state)

    async def set_data(self, key: str, data: dict[str, Any]) -> None:
        await self._write(set_data, key, data)

    async def delete(self, key: str) -> None:
        await self._write(delete, key)
