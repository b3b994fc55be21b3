"""The outbox worker: claim with a lease, send, record the outcome (see the package docstring)."""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.models import Outbox
from domain.outbox.errors import Blocked, PermanentError, RetryAfter, Sender, TransientError
from domain.outbox.limits import Limits, RateLimiter
from domain.outbox.queue import _utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claimed:
    id: int
    chat_id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


BlockedHook = Callable[[AsyncSession, int, datetime], Awaitable[None]]


async def mark_user_blocked(session: AsyncSession, chat_id: int, when: datetime) -> None:
    """Default ``on_blocked``: a private chat id is the user id; record the block."""
    if chat_id <= 0:
        return
    try:
        from domain.users import mark_blocked
    except ImportError:  # pragma: no cover - the users module ships with the foundation
        return
    await mark_blocked(session, chat_id, when)


class OutboxWorker:
    """Deliver pending outbox rows. ``db`` is ``domain.db.Database`` (its ``unit()`` serialises
    writers on SQLite) or a plain ``async_sessionmaker``."""

    def __init__(
        self,
        db: Any,
        sender: Sender,
        *,
        limits: Limits | None = None,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        on_blocked: BlockedHook | None = mark_user_blocked,
        name: str | None = None,
    ) -> None:
        self.db = db
        self.sender = sender
        self.limits = limits or Limits()
        self.clock = clock or _utcnow
        self.monotonic = monotonic
        self.sleep = sleep
        self.on_blocked = on_blocked
        self.name = (name or f"outbox-{uuid.uuid4().hex[:12]}")[:64]
        self.limiter = RateLimiter(self.limits, monotonic)
        self._wake = asyncio.Event()
        self._dialect: str | None = None

    # -------------------------------------------------------------- transactions
    @asynccontextmanager
    async def _unit(self) -> AsyncIterator[AsyncSession]:
        if hasattr(self.db, "unit"):
            async with self.db.unit() as session:
                yield session
            return
        async with self.db() as session, session.begin():
            yield session

    def wake(self) -> None:
        """Tell a running loop that new rows were committed (it checks at once)."""
        self._wake.set()

    # -------------------------------------------------------------- claim
    def _claim_statement(self, now: datetime, dialect: str) -> Any:
        table = Outbox.__table__
        c = table.alias("c")
        p = table.alias("p")
        earlier = (
            sa.select(p.c.id)
            .where(p.c.chat_id == c.c.chat_id, p.c.status == "pending", p.c.id < c.c.id)
            .correlate(c)
        )
        candidates = (
            sa.select(c.c.id)
            .where(
                c.c.status == "pending",
                c.c.next_attempt_at <= now,
                sa.or_(c.c.lease_until.is_(None), c.c.lease_until < now),
                ~sa.exists(earlier),
            )
            .order_by(c.c.id)
            .limit(self.limits.batch_size)
        )
        if dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True, of=c)
        until = now + timedelta(seconds=self.limits.lease_seconds)
        return (
            sa.update(table)
            .where(table.c.id.in_(candidates.scalar_subquery()))
            .values(lease_owner=self.name, lease_until=until)
            .returning(
                table.c.id, table.c.chat_id, table.c.kind, table.c.payload, table.c.attempts
            )
        )

    async def claim(self) -> list[Claimed]:
        """Lease the next batch to this worker and commit the lease."""
        now = self.clock()
        async with self._unit() as session:
            dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
            rows = (await session.execute(self._claim_statement(now, dialect))).all()
        claimed = [Claimed(r.id, r.chat_id, r.kind, r.payload, r.attempts) for r in rows]
        return sorted(claimed, key=lambda c: c.id)

    # -------------------------------------------------------------- outcomes
    async def _update(self, row_id: int, **values: Any) -> int:
        table = Outbox.__table__
        async with self._unit() as session:
            result = await session.execute(
                sa.update(table)
                .where(table.c.id == row_id, table.c.lease_owner == self.name)
                .values(lease_owner=None, lease_until=None, **values)
            )
            return result.rowcount

    async def _mark_sent(self, row: Claimed, message_id: int | None) -> None:
        updated = await self._update(
            row.id,
            status="sent",
            sent_at=self.clock(),
            telegram_message_id=message_id,
            attempts=row.attempts + 1,
            last_error=None,
        )
        if updated != 1:  # the lease expired mid-send and someone else took the row
            log.error("outbox row %s sent after its lease expired", row.id)

    async def _release(self, row: Claimed, delay: float) -> None:
        await self._update(row.id, next_attempt_at=self.clock() + timedelta(seconds=delay))

    async def _retry(self, row: Claimed, delay: float, error: str, *, counts: bool) -> None:
        attempts = row.attempts + 1
        if counts and attempts >= self.limits.max_attempts:
            await self._update(row.id, status="failed", attempts=attempts, last_error=error)
            log.warning("outbox row %s failed after %s attempts: %s", row.id, attempts, error)
            return
        await self._update(
            row.id,
            attempts=attempts,
            last_error=error,
            next_attempt_at=self.clock() + timedelta(seconds=delay),
        )

    def _backoff(self, attempts: int) -> float:
        delay = min(self.limits.backoff_max, self.limits.backoff_base * 2 ** max(0, attempts))
        return delay * random.uniform(0.8, 1.2)

    async def _blocked(self, row: Claimed, error: str) -> None:
        now = self.clock()
        table = Outbox.__table__
        async with self._unit() as session:
            await session.execute(
                sa.update(table)
                .where(table.c.id == row.id)
                .values(
                    status="blocked",
                    attempts=row.attempts + 1,
                    last_error=error,
                    lease_owner=None,
                    lease_until=None,
                )
            )
            # Every other message still waiting for this chat would get 403 too.
            await session.execute(
                sa.update(table)
                .where(
                    table.c.chat_id == row.chat_id,
                    table.c.status == "pending",
                    table.c.id != row.id,
                    table.c.lease_owner.is_(None),
                )
                .values(status="blocked", last_error="chat blocked")
            )
            if self.on_blocked is not None:
                await self.on_blocked(session, row.chat_id, now)
        log.info("outbox: chat of row %s blocked the bot; its messages are stopped", row.id)

    # -------------------------------------------------------------- one pass
    async def run_once(self) -> int:
        """Claim one batch and try each row once; returns how many rows were sent."""
        claimed = await self.claim()
        if not claimed:
            return 0
        started = self.monotonic()
        usable = self.limits.lease_seconds - self.limits.lease_margin
        sent = 0
        for row in claimed:
            if self.monotonic() - started > usable:
                await self._release(row, 0)  # not enough lease left to send safely
                continue
            wait = self.limiter.chat_wait(row.chat_id)
            if wait > 0:
                await self._release(row, wait)
                continue
            while (wait := self.limiter.global_wait()) > 0:
                await self.sleep(wait)
            sent += await self._deliver(row)
        return sent

    async def _deliver(self, row: Claimed) -> int:
        try:
            message_id = await self.sender.send(row.chat_id, dict(row.payload))
        except RetryAfter as exc:
            self.limiter.pause_chat(row.chat_id, exc.seconds)
            await self._retry(row, exc.seconds, "429 retry_after", counts=False)
            return 0
        except Blocked:
            await self._blocked(row, "403 blocked")
            return 0
        except PermanentError as exc:
            await self._update(
                row.id,
                status="failed",
                attempts=row.attempts + 1,
                last_error=f"permanent: {type(exc).__name__}",
            )
            return 0
        except TransientError as exc:
            await self._retry(
                row, self._backoff(row.attempts), f"transient: {exc}"[:200], counts=True
            )
            return 0
        except asyncio.CancelledError:
            raise  # the lease expires and the row is tried again
        except Exception as exc:  # a bug in a sender must not stop the queue
            log.warning("outbox row %s: unexpected %s", row.id, type(exc).__name__, exc_info=True)
            await self._retry(row, self._backoff(row.attempts), type(exc).__name__, counts=True)
            return 0
        self.limiter.record(row.chat_id)
        await self._mark_sent(row, message_id)
        return 1

    # -------------------------------------------------------------- loop
    async def next_due_in(self) -> float | None:
        """Seconds until the earliest pending row is due (None when nothing is pending)."""
        async with self._unit() as session:
            earliest = await session.scalar(
                sa.select(sa.func.min(Outbox.next_attempt_at)).where(Outbox.status == "pending")
            )
        if earliest is None:
            return None
        if earliest.tzinfo is None:
            earliest = earliest.replace(tzinfo=UTC)
        return max(0.0, (earliest - self.clock()).total_seconds())

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Deliver until ``stop`` is set (or the task is cancelled)."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                sent = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox pass failed; retrying shortly")
                sent = 0
            if sent:
                continue
            due = await self._safe_next_due()
            timeout = (
                self.limits.poll_interval
                if due is None
                else min(max(due, 0.05), self.limits.poll_interval * 10)
            )
            self._wake.clear()
            waiters = [
                asyncio.ensure_future(stop.wait()),
                asyncio.ensure_future(self._wake.wait()),
            ]
            try:
                await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()

    async def _safe_next_due(self) -> float | None:
        try:
            return await self.next_due_in()
        except Exception:
            log.exception("outbox: cannot read the next due time")
            return None
