"""Reliable delivery of messages written to the ``outbox`` table.

A use case that must tell someone something adds an ``Outbox`` row in its own transaction
(``enqueue``): the message exists if and only if the change it reports was committed. The
``OutboxWorker`` delivers rows through a ``Sender`` (Telegram in ``bot/notify.py``):

* **Claim with a lease.** One statement marks a batch as leased to this worker (``UPDATE ...
  WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)`` on PostgreSQL; a single atomic statement on
  SQLite) and commits. A worker that dies holding a lease loses nothing: the lease expires and
  another worker (or the restarted one) claims the row again.
* **Mark sent right after sending**, in one short statement that also records Telegram's
  message id (and only if this worker still holds the lease). A retry of a row that was marked
  sent can never happen, so a retry never sends twice.
* **The one at-least-once window** is between Telegram accepting a message and that update
  being committed (milliseconds: no other work happens in between). Only a crash exactly there
  re-sends the message once after the lease expires; everywhere else delivery is exactly once.
  The Bot API has no idempotency key that could close this window.
* **Order and limits.** Per chat, rows go out in id order (only the oldest pending row of a chat
  is eligible). Overall at most 30 messages a second; a private chat gets at most one a second, a
  group (negative chat id) at most 20 a minute. ``RetryAfter`` (429) waits exactly as long as
  Telegram asks; ``TransientError`` (network, 5xx) and unexpected errors back off exponentially
  with jitter and give up after ``max_attempts``; ``Blocked`` (403) marks the row and every other
  pending row of that chat ``blocked`` and records the user as blocked; ``PermanentError`` fails
  the row at once. The limits are kept per worker process: run one worker per bot token (more
  workers are safe for exactly-once delivery, but then divide ``Limits`` between them).

Payload format (rendered by the sender, in the recipient's language at send time):
``{"lang": "kk", "parts": [{"key": msgid, "params": {...}}], "buttons": [[{"label": {...},
"action": "..."}]]}``; a parameter ``{"kk": ..., "ru": ...}`` is localised at send time. Other
payloads (``"call"`` / ``"via"``) are interpreted by the sender. Payloads must be JSON.
"""

from domain.applications.models import Outbox
from domain.outbox.errors import (
    Blocked,
    PermanentError,
    RetryAfter,
    Sender,
    SendError,
    TransientError,
)
from domain.outbox.limits import Limits, RateLimiter
from domain.outbox.queue import enqueue, msg_part, render_text
from domain.outbox.worker import OutboxWorker, mark_user_blocked

__all__ = [
    "Blocked",
    "Limits",
    "Outbox",
    "OutboxWorker",
    "PermanentError",
    "RateLimiter",
    "RetryAfter",
    "SendError",
    "Sender",
    "TransientError",
    "enqueue",
    "mark_user_blocked",
    "msg_part",
    "render_text",
]
