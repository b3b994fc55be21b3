"""The whole bot (aiogram, dispatcher, adapter, outbox worker) against the Bot API emulator, for
the staff and notification scenarios. Built with the composition root's own factories."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.outbox import Limits
from tests.e2e.emulator import TOKEN, BotAPIEmulator

FAST = Limits(backoff_base=0.05, backoff_max=0.5, poll_interval=0.05, private_interval=0.0)


@dataclass
class Stack:
    emu: BotAPIEmulator
    runtime: Any
    app: Any
    task: asyncio.Task[Any]

    @property
    def db(self) -> Any:
        return self.runtime.db

    @property
    def services(self) -> Any:
        return self.runtime.services


def settings_for(data_dir: Path, emu: BotAPIEmulator, **overrides: Any) -> Any:
    from domain.settings import load_settings

    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "telegram_api_base": emu.base_url,
        "data_dir": data_dir,
        "database_url": "",
        "admin_ids": "",
        "operator_ids": "",
        "redis_url": "",
        "webhook_url": "",
        "_env_file": None,
    }
    values.update(overrides)
    return load_settings(**values)


@contextlib.asynccontextmanager
async def running_bot(
    data_dir: Path, *, knowledge: Any, limits: Limits | None = FAST, **overrides: Any
) -> AsyncIterator[Stack]:
    from bot.factory import build_bot, build_bot_app, run_polling
    from bot.runtime import prepare

    emu = BotAPIEmulator()
    await emu.start()
    settings = settings_for(data_dir, emu, **overrides)
    runtime = await prepare(settings, knowledge=knowledge)
    if limits is not None:
        runtime.services.extra["outbox_limits"] = limits
    bot = build_bot(settings)
    app = build_bot_app(runtime, bot, set_menu=False)
    task = asyncio.create_task(run_polling(app, handle_signals=False, polling_timeout=1))
    try:
        await wait_for(lambda: app.workers or task.done(), what="the bot's start-up")
        if task.done():
            task.result()  # start-up failed: raise its error here
        yield Stack(emu, runtime, app, task)
    finally:
        with contextlib.suppress(Exception):
            await app.dp.stop_polling()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, 10)
        await bot.session.close()
        await runtime.close()
        await emu.close()


async def wait_for(predicate: Any, timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def texts_to(emu: BotAPIEmulator, chat_id: int) -> list[str]:
    """Texts the bot delivered to ``chat_id`` (successful sendMessage calls only)."""
    return [
        str(c.params.get("text"))
        for c in emu.calls
        if c.method.lower() == "sendmessage" and c.status == 200
        and int(c.params.get("chat_id", 0)) == chat_id
    ]


def send_attempts(emu: BotAPIEmulator, chat_id: int) -> list[int]:
    return [
        c.status
        for c in emu.calls
        if c.method.lower() == "sendmessage" and int(c.params.get("chat_id", 0)) == chat_id
    ]
