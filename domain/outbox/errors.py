"""What a ``Sender`` raises to tell the outbox worker how to go on, and the Sender protocol."""

from __future__ import annotations

from typing import Any, Protocol


class SendError(Exception):
    """Base of what a Sender raises to tell the worker how to go on."""


class RetryAfter(SendError):
    """Telegram answered 429: wait ``seconds`` before this chat gets anything else."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds}s")
        self.seconds = max(0.0, float(seconds))


class TransientError(SendError):
    """Network error or 5xx: try again later with backoff."""


class Blocked(SendError):
    """403: the user blocked the bot (or the chat is gone). Never retried."""


class PermanentError(SendError):
    """The request itself is wrong (400): retrying cannot help."""


class Sender(Protocol):
    async def send(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        """Deliver one payload; return Telegram's message id (None if not applicable)."""
