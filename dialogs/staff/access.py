"""Who may use the staff flow, and what everybody else gets.

Staff commands and ``stf:`` buttons need the ``staff`` role (``/staff`` needs ``admin``). A
refused attempt gets a localised answer and is logged with the user id and the command or the
action's verb only: no names, no message text, no application numbers.
"""

from __future__ import annotations

import logging

from dialogs.core import Event, Msg, View
from dialogs.engine import Context
from domain.i18n import N_

log = logging.getLogger(__name__)

STAFF_ROLE = "staff"
ADMIN_ROLE = "admin"

STAFF_ONLY = N_("This is available only to agency staff.")
ADMIN_ONLY = N_("Only an administrator can manage staff.")


def has_role(ctx: Context, role: str) -> bool:
    return role in (ctx.user.roles or frozenset())


def _what(event: Event) -> str:
    if event.kind == "command":
        return f"/{event.command}"
    if event.kind == "button":
        return ":".join(event.action.split(":")[:2])
    return event.kind


def refuse(event: Event, ctx: Context, role: str = STAFF_ROLE) -> list[View]:
    """The refusal for a user without ``role``; the attempt is logged (user id only)."""
    log.warning("refused %s for user %s without role %s", _what(event), ctx.user.user_id, role)
    text = Msg(ADMIN_ONLY if role == ADMIN_ROLE else STAFF_ONLY)
    if event.kind == "button":
        return [View(parts=[text], toast=text)]
    return [View(parts=[text])]
