"""Dialog state in the database (domain.state_store) and processed update ids (domain.updates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain import state_store, updates
from domain.state_store import StateStore, state_key


def test_keys():
    assert state_key("tg", -100, 5) == "tg:-100:5"
    assert state_key("tg", -100, 5, thread_id=7, destiny="x") == "tg:-100:5:t7:x"
    with pytest.raises(ValueError):
        state_key("x" * 300, 1, 1)


async def test_save_load_and_partial_updates(any_db):
    key = state_key("tg", 1, 1)
    async with any_db.unit() as session:
        assert await state_store.load(session, key) == (None, {})
        await state_store.save(session, key, "cat.search", {"cat": {"id": "health", "page": 2}})
    async with any_db.unit() as session:
        assert await state_store.load(session, key) == (
            "cat.search",
            {"cat": {"id": "health", "page": 2}},
        )
        await state_store.set_state(session, key, None)
    async with any_db.unit() as session:
        assert await state_store.get_state(session, key) is None
        assert await state_store.get_data(session, key) == {"cat": {"id": "health", "page": 2}}
        await state_store.set_data(session, key, {"ә": "қазақша"})
    async with any_db.unit() as session:
        assert await state_store.get_data(session, key) == {"ә": "қазақша"}
        await state_store.delete(session, key)
    async with any_db.sessionmaker() as session:
        assert await state_store.load(session, key) == (None, {})


async def test_state_that_would_not_survive_a_restart_is_refused(any_db):
    async with any_db.unit() as session:
        with pytest.raises(TypeError):
            await state_store.save(session, "k", None, {"when": datetime.now(UTC)})
        with pytest.raises(TypeError):
            await state_store.set_data(session, "k", {"ids": {1, 2}})


async def test_state_store_runs_its_own_transactions(any_db):
    store = StateStore(any_db.sessionmaker, any_db.serialised())
    await store.save("term:1:1", "docs.upload", {"n": 1})
    await store.set_state("term:1:1", "docs.review")
    assert await store.load("term:1:1") == ("docs.review", {"n": 1})
    await store.delete("term:1:1")
    assert await store.load("term:1:1") == (None, {})


async def test_update_claims_are_unique_and_pruned(any_db):
    async with any_db.unit() as session:
        assert await updates.claim(session, 1, 100) is True
        assert await updates.claim(session, 1, 100) is False
        assert await updates.claim(session, 2, 100) is True  # another bot
    async with any_db.unit() as session:
        assert await updates.is_processed(session, 1, 100)
        assert not await updates.is_processed(session, 1, 101)
    async with any_db.unit() as session:
        # A claim rolled back with its unit of work is not a claim.
        assert await updates.claim(session, 1, 101) is True
        await session.rollback()
    async with any_db.unit() as session:
        assert not await updates.is_processed(session, 1, 101)
        later = datetime.now(UTC) + timedelta(days=8)
        assert await updates.prune(session, timedelta(days=7), now=later) == 2
        assert not await updates.is_processed(session, 1, 100)
