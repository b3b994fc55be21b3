"""Shared fixtures: isolated settings, a migrated SQLite database, the real knowledge base (built
once per session), PostgreSQL / Redis (skipped with a reason when absent, a failure when
``REQUIRE_SERVICES=1``), and the Bot API emulator.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from domain.settings import Settings, load_settings

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_DEFAULT = "redis://127.0.0.1:6379/15"


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def unavailable(reason: str) -> None:
    """Skip (locally) or fail (CI with REQUIRE_SERVICES=1) a test needing an absent service."""
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1: this must not be skipped)")
    pytest.skip(reason)


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings that ignore the developer's environment and .env: embedded defaults only."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": "",
        "redis_url": "",
        "bot_token": "",
        "webhook_url": "",
        "webhook_secret": "",
        "admin_ids": "",
        "staff_ids": "",
        "operator_ids": "",
        "operator_chat_id": "",
        "staff_chat_id": "",
        "_env_file": None,
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated to head once per session; copied by ``migrated_settings``."""
    from domain.migrate import upgrade_to_head

    data_dir = tmp_path_factory.mktemp("template")
    upgrade_to_head(make_settings(data_dir))
    return data_dir / "bot.sqlite3"


@pytest.fixture
def migrated_settings(tmp_path: Path, migrated_template: Path) -> Settings:
    """Like ``settings``, with the SQLite database already at head (saves the migration time)."""
    import shutil

    data_dir = tmp_path / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_template, data_dir / "bot.sqlite3")
    return make_settings(data_dir)


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Any]:
    """A migrated SQLite database under the test's DATA_DIR."""
    from domain.db import Database
    from domain.migrate import aupgrade_to_head

    await aupgrade_to_head(settings)
    database = Database.from_settings(settings)
    yield database
    await database.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
async def any_db(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[Any]:
    """A migrated database of each kind: the test runs on SQLite and on PostgreSQL."""
    from domain.db import Database
    from domain.migrate import aupgrade_to_head

    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        settings = settings.model_copy(update={"database_url": url})
    await aupgrade_to_head(settings)
    database = Database.from_settings(settings)
    yield database
    await database.dispose()


# ---------------------------------------------------------------------- knowledge base
@pytest.fixture(scope="session")
def kb_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base, built once per test session into its own cache file."""
    from knowledge import load_knowledge

    path = tmp_path_factory.mktemp("kb") / "kb.json"
    load_knowledge(path)
    return path


@pytest.fixture(scope="session")
def real_kb(kb_cache: Path) -> Any:
    from knowledge import load_knowledge

    return load_knowledge(kb_cache, build_if_stale=False)


@pytest.fixture
def kb_holder(kb_cache: Path, real_kb: Any) -> Any:
    """A fresh holder (reload-able) around the session's knowledge base."""
    from domain.kb_holder import KnowledgeHolder

    holder = KnowledgeHolder.for_paths(cache_path=kb_cache)
    holder.set(real_kb)
    return holder


# ---------------------------------------------------------------------- PostgreSQL
@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get("DATABASE_URL_TEST") or PG_DEFAULT
    if not _reachable(url, 5432):
        unavailable(f"PostgreSQL is not reachable at {urlsplit(url).netloc}")
    return url


def _pg_admin(server_url: str, sql: str) -> None:
    """Run one admin statement (CREATE/DROP DATABASE) from a worker thread's own event loop,
    so sync fixtures can use it whether or not a loop is running."""
    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(server_url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(run())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test (dropped afterwards)."""
    name = f"t_{secrets.token_hex(6)}"
    try:
        _pg_admin(postgres_server_url, f'CREATE DATABASE "{name}"')
    except Exception as exc:  # no permission to create databases, auth, ...
        unavailable(f"cannot create a PostgreSQL test database: {exc}")
    parts = urlsplit(postgres_server_url)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    for _ in range(3):
        try:
            _pg_admin(postgres_server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            break
        except Exception:
            time.sleep(0.2)


# ---------------------------------------------------------------------- Redis
@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis URL (database 15 by default); each test uses key prefixes of its own."""
    url = os.environ.get("REDIS_URL_TEST") or REDIS_DEFAULT
    if not _reachable(url, 6379):
        unavailable(f"Redis is not reachable at {urlsplit(url).netloc}")
    yield url


# ---------------------------------------------------------------------- Bot API emulator
@pytest.fixture
async def emulator() -> AsyncIterator[Any]:
    from tests.e2e.emulator import BotAPIEmulator

    emu = BotAPIEmulator()
    await emu.start()
    yield emu
    await emu.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def _no_real_telegram(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never reach api.telegram.org: an unset base points at a closed local port."""
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:9")
    yield
