"""Outbox delivery: retries, blocking, crash recovery, order and Telegram's rate limits."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from domain.applications import queries, status
from domain.applications.models import Outbox
from domain.applications.status import Actor
from domain.outbox import (
    Blocked,
    Limits,
    OutboxWorker,
    PermanentError,
    RetryAfter,
    TransientError,
    enqueue,
    render_text,
)

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


class FakeTime:
    def __init__(self) -> None:
        self.now = T0
        self.mono = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(seconds)


class ScriptedSender:
    """Answers like Telegram would: a script of outcomes per chat, then success."""

    def __init__(self, time: FakeTime, script: dict[int, list[Exception]] | None = None):
        self.time = time
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.calls: list[tuple[int, dict, float]] = []
        self.delivered: list[tuple[int, dict]] = []
        self._next_id = 500

    async def send(self, chat_id: int, payload: dict) -> int:
        self.calls.append((chat_id, payload, self.time.mono))
        pending = self.script.get(chat_id)
        if pending:
            raise pending.pop(0)
        self.delivered.append((chat_id, payload))
        self._next_id += 1
        return self._next_id


def worker_for(app_db, sender, time, **limits) -> OutboxWorker:
    return OutboxWorker(
        app_db,
        sender,
        limits=Limits(**limits),
        clock=time.clock,
        monotonic=time.monotonic,
        sleep=time.sleep,
        name=f"w{id(sender)}",
    )


async def add(app_db, chat_id, n=1, *, key="k", now=T0):
    async with app_db.unit() as s:
        for i in range(n):
            await enqueue(
                s,
                chat_id,
                "test",
                {"lang": "kk", "parts": [{"key": "Message {i}", "params": {"i": i}}]},
                f"{key}:{chat_id}:{i}",
                now=now,
            )


async def rows(app_db) -> list[Outbox]:
    async with app_db.unit() as s:
        return list(await s.scalars(sa.select(Outbox).order_by(Outbox.id)))


async def test_enqueue_is_idempotent_on_dedup_key(app_db):
    async with app_db.unit() as s:
        assert await enqueue(s, 1, "test", {"parts": []}, "same", now=T0)
        assert not await enqueue(s, 1, "test", {"parts": []}, "same", now=T0)
        with pytest.raises(TypeError):
            await enqueue(s, 1, "test", {"when": T0}, "not-json", now=T0)
    assert len(await rows(app_db)) == 1


async def test_429_then_success_sends_once(app_db):
    time = FakeTime()
    sender = ScriptedSender(time, {42: [RetryAfter(7)]})
    worker = worker_for(app_db, sender, time)
    await add(app_db, 42)
    assert await worker.run_once() == 0
    [row] = await rows(app_db)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "429 retry_after")
    assert row.next_attempt_at == T0 + timedelta(seconds=7)
    time.advance(6)
    assert await worker.run_once() == 0 and len(sender.calls) == 1  # not due yet
    time.advance(1)
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    [row] = await rows(app_db)
    assert (row.status, row.telegram_message_id, row.lease_owner) == ("sent", 501, None)
    assert len(sender.delivered) == 1 and len(sender.calls) == 2


async def test_502_then_success_with_backoff(app_db):
    time = FakeTime()
    sender = ScriptedSender(time, {42: [TransientError("502"), TransientError("502")]})
    worker = worker_for(app_db, sender, time, backoff_base=2.0)
    await add(app_db, 42)
    assert await worker.run_once() == 0
    first = (await rows(app_db))[0].next_attempt_at - T0
    assert timedelta(seconds=1.5) <= first <= timedelta(seconds=2.5)
    time.advance(first.total_seconds())
    assert await worker.run_once() == 0
    second = (await rows(app_db))[0].next_attempt_at - time.now
    assert second > first  # exponential
    time.advance(second.total_seconds())
    assert await worker.run_once() == 1
    [row] = await rows(app_db)
    assert (row.status, row.attempts) == ("sent", 3)
    assert len(sender.delivered) == 1


async def test_gives_up_after_max_attempts(app_db):
    time = FakeTime()
    sender = ScriptedSender(time, {42: [TransientError("down")] * 10})
    worker = worker_for(app_db, sender, time, max_attempts=3, backoff_max=1)
    await add(app_db, 42)
    for _ in range(5):
        await worker.run_once()
        time.advance(5)
    [row] = await rows(app_db)
    assert (row.status, row.attempts) == ("failed", 3)
    assert sender.delivered == []


async def test_permanent_error_fails_at_once(app_db):
    time = FakeTime()
    sender = ScriptedSender(time, {42: [PermanentError("bad request")]})
    worker = worker_for(app_db, sender, time)
    await add(app_db, 42)
    await worker.run_once()
    assert (await rows(app_db))[0].status == "failed"


async def test_blocked_user_is_marked_and_not_retried(app_db):
    from domain.users import ensure_user, get_user

    time = FakeTime()
    sender = ScriptedSender(time, {42: [Blocked("403")]})
    worker = worker_for(app_db, sender, time)
    async with app_db.unit() as s:
        await ensure_user(s, 42)
    await add(app_db, 42, n=3)
    await add(app_db, 43)
    await worker.run_once()
    time.advance(3600)
    await worker.run_once()
    by_chat = {(r.chat_id, r.status) for r in await rows(app_db)}
    assert by_chat == {(42, "blocked"), (43, "sent")}
    assert [c[0] for c in sender.calls].count(42) == 1  # never retried
    async with app_db.unit() as s:
        assert (await get_user(s, 42)).blocked_at is not None


async def test_crash_between_commit_and_send_loses_nothing(app_db, tmp_path):
    """The status change commits its notification; the process dies before any send.
    A new worker (after restart) delivers it exactly once."""
    from domain.applications import drafts, submit

    async with app_db.unit() as s:
        draft = await drafts.create_draft(s, owner_id=77, service_id="svc")
        app = await submit.submit_draft(
            s,
            draft,
            owner_id=77,
            identity="870415300125",
            name="Test User",
            phone=None,
            chat_id=77,
            lang="kk",
            now=T0,
        )
        number = app.number
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        await status.change_status(s, app, "accepted", actor=Actor.staff(1), now=T0)
    # --- crash here: nothing was sent. Restart: ---
    time = FakeTime()
    sender = ScriptedSender(time)
    assert await worker_for(app_db, sender, time).run_once() == 1
    assert await worker_for(app_db, sender, time).run_once() == 0
    assert len(sender.delivered) == 1
    text = render_text(sender.delivered[0][1], "ru")
    assert number in text


async def test_crash_after_claim_is_recovered_after_lease(app_db):
    time = FakeTime()
    await add(app_db, 42)
    dead = worker_for(app_db, ScriptedSender(time), time, lease_seconds=60)
    assert len(await dead.claim()) == 1  # ... and the process dies before sending
    sender = ScriptedSender(time)
    alive = worker_for(app_db, sender, time, lease_seconds=60)
    assert await alive.run_once() == 0  # the lease still holds
    time.advance(61)
    assert await alive.run_once() == 1
    assert await alive.run_once() == 0
    assert len(sender.delivered) == 1


async def test_the_documented_at_least_once_window(app_db):
    """A crash after Telegram accepted the message but before 'sent' was committed is the only
    case that re-sends (once, after the lease expires)."""
    time = FakeTime()
    await add(app_db, 42)
    sender = ScriptedSender(time)
    worker = worker_for(app_db, sender, time, lease_seconds=60)

    async def crash(*args, **kwargs):
        raise SystemExit("killed")

    worker._mark_sent = crash
    with pytest.raises(SystemExit):
        await worker.run_once()
    time.advance(61)
    assert await worker_for(app_db, sender, time).run_once() == 1
    assert len(sender.delivered) == 2
    assert (await rows(app_db))[0].status == "sent"


async def test_per_chat_order_survives_retries(app_db):
    time = FakeTime()
    sender = ScriptedSender(time, {42: [RetryAfter(3)]})
    worker = worker_for(app_db, sender, time)
    await add(app_db, 42, n=3)
    for _ in range(10):
        await worker.run_once()
        time.advance(1)
    order = [p["parts"][0]["params"]["i"] for chat, p in sender.delivered if chat == 42]
    assert order == [0, 1, 2]


async def test_private_chat_gets_at_most_one_message_a_second(app_db):
    time = FakeTime()
    sender = ScriptedSender(time)
    worker = worker_for(app_db, sender, time)
    await add(app_db, 42, n=4)
    while len(sender.delivered) < 4:
        await worker.run_once()
        time.advance(0.25)
    stamps = [mono for chat, _, mono in sender.calls]
    assert all(b - a >= 1.0 for a, b in zip(stamps, stamps[1:], strict=False))


async def test_group_gets_at_most_twenty_a_minute(app_db):
    time = FakeTime()
    sender = ScriptedSender(time)
    worker = worker_for(app_db, sender, time)
    await add(app_db, -100123, n=25)
    for _ in range(60):  # one simulated minute, polling every second
        await worker.run_once()
        time.advance(1)
    assert len(sender.delivered) == 20
    for _ in range(10):
        await worker.run_once()
        time.advance(1)
    assert len(sender.delivered) == 25


async def test_global_rate_is_thirty_a_second(app_db):
    time = FakeTime()
    sender = ScriptedSender(time)
    worker = worker_for(app_db, sender, time, batch_size=100)
    async with app_db.unit() as s:
        for chat in range(1, 76):
            await enqueue(s, chat, "test", {"parts": []}, f"g:{chat}", now=T0)
    while len(sender.delivered) < 75:
        await worker.run_once()
    stamps = sorted(mono for _, _, mono in sender.calls)
    for i, start in enumerate(stamps):
        in_window = [t for t in stamps[i:] if t < start + 1.0]
        assert len(in_window) <= 30
    assert time.sleeps  # it waited instead of bursting


async def test_two_workers_never_claim_the_same_row(app_db):
    time = FakeTime()
    async with app_db.unit() as s:
        for chat in range(1, 41):
            await enqueue(s, chat, "test", {"parts": []}, f"c:{chat}", now=T0)
    a = worker_for(app_db, ScriptedSender(time), time, batch_size=25)
    b = worker_for(app_db, ScriptedSender(time), time, batch_size=25)
    first, second = await a.claim(), await b.claim()
    assert len(first) == 25 and len(second) == 15
    assert not {r.id for r in first} & {r.id for r in second}


async def test_run_loop_stops_and_wakes(app_db):
    import asyncio

    sender = ScriptedSender(FakeTime())
    worker = OutboxWorker(app_db, sender, limits=Limits(poll_interval=0.05))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    async with app_db.unit() as s:
        await enqueue(s, 5, "test", {"parts": [{"key": "hello", "raw": True}]}, "loop")
    worker.wake()
    for _ in range(100):
        if sender.delivered:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 2)
    assert len(sender.delivered) == 1
    assert render_text(sender.delivered[0][1]) == "hello"


async def test_postgres_claims_skip_locked_rows_instead_of_waiting(app_db):
    """Two claims in overlapping transactions: the second skips the rows the first holds."""
    import asyncio

    if app_db.is_sqlite:
        pytest.skip("SQLite serialises writers; SKIP LOCKED is PostgreSQL's")
    time = FakeTime()
    async with app_db.unit() as s:
        for chat in range(1, 11):
            await enqueue(s, chat, "test", {"parts": []}, f"p:{chat}", now=T0)
    a = worker_for(app_db, ScriptedSender(time), time, batch_size=6)
    b = worker_for(app_db, ScriptedSender(time), time, batch_size=6)
    async with app_db.sessionmaker() as s1, app_db.sessionmaker() as s2:
        first = (await s1.execute(a._claim_statement(T0, "postgresql"))).all()
        # s1 has not committed: its rows are locked, and their lease is not yet visible.
        second = (
            await asyncio.wait_for(s2.execute(b._claim_statement(T0, "postgresql")), 5)
        ).all()
        await s1.commit()
        await s2.commit()
    assert len(first) == 6 and len(second) == 4
    assert not {r.id for r in first} & {r.id for r in second}
