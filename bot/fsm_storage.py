"""aiogram FSM storage backed by the database (``domain.state_store``), or Redis.

Inside an update the storage writes through that update's session (set by the session middleware
in ``current_session``), so the dialog state commits in the same transaction as the work the step
did and the update's claim in ``processed_updates``: a crash never leaves one without the other.
Outside an update (or when no session is set) each call runs its own short transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy.ext.asyncio import AsyncSession

from domain import state_store
from domain.db import Database

current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)


def storage_key(key: StorageKey) -> str:
    destiny = key.destiny
    if key.business_connection_id:
        destiny = f"{destiny}@{key.business_connection_id}"
    return state_key_for(key.chat_id, key.user_id, key.thread_id, destiny)


def state_key_for(
    chat_id: int, user_id: int, thread_id: int | None = None, destiny: str = "default"
) -> str:
    return state_store.state_key("tg", chat_id, user_id, thread_id=thread_id, destiny=destiny)


def _state_name(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


class DbStorage(BaseStorage):
    def __init__(self, db: Database) -> None:
        self.db = db
        self.store = state_store.StateStore(db.sessionmaker, db.serialised())

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        session = current_session.get()
        if session is not None:
            await state_store.set_state(session, storage_key(key), _state_name(state))
        else:
            await self.store.set_state(storage_key(key), _state_name(state))

    async def get_state(self, key: StorageKey) -> str | None:
        session = current_session.get()
        if session is not None:
            return await state_store.get_state(session, storage_key(key))
        return (await self.store.load(storage_key(key)))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        session = current_session.get()
        if session is not None:
            await state_store.set_data(session, storage_key(key), dict(data))
        else:
            await self.store.set_data(storage_key(key), dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        session = current_session.get()
        if session is not None:
            return await state_store.get_data(session, storage_key(key))
        return (await self.store.load(storage_key(key)))[1]

    async def close(self) -> None:
        return None


def build_storage(settings: Any, db: Database) -> BaseStorage:
    """RedisStorage when REDIS_URL is set, the database otherwise."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage

        return RedisStorage.from_url(
            settings.redis_url,
            key_builder=DefaultKeyBuilder(prefix="kzla_fsm", with_destiny=True),
            state_ttl=None,
            data_ttl=None,
        )
    return DbStorage(db)
