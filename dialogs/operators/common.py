"""Helpers shared by the operators' flows: configuration, clock, roles, text rendering."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from dialogs.core import Button, Msg, View
from domain.i18n import t, tn
from domain.operators.config import OperatorConfig

log = logging.getLogger(__name__)


def config(ctx_or_services: Any) -> OperatorConfig:
    services = getattr(ctx_or_services, "services", ctx_or_services)
    cached = services.extra.get("operator_config")
    if cached is None:
        cached = OperatorConfig.from_settings(services.settings)
        services.extra["operator_config"] = cached
    return cached


def now(ctx_or_services: Any) -> datetime:
    services = getattr(ctx_or_services, "services", ctx_or_services)
    clock = getattr(services, "clock", None)
    value = clock() if callable(clock) else datetime.now(UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def lang_of(ctx: Any) -> str:
    """The user's language; before they chose one, Telegram's language_code of this event."""
    if ctx.user.lang in ("kk", "ru"):
        return ctx.user.lang
    hint = (ctx.extra.get("language_hint") or "").lower()
    return "ru" if hint.startswith("ru") else "kk"


async def is_operator(ctx: Any) -> bool:
    """Operator role, OPERATOR_IDS, or (when enabled) an administrator of the operators' group,
    who is then granted the role (source "group")."""
    user_id = ctx.user.user_id
    cfg = config(ctx)
    if "operator" in ctx.user.roles or user_id in cfg.operator_ids:
        return True
    if not cfg.group_admins_are_operators:
        return False
    check = ctx.services.extra.get("operator_membership")
    if check is None:
        return False
    try:
        is_admin = await check(user_id)
    except Exception:  # the membership check is a convenience; Telegram errors must not crash
        log.warning("operator membership check failed", exc_info=True)
        return False
    if is_admin and ctx.session is not None:
        from domain.users import ensure_user, grant_role

        await ensure_user(ctx.session, user_id)
        await grant_role(ctx.session, user_id, "operator", source="group")
        log.info("operator role granted to group administrator %s", user_id)
    return bool(is_admin)


def is_admin(ctx: Any) -> bool:
    return "admin" in ctx.user.roles or ctx.user.user_id in config(ctx).admin_ids


def text(lang: str, msg: Msg | str) -> str:
    """``msg`` rendered in ``lang`` (parameters that are ``Msg`` are rendered too)."""
    if isinstance(msg, str):
        return msg
    if msg.raw:
        return msg.key
    params = {k: text(lang, v) if isinstance(v, Msg) else v for k, v in msg.params.items()}
    if msg.plural is not None and msg.n is not None:
        params.pop("n", None)
        return tn(lang, msg.key, msg.plural, msg.n, **params)
    return t(lang, msg.key, **params)


def parts_payload(lang: str, parts: list[Msg]) -> list[dict[str, Any]]:
    """Parts rendered now into already-localised text (the outbox sends them as they are)."""
    return [{"key": text(lang, p), "raw": True} for p in parts]


def buttons_payload(lang: str, rows: list[list[Button]]) -> list[list[dict[str, Any]]]:
    return [
        [{"label": {"key": text(lang, b.label), "raw": True}, "action": b.action} for b in row]
        for row in rows
    ]


def view_payload(lang: str, view: View) -> dict[str, Any]:
    return {
        "parts": parts_payload(lang, view.parts),
        "buttons": buttons_payload(lang, view.buttons),
    }
