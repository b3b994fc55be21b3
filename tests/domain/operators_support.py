"""Fixtures' helpers for the operators' domain tests (a fresh SQLite database per test)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import SQLModel

from domain.db import Database
from domain.migrate import import_models

T0 = datetime(2025, 3, 3, 6, 0, tzinfo=UTC)  # Monday 11:00 in Almaty


async def make_database(path) -> Database:
    import_models()
    db = Database(f"sqlite+aiosqlite:///{path / 'ops.sqlite3'}")
    async with db.engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    return db
