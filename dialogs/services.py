"""What flows may use, bundled once by the composition root (run_bot.py / tests / terminal chat).

Fields are filled by factories in ``bot/factory.py`` (Telegram) and ``bot/terminal`` (terminal).
Flows reach every domain service through this object; nothing here knows a transport.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Services:
    settings: Any  # domain.settings.Settings
    knowledge: Any  # knowledge holder: .get() -> knowledge.KnowledgeBase (atomic swap on reload)
    sessionmaker: Any  # async_sessionmaker[AsyncSession]
    storage: Any = None  # domain.documents.storage.FileStorage
    clock: Any = None  # callable -> aware datetime (UTC); tests pass a fixed clock
    extra: dict[str, Any] = field(default_factory=dict)


@asynccontextmanager
async def unit_of_work(services: Any) -> AsyncIterator[Any]:
    """One transaction: the Database's unit of work (serialised writers on SQLite) when
    ``extra["db"]`` has one, else a session from ``sessionmaker`` committed on success."""
    db = (getattr(services, "extra", None) or {}).get("db")
    if db is not None and hasattr(db, "unit"):
        async with db.unit() as session:
            yield session
        return
    async with services.sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
