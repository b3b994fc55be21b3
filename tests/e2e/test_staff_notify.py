"""The Telegram sender of the outbox against the emulator (language at send time, other
features' payloads, error mapping) and the daily deadline report to the staff chat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.notify import TelegramSender, daily_report_job, render_payload, user_language_lookup
from domain import users
from domain.outbox import Blocked, PermanentError
from domain.status.notifications import status_notification
from tests.e2e.client import TgUser
from tests.e2e.emulator import TOKEN, BotAPIEmulator
from tests.e2e.staff_harness import running_bot, texts_to, wait_for
from tests.staff_support import (
    Holder,
    StaffKB,
    create_database,
    make_application,
)

USER = 7201
STAFF_CHAT = -1001234


@pytest.fixture
async def emu_bot():
    emu = BotAPIEmulator()
    await emu.start()
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    try:
        yield emu, bot
    finally:
        await bot.session.close()
        await emu.close()


def test_payload_rendering_picks_localised_params():
    payload = status_notification(
        number="LIC-2026-000007", to_status="needs_documents", lang="kk",
        service_title={"kk": "Туроператорлық қызмет", "ru": "Туроператорская деятельность"},
        items=[{"id": "a", "name_kk": "Өтініш", "name_ru": "Заявление"}],
        due_date="2026-03-27",
    )
    kk = render_payload(payload).text
    ru = render_payload(payload, "ru").text
    assert "Туроператорлық қызмет" in kk and "• Өтініш" in kk and "27.03.2026" in kk
    assert "Туроператорская деятельность" in ru and "• Заявление" in ru and "27.03.2026" in ru
    standard = status_notification(number="N", to_status="accepted", lang="ru",
                                   deadline_known=False)
    assert "стандартом" in render_payload(standard).text
    final = status_notification(number="N", to_status="approved", lang="ru",
                                due_date="2026-03-27")
    assert "27.03.2026" not in render_payload(final).text  # no deadline after the decision


async def test_sender_uses_the_language_at_send_time(tmp_path, emu_bot):
    emu, bot = emu_bot
    TgUser(emu, USER, language_code="kk")
    db = await create_database(tmp_path / "db.sqlite3")
    try:
        async with db.unit() as s:
            await users.set_language(s, USER, "ru")  # changed after the row was written in kk
        sender = TelegramSender(bot, language_of=user_language_lookup(db.sessionmaker))
        payload = status_notification(number="LIC-1", to_status="accepted", lang="kk")
        message_id = await sender.send(USER, payload)
        assert message_id is not None
        assert "принято к рассмотрению" in texts_to(emu, USER)[-1]
        fixed = dict(payload, lang_fixed=True)
        await sender.send(USER, fixed)
        assert "қарауға қабылданды" in texts_to(emu, USER)[-1]
    finally:
        await db.dispose()


async def test_sender_other_payloads_and_errors(emu_bot):
    emu, bot = emu_bot
    user = TgUser(emu, USER, language_code="ru")
    handled = []

    class Relay:
        async def send(self, chat_id, payload):
            handled.append((chat_id, payload["op"]))
            return 42

    sender = TelegramSender(bot, handlers={"operators": Relay()})
    assert await sender.send(USER, {"via": "operators", "op": "post"}) == 42
    assert handled == [(USER, "post")]
    with pytest.raises(PermanentError):
        await sender.send(USER, {"via": "nobody"})

    first = await sender.send(USER, {"lang": "ru", "parts": [{"key": "Привет", "raw": True}]})
    copied = await sender.send(USER, {"call": {"method": "copyMessage", "params": {
        "chat_id": USER, "from_chat_id": USER, "message_id": first}}})
    assert copied and copied != first
    assert len(user.bot_messages()) == 2

    with pytest.raises(Blocked):
        await sender.send(999_999, {"lang": "ru", "parts": [{"key": "x", "raw": True}]})
    emu.fail("sendMessage", 1, status=400, description="Bad Request: can't parse entities")
    with pytest.raises(PermanentError):
        await sender.send(USER, {"lang": "ru", "parts": [{"key": "x", "raw": True}]})
    emu.block(USER)
    with pytest.raises(Blocked):
        await sender.send(USER, {"lang": "ru", "parts": [{"key": "x", "raw": True}]})


async def test_daily_report_to_the_staff_chat_once_a_day(tmp_path):
    # 11:00 in Almaty yesterday: in the past, so the worker (real clock) sends at once.
    yesterday = datetime.now(UTC) - timedelta(days=1)
    base = yesterday.replace(hour=6, minute=0, second=0, microsecond=0)
    clock = {"now": base}
    async with running_bot(tmp_path, knowledge=Holder(StaffKB())) as stack:
        emu, db, services = stack.emu, stack.db, stack.services
        emu.group(STAFF_CHAT, "Staff")
        services.settings.staff_chat_id = STAFF_CHAT
        overdue = await make_application(db, services.storage, owner_id=USER,
                                         now=base - timedelta(days=40))
        services.clock = lambda: clock["now"]
        sleeps: list[float] = []

        async def fake_sleep(seconds: float) -> None:
            sleeps.append(seconds)
            if len(sleeps) >= 4:
                raise asyncio.CancelledError
            clock["now"] += timedelta(seconds=seconds)

        worker = services.extra["outbox_worker"]
        with pytest.raises(asyncio.CancelledError):
            await daily_report_job(services, worker=worker, sleep=fake_sleep)
        await wait_for(lambda: len(texts_to(emu, STAFF_CHAT)) == 2, what="two reports")
        first, second = texts_to(emu, STAFF_CHAT)
        day1 = base.strftime("%d.%m.%Y")
        day2 = (base + timedelta(days=1)).strftime("%d.%m.%Y")
        assert f"Отчёт о сроках на {day1}" in first and overdue in first
        assert "Просрочены" in first and "Айгүл" not in first and "9507" not in first
        assert f"Отчёт о сроках на {day2}" in second and overdue in second
        # 11:00 at start (at once), then 60 s, then until 09:00 the next day, then 60 s.
        assert sleeps[0] == 60.0 and sleeps[2] == 60.0
        assert timedelta(seconds=sleeps[1]) == timedelta(hours=21, minutes=59)
        # A second run on the same day adds nothing (one row per chat and day).
        with pytest.raises(asyncio.CancelledError):
            sleeps.clear()
            await daily_report_job(services, worker=worker, sleep=fake_sleep)
        await asyncio.sleep(0.5)
        assert len(texts_to(emu, STAFF_CHAT)) == 2
