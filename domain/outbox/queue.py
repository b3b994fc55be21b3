"""Writing outbox rows (in the caller's transaction) and rendering their payloads as text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.models import Outbox


def _utcnow() -> datetime:
    return datetime.now(UTC)


async def enqueue(
    session: AsyncSession,
    chat_id: int,
    kind: str,
    payload: Mapping[str, Any],
    dedup_key: str,
    *,
    now: datetime | None = None,
    not_before: datetime | None = None,
) -> bool:
    """Add a message in the caller's transaction. The same ``dedup_key`` twice adds it once;
    returns whether a row was added. ``payload`` must be JSON-serialisable."""
    from domain.db import upsert

    body = json.loads(json.dumps(payload, ensure_ascii=False))  # fail early on non-JSON values
    now = now or _utcnow()
    result = await upsert(
        session,
        Outbox.__table__,
        {
            "chat_id": chat_id,
            "kind": kind[:32],
            "payload": body,
            "dedup_key": dedup_key[:160],
            "status": "pending",
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": not_before or now,
        },
        index=["dedup_key"],
    )
    return bool(result.rowcount)


def msg_part(msg: Any) -> dict[str, Any]:
    """A payload part from a ``dialogs.core.Msg``-like object (key, params, plural, n, raw)."""
    part: dict[str, Any] = {"key": msg.key, "params": dict(getattr(msg, "params", {}) or {})}
    for name in ("plural", "n"):
        if getattr(msg, name, None) is not None:
            part[name] = getattr(msg, name)
    if getattr(msg, "raw", False):
        part["raw"] = True
    return part


def _localise(value: Any, lang: str) -> Any:
    if isinstance(value, Mapping):
        if "key" in value:
            return _render_part(value, lang)
        if "kk" in value or "ru" in value:
            other = "ru" if lang == "kk" else "kk"
            return value.get(lang) or value.get(other) or ""
    return value


def _render_part(part: Mapping[str, Any] | str, lang: str) -> str:
    from domain.i18n import t, tn

    if isinstance(part, str):
        return part
    if part.get("raw"):
        return str(part["key"])
    params = {k: _localise(v, lang) for k, v in dict(part.get("params") or {}).items()}
    if part.get("plural") is not None and part.get("n") is not None:
        return tn(lang, part["key"], part["plural"], int(part["n"]), **params)
    return t(lang, part["key"], **params)


def render_text(payload: Mapping[str, Any], lang: str | None = None) -> str:
    """Plain text of a payload in ``lang`` (else its own): for logs-free previews and tests."""
    lang = lang or payload.get("lang") or "kk"
    return "\n\n".join(_render_part(p, lang) for p in payload.get("parts") or [])
