"""Bearer tokens of back-office API clients. Only the SHA-256 of a token is stored; the plain
token is returned once by ``create_token`` and cannot be recovered."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.errors import InvalidDetails, TokenNameTaken, TokenNotFound
from domain.applications.models import ApiClient, utcnow

TOKEN_PREFIX = "kla_"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_token(
    session: AsyncSession,
    name: str,
    *,
    scope: Iterable[str] | None = None,
    now: datetime | None = None,
) -> tuple[ApiClient, str]:
    """A new client ``name`` and its plain token (shown once). ``scope``: service ids the client
    may touch (None = all)."""
    if not _NAME_RE.match(name or ""):
        raise InvalidDetails("client name", field="name")
    existing = await session.scalar(sa.select(ApiClient).where(ApiClient.name == name))
    if existing is not None:
        raise TokenNameTaken("name in use", name=name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    scope_list = None if scope is None else sorted({s.strip() for s in scope if s.strip()})
    client = ApiClient(
        name=name,
        token_hash=hash_token(token),
        scope=None if scope_list is None else ",".join(scope_list),
        created_at=now or utcnow(),
    )
    session.add(client)
    await session.flush()
    return client, token


async def list_tokens(session: AsyncSession) -> list[ApiClient]:
    return list(await session.scalars(sa.select(ApiClient).order_by(ApiClient.name)))


async def revoke_token(
    session: AsyncSession, name: str, *, now: datetime | None = None
) -> ApiClient:
    client = await session.scalar(sa.select(ApiClient).where(ApiClient.name == name))
    if client is None:
        raise TokenNotFound("no such client", name=name)
    if client.revoked_at is None:
        client.revoked_at = now or utcnow()
        await session.flush()
    return client


async def find_token(session: AsyncSession, token: str | None) -> ApiClient | None:
    """The client a presented token belongs to, revoked or not (None when unknown)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = hash_token(token)
    client = await session.scalar(sa.select(ApiClient).where(ApiClient.token_hash == digest))
    if client is None or not hmac.compare_digest(client.token_hash, digest):
        return None
    return client


async def verify_token(
    session: AsyncSession, token: str | None, *, now: datetime | None = None
) -> ApiClient | None:
    """The active client for ``token`` (records its last use), else None."""
    client = await find_token(session, token)
    if client is None or client.revoked_at is not None:
        return None
    client.last_used_at = now or utcnow()
    return client
