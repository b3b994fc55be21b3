"""``/staff add ID``, ``/staff remove ID``, ``/staff`` (list): admins manage the staff role.

Roles given through STAFF_IDS are granted again at every start (bootstrap); removing such a
user here lasts until the next restart, which the answer says.
"""

from __future__ import annotations

import logging

from dialogs.core import Msg, View
from dialogs.engine import Context
from domain.i18n import N_

log = logging.getLogger(__name__)

USAGE = N_(
    "Usage: /staff add ID or /staff remove ID, where ID is the person's numeric Telegram id. "
    "/staff alone lists the staff."
)
ADDED = N_("User {user_id} is now staff.")
ALREADY = N_("User {user_id} is already staff.")
REMOVED = N_("User {user_id} is no longer staff.")
NOT_STAFF = N_("User {user_id} was not staff.")
FROM_ENV = N_(
    "Note: this id is listed in STAFF_IDS, so the role comes back at the next restart unless "
    "the setting is changed."
)
LIST = N_("Staff ({n}):\n{ids}")
LIST_EMPTY = N_("Nobody has the staff role yet.")


async def staff_command(ctx: Context, args: str) -> list[View]:
    from domain import users

    words = args.split()
    if not words:
        ids = await users.users_with_role(ctx.session, "staff")
        if not ids:
            return [View(parts=[Msg(LIST_EMPTY), Msg(USAGE)])]
        return [View(parts=[Msg(LIST, {"n": len(ids), "ids": "\n".join(map(str, ids))})])]
    if len(words) != 2 or words[0].lower() not in ("add", "remove") or not words[1].isdigit():
        return [View(parts=[Msg(USAGE)])]
    verb, user_id = words[0].lower(), int(words[1])
    if verb == "add":
        added = await users.grant_role(ctx.session, user_id, "staff", granted_by=ctx.user.user_id)
        log.info("admin %s granted staff to %s", ctx.user.user_id, user_id)
        return [View(parts=[Msg(ADDED if added else ALREADY, {"user_id": user_id})])]
    removed = await users.revoke_role(ctx.session, user_id, "staff")
    log.info("admin %s revoked staff from %s", ctx.user.user_id, user_id)
    parts = [Msg(REMOVED if removed else NOT_STAFF, {"user_id": user_id})]
    settings = getattr(ctx.services, "settings", None)
    if user_id in (getattr(settings, "staff_ids", None) or ()):
        parts.append(Msg(FROM_ENV))
    return [View(parts=parts)]
