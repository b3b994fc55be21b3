"""Telegram users the bot has met, their chosen language and their roles.

Roles are ``admin``, ``staff`` and ``operator``. The ids in ADMIN_IDS / STAFF_IDS / OPERATOR_IDS
are granted their roles at start-up (``bootstrap_roles``, add-only, marked ``source="env"``);
admins add and remove roles at run time (``grant_role`` / ``revoke_role``). Repositories take the
caller's session and never commit.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from domain.db import upsert

ROLES = ("admin", "staff", "operator")
LANGUAGES = ("kk", "ru")


def _now() -> datetime:
    return datetime.now(UTC)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))
    language: str | None = Field(default=None, max_length=2)
    # Telegram's language_code at first contact; used to preselect the language choice.
    language_hint: str | None = Field(default=None, max_length=16)
    first_name: str | None = Field(default=None, max_length=128)
    # Set when Telegram answers 403 "bot was blocked by the user"; cleared when they write again.
    blocked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    first_seen: datetime = Field(
        default_factory=_now, sa_type=sa.DateTime(timezone=True), nullable=False
    )


class UserRole(SQLModel, table=True):
    __tablename__ = "user_roles"

    user_id: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))
    role: str = Field(primary_key=True, max_length=16)
    source: str = Field(default="admin", max_length=16)  # "env" | "admin" | "group"
    granted_by: int | None = Field(default=None, sa_type=sa.BigInteger)
    granted_at: datetime = Field(
        default_factory=_now, sa_type=sa.DateTime(timezone=True), nullable=False
    )


async def get_user(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def ensure_user(
    session: AsyncSession,
    user_id: int,
    *,
    language_hint: str | None = None,
    first_name: str | None = None,
) -> User:
    """The user's row, created on first contact (safe when two updates race)."""
    user = await session.get(User, user_id)
    if user is None:
        await upsert(
            session,
            User.__table__,
            {
                "id": user_id,
                "language_hint": (language_hint or None) and language_hint[:16],
                "first_name": (first_name or None) and first_name[:128],
                "first_seen": _now(),
            },
            index=["id"],
        )
        user = await session.get(User, user_id)
        assert user is not None
    elif user.blocked_at is not None:
        user.blocked_at = None
    return user


async def set_language(session: AsyncSession, user_id: int, lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    user = await ensure_user(session, user_id)
    user.language = lang


async def get_language(session: AsyncSession, user_id: int) -> str | None:
    return await session.scalar(sa.select(User.language).where(User.id == user_id))


async def mark_blocked(session: AsyncSession, user_id: int, when: datetime | None = None) -> None:
    await session.execute(
        sa.update(User).where(User.id == user_id).values(blocked_at=when or _now())
    )


async def get_roles(session: AsyncSession, user_id: int) -> frozenset[str]:
    rows = await session.scalars(sa.select(UserRole.role).where(UserRole.user_id == user_id))
    return frozenset(rows)


async def has_role(session: AsyncSession, user_id: int, role: str) -> bool:
    return role in await get_roles(session, user_id)


async def grant_role(
    session: AsyncSession,
    user_id: int,
    role: str,
    *,
    granted_by: int | None = None,
    source: str = "admin",
) -> bool:
    """Give ``role`` to ``user_id``; False when they already had it."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    result = await upsert(
        session,
        UserRole.__table__,
        {
            "user_id": user_id,
            "role": role,
            "source": source,
            "granted_by": granted_by,
            "granted_at": _now(),
        },
        index=["user_id", "role"],
    )
    return bool(result.rowcount)


async def revoke_role(session: AsyncSession, user_id: int, role: str) -> bool:
    result = await session.execute(
        sa.delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role)
    )
    return bool(result.rowcount)


async def users_with_role(session: AsyncSession, role: str) -> list[int]:
    rows = await session.scalars(
        sa.select(UserRole.user_id).where(UserRole.role == role).order_by(UserRole.user_id)
    )
    return list(rows)


async def bootstrap_roles(session: AsyncSession, roles: dict[int, set[str]]) -> int:
    """Grant the roles configured in the environment; returns how many were new."""
    added = 0
    for user_id, names in sorted(roles.items()):
        for role in sorted(names):
            added += await grant_role(session, user_id, role, source="env")
    return added
