"""Alembic migrations on SQLite and PostgreSQL: upgrade, match the models, downgrade, again."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from domain.db import create_engine
from domain.migrate import alembic_config, downgrade_to, import_models, upgrade_to_head

FOUNDATION = {"users", "user_roles", "dialog_states", "processed_updates"}


@pytest.fixture(params=["sqlite", "postgres"])
def db_settings(request: pytest.FixtureRequest, settings: Any) -> Any:
    if request.param == "postgres":
        return settings.model_copy(
            update={"database_url": request.getfixturevalue("postgres_url")}
        )
    return settings


async def _inspect(url: str) -> tuple[set[str], str | None, list[Any]]:
    import_models()
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:

            def read(sync_conn: Any) -> tuple[set[str], str | None, list[Any]]:
                tables = set(sa.inspect(sync_conn).get_table_names())
                context = MigrationContext.configure(
                    sync_conn, opts={"compare_type": True, "target_metadata": SQLModel.metadata}
                )
                diffs = compare_metadata(context, SQLModel.metadata) if tables else []
                return tables, context.get_current_revision(), diffs

            return await conn.run_sync(read)
    finally:
        await engine.dispose()


def _tables_of(diff: Any) -> set[str]:
    """Table names a diff entry is about (entries are tuples or lists of tuples)."""
    items = diff if isinstance(diff, list) else [diff]
    names = set()
    for item in items:
        for part in item[1:]:
            name = getattr(part, "name", None) if not isinstance(part, str) else None
            table = getattr(part, "table", None)
            if table is not None:
                names.add(table.name)
            elif isinstance(part, str):
                names.add(part)
            elif name:
                names.add(name)
    return names


def test_revisions_are_linear_with_fixed_ids():
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    revisions = list(reversed(list(script.walk_revisions())))
    assert revisions[0].revision == "0001_foundation" and revisions[0].down_revision is None
    for previous, current in zip(revisions, revisions[1:], strict=False):
        assert current.down_revision == previous.revision
    assert len(script.get_heads()) == 1


async def test_upgrade_matches_models_downgrade_and_again(db_settings):
    url = db_settings.db_url
    upgrade_to_head(db_settings)
    tables, revision, diffs = await _inspect(url)
    assert FOUNDATION <= tables
    assert revision == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    mine = [d for d in diffs if _tables_of(d) & FOUNDATION]
    assert mine == [], f"the foundation's models and migration differ: {mine}"

    upgrade_to_head(db_settings)  # idempotent
    downgrade_to(db_settings, "base")
    tables, revision, _ = await _inspect(url)
    assert not (FOUNDATION & tables) and revision is None
    upgrade_to_head(db_settings)
    tables, _, _ = await _inspect(url)
    assert FOUNDATION <= tables


async def test_all_models_have_migrations(settings):
    """Every table a model declares is created by the migrations, with the same columns."""
    upgrade_to_head(settings)
    _, _, diffs = await _inspect(settings.db_url)
    missing = [d for d in diffs if isinstance(d, tuple) and d[0] in ("add_table", "add_column")]
    assert missing == [], f"models without a migration: {missing}"
