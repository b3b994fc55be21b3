"""Bearer-token authentication of back-office clients.

Rules (documented in the OpenAPI document too):

- no ``Authorization: Bearer <token>`` header, or a token nobody was given -> 401
  (``unauthorized`` / ``invalid_token``);
- a token that was revoked (``run_bot.py tokens revoke NAME``) -> 403 ``token_revoked``;
- a client created with a scope (``tokens create NAME --scope SERVICE_ID[,SERVICE_ID...]``) may
  only read and change applications of those services; any other application -> 403
  ``forbidden_scope``. A client without a scope may access every application.

Only the SHA-256 of a token is stored (``domain.applications.tokens``); the check is a lookup
by hash, so it does not leak timing about other tokens.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.api.errors import ApiError


def bearer_token(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError("unauthorized")
    return token


async def authenticate(session: Any, request: web.Request, now: Any = None) -> Any:
    """The active :class:`ApiClient` presenting the request's token (or an ApiError)."""
    from domain.applications import tokens

    client = await tokens.find_token(session, bearer_token(request))
    if client is None:
        raise ApiError("invalid_token")
    if client.revoked_at is not None:
        raise ApiError("token_revoked")
    if now is not None:
        client.last_used_at = now
    return client


def require_scope(client: Any, service_id: str) -> None:
    if not client.allows(service_id):
        raise ApiError("forbidden_scope")
