"""Outer update middlewares. The order (set in ``bot.factory``) after aiogram's errors and
user-context middlewares:

1. ``InFlight``: counts updates in progress so shutdown can wait for the one in hand;
2. ``AlbumCollector``: holds the first message of a media group for a short debounce and hands
   the whole album to the handler as ``data["album"]``; the other members end here;
3. aiogram's FSM middleware: the conversation's lock (events isolation), then its state;
4. ``UnitOfWork``: one DB session per update (``data["session"]``), the update id claimed in it
   (a redelivered update is dropped), commit after the handler, then the handler's
   ``data["after_commit"]`` callbacks (sending replies) outside the SQLite writer lock;
5. ``UserContextLoader``: the user's row, language and roles as ``data["user_ctx"]``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import Message, TelegramObject, Update, User

from bot.fsm_storage import current_session
from bot.i18n import language_from_hint
from dialogs.engine import UserContext
from domain import updates, users
from domain.db import Database

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class InFlight(BaseMiddleware):
    """Tracks updates being processed; ``wait_idle`` lets shutdown finish the update in hand."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        self.count += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except TimeoutError:
            log.warning(
                "shutdown: %d update(s) still in progress after %.0fs", self.count, timeout
            )
            return False


@dataclass
class _Album:
    messages: list[Message]
    update_ids: list[int]
    last: float = field(default_factory=time.monotonic)


class AlbumCollector(BaseMiddleware):
    """Telegram sends an album as one message per item; answer it once, as one event."""

    def __init__(self, delay: float = 0.6) -> None:
        self.delay = delay
        self._albums: dict[tuple[int, str], _Album] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        message = event.message if isinstance(event, Update) else None
        if message is None or not message.media_group_id or not isinstance(event, Update):
            return await handler(event, data)
        key = (message.chat.id, message.media_group_id)
        album = self._albums.get(key)
        if album is not None:
            if all(m.message_id != message.message_id for m in album.messages):
                album.messages.append(message)
                album.update_ids.append(event.update_id)
                album.last = time.monotonic()
            return UNHANDLED
        album = self._albums[key] = _Album([message], [event.update_id])
        try:
            while (wait := album.last + self.delay - time.monotonic()) > 0:
                await asyncio.sleep(wait)
        finally:
            self._albums.pop(key, None)
        data["album"] = sorted(album.messages, key=lambda m: m.message_id)
        data["album_update_ids"] = album.update_ids[1:]
        return await handler(event, data)


class UnitOfWork(BaseMiddleware):
    """On SQLite the writer lock serialises updates; on PostgreSQL they run in parallel (one
    conversation's updates are already serialised by aiogram's events isolation)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        bot_id = data["bot"].id
        after_commit: list[Callable[[], Awaitable[Any]]] = []
        data["after_commit"] = after_commit
        async with self.db.serialised(), self.db.sessionmaker() as session:
            token = current_session.set(session)
            try:
                ids = [event.update_id, *data.get("album_update_ids", ())]
                claimed = [await updates.claim(session, bot_id, uid) for uid in ids]
                if not claimed[0]:
                    log.info("update %s already processed: dropped", event.update_id)
                    await session.rollback()
                    return UNHANDLED
                data["session"] = session
                result = await handler(event, data)
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
            finally:
                current_session.reset(token)
        for callback in after_commit:
            await callback()
        return result


class UserContextLoader(BaseMiddleware):
    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: User | None = data.get("event_from_user")
        session = data.get("session")
        if tg_user is None or session is None or tg_user.is_bot:
            return await handler(event, data)
        row = await users.ensure_user(
            session, tg_user.id, language_hint=tg_user.language_code, first_name=tg_user.first_name
        )
        roles = await users.get_roles(session, tg_user.id)
        chat = data.get("event_chat")
        data["db_user"] = row
        data["user_ctx"] = UserContext(
            user_id=tg_user.id,
            chat_id=chat.id if chat is not None else tg_user.id,
            lang=row.language,
            roles=roles,
        )
        data["fallback_lang"] = language_from_hint(tg_user.language_code)
        return await handler(event, data)
