"""Service ids inside callback data.

Telegram limits callback data to 64 bytes. An id (service, category) is used as is when it is at
most 40 bytes; otherwise it is replaced by a short stable token (``~`` + 10 hex digits of its
blake2b hash) that ``resolve`` maps back by scanning the knowledge base's ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from dialogs.core import MAX_ACTION_BYTES

TOKEN_MARK = "~"


# Room kept for the longest prefix and trailing arguments ("cat:open:<id>:<page>").
TOKEN_ROOM = 40


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=5).hexdigest()


def token(value: str, room: int = TOKEN_ROOM) -> str:
    """``value`` itself when it is short and plain, else ``~`` + 10 hex digits of its hash."""
    plain = (
        value
        and len(value.encode("utf-8")) <= room
        and ":" not in value
        and not value.startswith(TOKEN_MARK)
    )
    return value if plain else TOKEN_MARK + _digest(value)


def resolve(token_: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``token_`` refers to, or None."""
    if not token_:
        return None
    if not token_.startswith(TOKEN_MARK):
        return token_ if token_ in set(candidates) else None
    digest = token_[len(TOKEN_MARK) :]
    return next((c for c in candidates if _digest(c) == digest), None)


def service_token(service_id: str) -> str:
    return token(service_id)


def resolve_service(kb, token_: str) -> str | None:
    """The service id a token refers to, or None when the knowledge base has no such service."""
    return resolve(token_, getattr(kb, "services", {}) or {})


@dataclass(frozen=True)
class Action:
    """A parsed action id ``prefix:verb:arg1:arg2``; build with :meth:`make`, read with
    :meth:`parse`. Arguments never contain ':' (service ids go through :func:`service_token`)."""

    prefix: str
    verb: str = ""
    args: tuple[str, ...] = ()

    @classmethod
    def parse(cls, action: str) -> Action:
        prefix, _, rest = action.partition(":")
        verb, _, tail = rest.partition(":")
        return cls(prefix, verb, tuple(tail.split(":")) if tail else ())

    @staticmethod
    def make(prefix: str, verb: str, *args: object) -> str:
        parts = [prefix, verb, *(str(a) for a in args)]
        if any(":" in p for p in parts[2:]):
            raise ValueError(f"':' inside an action argument: {parts!r}")
        action = ":".join(parts)
        if len(action.encode("utf-8")) > MAX_ACTION_BYTES:
            raise ValueError(f"action id longer than {MAX_ACTION_BYTES} bytes: {action!r}")
        return action

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default

    def int_arg(self, index: int, default: int = 0) -> int:
        value = self.arg(index)
        return int(value) if value.isdigit() else default


def action_arg(action: str, index: int) -> str:
    """Segment ``index`` of a ``prefix:verb:arg...`` action id ('' when missing); prefer
    :meth:`Action.parse` in new code."""
    parts = action.split(":")
    return parts[index] if index < len(parts) else ""
