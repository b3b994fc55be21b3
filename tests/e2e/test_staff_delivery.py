"""Notifications are delivered exactly once through the Bot API emulator: when Telegram answers
429 (retry_after) and 502 (JSON and a proxy's HTML page) before succeeding, when the process is
killed between the commit and the send, and when a worker dies holding a row mid-send. A user
who blocked the bot is marked and never retried."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.notify import TelegramSender, user_language_lookup
from domain.applications import queries
from domain.applications.models import Outbox
from domain.applications.status import Actor, change_status
from domain.outbox import OutboxWorker
from tests.e2e.client import TgUser
from tests.e2e.emulator import TOKEN, BotAPIEmulator
from tests.e2e.staff_harness import FAST, running_bot, send_attempts, texts_to, wait_for
from tests.staff_support import Holder, StaffKB, make_application

ROOT = Path(__file__).resolve().parents[2]
APPLICANT = 7101

pytestmark = pytest.mark.slow


async def _change(db, number: str, to: str, **kw) -> None:
    async with db.unit() as s:
        app = await queries.get_by_number(s, number)
        await change_status(s, app, to, actor=Actor.staff(1), **kw)


async def _rows(db) -> list[Outbox]:
    async with db.sessionmaker() as s:
        return list(await s.scalars(sa.select(Outbox).order_by(Outbox.id)))


async def test_retries_429_and_502_then_delivers_once(tmp_path):
    async with running_bot(tmp_path, knowledge=Holder(StaffKB())) as stack:
        emu, db = stack.emu, stack.db
        applicant = TgUser(emu, APPLICANT, language_code="ru")
        number = await make_application(db, stack.services.storage, owner_id=APPLICANT,
                                        lang="ru")
        emu.fail("sendMessage", 1, status=429, retry_after=1)
        emu.fail("sendMessage", 1, status=502)
        emu.fail("sendMessage", 1, status=502, html=True)
        await _change(db, number, "accepted")

        await wait_for(lambda: texts_to(emu, APPLICANT), timeout=15, what="delivery")
        await asyncio.sleep(0.5)
        await stack.services.extra["outbox_worker"].run_once()
        assert send_attempts(emu, APPLICANT) == [429, 502, 502, 200]
        assert len(texts_to(emu, APPLICANT)) == 1
        assert "принято к рассмотрению" in texts_to(emu, APPLICANT)[0]
        assert len(applicant.bot_messages()) == 1
        calls = [c for c in emu.calls if c.method.lower() == "sendmessage"]
        assert calls[1].at - calls[0].at >= 0.95  # waited as long as retry_after said
        (row,) = await _rows(db)
        assert row.status == "sent" and row.attempts == 4
        assert row.telegram_message_id == applicant.bot_messages()[0].message_id


async def test_blocked_user_is_marked_and_not_retried(tmp_path):
    from domain.users import get_user

    async with running_bot(tmp_path, knowledge=Holder(StaffKB())) as stack:
        emu, db = stack.emu, stack.db
        TgUser(emu, APPLICANT, language_code="kk")
        number = await make_application(db, stack.services.storage, owner_id=APPLICANT)
        emu.block(APPLICANT)
        await _change(db, number, "accepted")
        await _change(db, number, "in_review")
        await wait_for(lambda: send_attempts(emu, APPLICANT), what="attempt")
        await asyncio.sleep(0.5)
        assert send_attempts(emu, APPLICANT) == [403]
        assert [r.status for r in await _rows(db)] == ["blocked", "blocked"]
        async with db.sessionmaker() as s:
            assert (await get_user(s, APPLICANT)).blocked_at is not None


# ------------------------------------------------------------------ crashes (no bot process)
class Env:
    def __init__(self, tmp_path: Path, emu: BotAPIEmulator, runtime) -> None:
        self.tmp_path = tmp_path
        self.emu = emu
        self.runtime = runtime
        self.db = runtime.db
        self.url = runtime.db.url

    def child(self, *args: str) -> subprocess.Popen[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.staff_crash_child", *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def worker(self, bot: Bot, *, clock=None) -> OutboxWorker:
        sender = TelegramSender(bot, language_of=user_language_lookup(self.db.sessionmaker))
        return OutboxWorker(self.db, sender, limits=FAST, clock=clock)


@pytest.fixture
async def crash_env(tmp_path):
    from bot.runtime import prepare
    from tests.e2e.staff_harness import settings_for

    emu = BotAPIEmulator()
    await emu.start()
    runtime = await prepare(settings_for(tmp_path, emu), knowledge=Holder(StaffKB()),
                            load_knowledge_now=False)
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    try:
        yield Env(tmp_path, emu, runtime), bot
    finally:
        await bot.session.close()
        await runtime.close()
        await emu.close()


async def test_killed_between_commit_and_send_delivers_once(crash_env):
    env, bot = crash_env
    TgUser(env.emu, APPLICANT, language_code="kk")
    number = await make_application(env.db, env.runtime.services.storage, owner_id=APPLICANT,
                                    lang="kk")
    proc = env.child("commit", env.url, number)
    out, err = await asyncio.to_thread(proc.communicate, timeout=60)
    assert "COMMITTED" in out, err
    assert proc.returncode == -9  # SIGKILL right after the commit
    (row,) = await _rows(env.db)
    assert row.status == "pending" and texts_to(env.emu, APPLICANT) == []

    worker = env.worker(bot)  # the restarted process
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    assert await env.worker(bot).run_once() == 0  # and any other worker
    texts = texts_to(env.emu, APPLICANT)
    assert len(texts) == 1 and "қарауға қабылданды" in texts[0]


async def test_worker_killed_mid_send_is_retried_once_after_its_lease(crash_env):
    env, bot = crash_env
    TgUser(env.emu, APPLICANT, language_code="ru")
    number = await make_application(env.db, env.runtime.services.storage, owner_id=APPLICANT,
                                    lang="ru")
    await _change(env.db, number, "accepted")
    proc = env.child("claim", env.url)
    line = await asyncio.to_thread(proc.stdout.readline)
    assert line.strip() == "SENDING"
    proc.kill()
    await asyncio.to_thread(proc.wait, 30)
    (row,) = await _rows(env.db)
    assert row.status == "pending" and row.lease_owner == "doomed-worker"

    # While the dead worker's lease runs, nobody else takes the row (no double send)...
    assert await env.worker(bot).run_once() == 0
    assert texts_to(env.emu, APPLICANT) == []
    # ...once it has expired, the next worker delivers it, once.
    later = datetime.now(UTC) + timedelta(seconds=FAST.lease_seconds + 1)
    worker = env.worker(bot, clock=lambda: later)
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    texts = texts_to(env.emu, APPLICANT)
    assert len(texts) == 1 and "принято к рассмотрению" in texts[0]
    (row,) = await _rows(env.db)
    assert row.status == "sent" and row.lease_owner is None
