"""Migration 0003_operators: creates exactly what the models declare, on SQLite and PostgreSQL,
and the ticket/gap repositories work on both."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from domain.db import Database
from domain.migrate import downgrade_to, import_models, upgrade_to_head
from domain.operators import gaps, tickets
from domain.settings import load_settings
from tests.domain.conftest import _pg_admin_url, _pg_exec, _run
from tests.domain.operators_support import T0

OUR_TABLES = {"op_tickets", "op_ticket_messages", "op_question_gaps", "answer_feedback"}


@pytest.fixture(params=["sqlite", "postgres"])
def migrated(request, tmp_path):
    """(settings, url) of a database migrated to head."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.db'}"
        settings = load_settings(data_dir=tmp_path, database_url=url, _env_file=None)
        upgrade_to_head(settings)
        yield settings
        return
    admin = _pg_admin_url()
    name = f"o_test_{uuid.uuid4().hex[:10]}"
    try:
        _run(_pg_exec, admin, f'CREATE DATABASE "{name}"')
    except Exception as exc:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL required (REQUIRE_SERVICES=1) but unavailable: {exc}")
        pytest.skip(f"PostgreSQL not available at DATABASE_URL_TEST: {type(exc).__name__}")
    base, _, _ = admin.rpartition("/")
    settings = load_settings(database_url=f"{base}/{name}", _env_file=None)
    try:
        upgrade_to_head(settings)
        yield settings
    finally:
        _run(_pg_exec, admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _diff(sync_conn):
    import_models()
    context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
    return compare_metadata(context, SQLModel.metadata)


def _ours(op) -> bool:
    for item in op if isinstance(op, list) else [op]:
        for part in item[1:] if isinstance(item, tuple) else []:
            table = getattr(part, "table", None)
            name = getattr(part, "name", None) if isinstance(part, sa.Table) else None
            if name in OUR_TABLES or getattr(table, "name", None) in OUR_TABLES:
                return True
            if isinstance(part, str) and part in OUR_TABLES:
                return True
    return False


async def test_migration_matches_models_and_repositories_work(migrated):
    db = Database(migrated.db_url)
    try:
        async with db.engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
            assert OUR_TABLES <= names
            diff = await conn.run_sync(_diff)
        assert [op for op in diff if _ours(op)] == []
        async with db.unit() as s:
            t = await tickets.open_ticket(
                s, user_id=2**40, chat_id=2**40, lang="ru", question="q", now=T0
            )
            await tickets.add_operator_reply(
                s,
                t,
                operator_id=-1,
                kind="text",
                text="a",
                chat_id=-1001234567890,
                message_id=2**35,
                now=T0 + timedelta(minutes=3),
            )
            await gaps.record_gap(s, text="Как получить паспорт?", lang="ru")
        async with db.unit() as s:
            await gaps.record_gap(s, text="как получить паспорт", lang="ru")
            [group] = await gaps.grouped_gaps(s)
            assert group.total == 2
            items = await tickets.list_open(s, T0 + timedelta(hours=1))
            assert items[0].age == timedelta(hours=1)
            due = await tickets.due_reminders(s, T0 + timedelta(hours=1), timedelta(minutes=1))
            assert due == []  # answered
    finally:
        await db.dispose()
    downgrade_to(migrated, "0002_applications")
    db = Database(migrated.db_url)
    try:
        async with db.engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
        assert not (OUR_TABLES & names) and "outbox" in names
    finally:
        await db.dispose()
    upgrade_to_head(migrated)
