"""Databases for the applications-domain tests: SQLite always, PostgreSQL when reachable.

Each backend is migrated once per session with the real Alembic revisions (up to
``0002_applications``); every test then gets a clean database (a copy of the migrated SQLite
file, or truncated tables in a throw-away PostgreSQL database). PostgreSQL tests skip when the
server is absent and fail instead when ``REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import uuid
from pathlib import Path

import pytest

from domain.db import Database
from domain.migrate import upgrade_to_head
from domain.settings import load_settings, normalise_database_url

REVISION = "0002_applications"
TABLES = (
    "status_events",
    "uploads",
    "outbox",
    "api_clients",
    "application_counters",
    "applications",
    "drafts",
    "users",
)


def _pg_admin_url() -> str:
    raw = os.environ.get("DATABASE_URL_TEST") or "postgresql://postgres@127.0.0.1:5432/test"
    return normalise_database_url(raw, Path("."))


async def _pg_exec(url: str, *statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"), timeout=3)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


def _run(coro_fn, *args) -> None:
    """Run a coroutine to completion in its own thread (callers may be inside a loop)."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro_fn(*args))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("d1_sqlite")
    settings = load_settings(data_dir=root, database_url=f"sqlite:///{root / 'template.db'}")
    upgrade_to_head(settings, REVISION)
    return root / "template.db"


@pytest.fixture(scope="session")
def pg_url():
    admin = _pg_admin_url()
    name = f"d1_test_{uuid.uuid4().hex[:10]}"
    try:
        _run(_pg_exec, admin, f'CREATE DATABASE "{name}"')
    except Exception as exc:  # server absent or refusing
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL required (REQUIRE_SERVICES=1) but unavailable: {exc}")
        pytest.skip(f"PostgreSQL not available at DATABASE_URL_TEST: {type(exc).__name__}")
    base, _, _ = admin.rpartition("/")
    url = f"{base}/{name}"
    upgrade_to_head(load_settings(database_url=url), REVISION)
    yield url
    _run(_pg_exec, admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
async def app_db(request, tmp_path):
    """A migrated, empty database (``domain.db.Database``) on each backend."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "app.db"
        shutil.copyfile(template, path)
        database = Database(f"sqlite+aiosqlite:///{path}")
    else:
        url = request.getfixturevalue("pg_url")
        await _pg_exec(url, f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        database = Database(url)
    try:
        yield database
    finally:
        await database.dispose()
