"""Async database access: one engine and one sessionmaker per process.

SQLite (the embedded default) runs in WAL mode with a busy timeout and foreign keys on. SQLite
allows one writer at a time and fails a deferred transaction that read an old snapshot before
writing, so work that writes (one update, one worker step) should run inside ``db.unit()``,
which serialises such units within the process on SQLite and is a plain transaction on
PostgreSQL. Repositories never commit; the unit of work does.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from domain.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_async_engine(url, echo=echo, pool_pre_ping=True)


class Database:
    """Engine + sessionmaker + the SQLite writer lock, created once by the composition root."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = create_engine(url, echo=echo)
        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False
        )
        self.is_sqlite = url.startswith("sqlite")
        self._write_lock = asyncio.Lock() if self.is_sqlite else None

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(settings.db_url)

    def serialised(self) -> Any:
        """An async context that serialises writers on SQLite (no-op on PostgreSQL)."""
        return self._write_lock if self._write_lock is not None else nullcontext()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncSession]:
        """One transaction: commit on success, roll back on error."""
        async with self.serialised(), self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()


def upsert(
    session: AsyncSession,
    table: sa.Table,
    values: Mapping[str, Any],
    *,
    index: Sequence[str],
    update: Sequence[str] | None = None,
) -> Any:
    """``INSERT .. ON CONFLICT (index) DO UPDATE/NOTHING`` for SQLite and PostgreSQL.

    Returns the awaitable of ``session.execute``; with ``update=None`` a conflicting row is left
    as it is (``rowcount`` tells whether a row was inserted).
    """
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table).values(**values)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).values(**values)
    if update:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(index), set_={c: stmt.excluded[c] for c in update}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(index))
    return session.execute(stmt)
