"""Users, languages and roles (domain.users) on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from domain import users


async def test_ensure_user_creates_once_and_keeps_the_first_hint(any_db):
    async with any_db.unit() as session:
        user = await users.ensure_user(session, 5_000_000_001, language_hint="ru", first_name="Ә")
        assert user.id == 5_000_000_001 and user.language is None
    async with any_db.unit() as session:
        again = await users.ensure_user(session, 5_000_000_001, language_hint="en")
        assert again.language_hint == "ru" and again.first_name == "Ә"
        assert again.first_seen is not None


async def test_concurrent_first_contact_does_not_fail(any_db):
    async def contact() -> None:
        async with any_db.unit() as session:
            await users.ensure_user(session, 42)

    await asyncio.gather(*(contact() for _ in range(5)))
    async with any_db.sessionmaker() as session:
        assert (await users.get_user(session, 42)) is not None


async def test_language_is_remembered_and_validated(any_db):
    async with any_db.unit() as session:
        await users.set_language(session, 7, "kk")
    async with any_db.unit() as session:
        assert await users.get_language(session, 7) == "kk"
        await users.set_language(session, 7, "ru")
    async with any_db.sessionmaker() as session:
        assert await users.get_language(session, 7) == "ru"
        assert await users.get_language(session, 8) is None
        with pytest.raises(ValueError):
            await users.set_language(session, 7, "en")


async def test_roles_grant_revoke_and_bootstrap(any_db):
    async with any_db.unit() as session:
        added = await users.bootstrap_roles(session, {1: {"admin", "staff"}, 2: {"operator"}})
        assert added == 3
    async with any_db.unit() as session:
        assert await users.bootstrap_roles(session, {1: {"admin"}}) == 0  # idempotent
        assert await users.get_roles(session, 1) == frozenset({"admin", "staff"})
        assert await users.grant_role(session, 3, "staff", granted_by=1) is True
        assert await users.grant_role(session, 3, "staff", granted_by=1) is False
        assert await users.has_role(session, 3, "staff")
        assert await users.users_with_role(session, "staff") == [1, 3]
        assert await users.revoke_role(session, 1, "staff") is True
        assert await users.revoke_role(session, 1, "staff") is False
        with pytest.raises(ValueError):
            await users.grant_role(session, 3, "superuser")
    async with any_db.sessionmaker() as session:
        assert await users.get_roles(session, 1) == frozenset({"admin"})
        assert await users.get_roles(session, 99) == frozenset()


async def test_blocked_user_is_unblocked_when_they_write_again(any_db):
    async with any_db.unit() as session:
        await users.ensure_user(session, 10)
        await users.mark_blocked(session, 10)
    async with any_db.unit() as session:
        assert (await users.get_user(session, 10)).blocked_at is not None
        await users.ensure_user(session, 10)
    async with any_db.sessionmaker() as session:
        assert (await users.get_user(session, 10)).blocked_at is None


def test_roles_from_env_settings(settings):
    configured = settings.model_copy(
        update={
            "admin_ids": frozenset({1}),
            "staff_ids": frozenset({1, 2}),
            "operator_ids": frozenset({3}),
        }
    )
    assert configured.roles_from_env() == {1: {"admin", "staff"}, 2: {"staff"}, 3: {"operator"}}
