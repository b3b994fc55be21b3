"""What the documents flow keeps in the dialog state (JSON only) and how it finds the draft.

The draft itself (choices, ticks, uploads) is a database row that survives restarts; the state
only remembers which draft is open, the document a file is expected for, skipped questions, the
submission details being collected and storage keys to clean up after a deletion committed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from dialogs.engine import Context

KEY = "docs"

STEP_SERVICE = "docs.service"
STEP_CHOICE = "docs.choice"  # waiting for a button (case, reason, applicant, channel)
STEP_CONDITION = "docs.cond"
STEP_CHECK = "docs.check"
STEP_IDENTITY = "docs.iin"
STEP_NAME = "docs.name"
STEP_PHONE = "docs.phone"
STEP_CONFIRM = "docs.confirm"


def data(ctx: Context) -> dict[str, Any]:
    value = ctx.state.data.get(KEY)
    if not isinstance(value, dict):
        value = ctx.state.data[KEY] = {}
    return value


def reset(ctx: Context, draft_id: int | None = None) -> dict[str, Any]:
    """Forget everything about the previous draft; remember ``draft_id`` (and pending cleanup)."""
    gc = data(ctx).get("gc") or []
    fresh: dict[str, Any] = {"gc": gc} if gc else {}
    if draft_id is not None:
        fresh["draft"] = draft_id
    ctx.state.data[KEY] = fresh
    return fresh


def draft_id(ctx: Context) -> int | None:
    value = data(ctx).get("draft")
    return int(value) if isinstance(value, int) else None


def now(ctx: Context) -> datetime:
    clock = getattr(ctx.services, "clock", None)
    return clock() if callable(clock) else datetime.now(UTC)


async def load_draft(ctx: Context, draft_id_: int | None) -> Any | None:
    """The user's open draft ``draft_id_``, or None (someone else's, deleted, submitted)."""
    if draft_id_ is None:
        return None
    from domain.applications.drafts import get_draft
    from domain.applications.errors import DraftNotFound

    try:
        draft = await get_draft(ctx.session, draft_id_, owner_id=ctx.user.user_id)
    except DraftNotFound:
        return None
    return draft if draft.status == "open" else None


def remember_garbage(ctx: Context, keys: list[str]) -> None:
    """Storage keys whose rows this event deleted; removed at the next event (after commit)."""
    store = data(ctx)
    store["gc"] = sorted({*store.get("gc", []), *keys})


async def collect_garbage(ctx: Context) -> None:
    """Delete files no upload references any more. Runs at the start of an event, so the
    deletion that freed them has committed; a rolled-back one still references them."""
    store = data(ctx)
    keys = store.pop("gc", None)
    storage = getattr(ctx.services, "storage", None)
    if not keys or storage is None or not hasattr(storage, "delete"):
        return
    from domain.applications.drafts import collect_orphans

    await collect_orphans(ctx.session, storage, keys)
