"""Migration 0002_applications matches the models and downgrades cleanly."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from domain.db import create_engine
from domain.migrate import downgrade_to, import_models, upgrade_to_head
from domain.settings import load_settings

MINE = {
    "drafts",
    "applications",
    "uploads",
    "status_events",
    "application_counters",
    "outbox",
    "api_clients",
}


def _mine(entry) -> bool:
    """Whether a compare_metadata entry concerns one of this migration's tables."""
    text = repr(entry)
    return any(f"Table('{t}'" in text or f"table=<{t}>" in text or f"'{t}'" in text for t in MINE)


async def test_schema_matches_models_and_downgrades(tmp_path):
    settings = load_settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'm.db'}")
    upgrade_to_head(settings, "0002_applications")
    import_models()
    engine = create_engine(settings.db_url)
    try:
        async with engine.connect() as conn:

            def compare(sync_conn):
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return compare_metadata(context, SQLModel.metadata)

            diff = await conn.run_sync(compare)
            assert [d for d in diff if _mine(d)] == []
    finally:
        await engine.dispose()
    downgrade_to(settings, "0001_foundation")
    engine = create_engine(settings.db_url)
    try:
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
        assert not names & MINE
        assert "users" in names
    finally:
        await engine.dispose()
