"""Telegram's rate limits as sliding windows (per worker process)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    global_per_second: int = 30
    private_interval: float = 1.0  # seconds between two messages to one private chat
    group_per_minute: int = 20
    max_attempts: int = 8
    backoff_base: float = 2.0  # seconds; doubled on every failed attempt
    backoff_max: float = 900.0
    lease_seconds: float = 120.0
    lease_margin: float = 20.0  # do not start a send with less lease left than this
    batch_size: int = 50
    poll_interval: float = 1.0


class RateLimiter:
    """Telegram's limits as sliding windows on a monotonic clock (one per worker process)."""

    def __init__(self, limits: Limits, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.monotonic = monotonic
        self._global: deque[float] = deque()
        self._chat_next: dict[int, float] = {}
        self._groups: dict[int, deque[float]] = {}

    def global_wait(self) -> float:
        now = self.monotonic()
        while self._global and self._global[0] <= now - 1.0:
            self._global.popleft()
        if len(self._global) < self.limits.global_per_second:
            return 0.0
        return self._global[0] + 1.0 - now

    def chat_wait(self, chat_id: int) -> float:
        now = self.monotonic()
        wait = max(0.0, self._chat_next.get(chat_id, 0.0) - now)
        if chat_id < 0:
            window = self._groups.get(chat_id)
            if window is not None:
                while window and window[0] <= now - 60.0:
                    window.popleft()
                if len(window) >= self.limits.group_per_minute:
                    wait = max(wait, window[0] + 60.0 - now)
        return wait

    def record(self, chat_id: int) -> None:
        now = self.monotonic()
        self._global.append(now)
        if chat_id < 0:
            self._groups.setdefault(chat_id, deque()).append(now)
        else:
            self._chat_next[chat_id] = now + self.limits.private_interval

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        until = self.monotonic() + seconds
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)
