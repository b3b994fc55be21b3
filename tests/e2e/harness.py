"""Runs the real bot (Dispatcher, middlewares, adapter, dialogs) in-process against the emulator,
by long polling or by webhook, through ``TELEGRAM_API_BASE`` like a deployment would."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from bot.factory import BotApp, build_bot, build_bot_app, run_polling, run_webhook
from bot.runtime import prepare
from domain.settings import Settings
from tests.e2e.emulator import BotAPIEmulator


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def until(predicate: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what or predicate}")


def bot_settings(settings: Settings, emu: BotAPIEmulator, **overrides: Any) -> Settings:
    values = {"bot_token": emu.token, "telegram_api_base": emu.base_url, **overrides}
    return settings.model_copy(update=values)


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings,
    emu: BotAPIEmulator,
    *,
    knowledge: Any,
    mode: str = "polling",
    storage: Any = None,
    set_menu: bool = True,
    dialogs: Any = None,
    **settings_overrides: Any,
) -> AsyncIterator[BotApp]:
    """The bot serving ``emu`` until the block ends (then a clean shutdown)."""
    overrides: dict[str, Any] = dict(settings_overrides)
    if mode == "webhook":
        port = free_port()
        overrides |= {
            "webhook_url": f"http://127.0.0.1:{port}/tg/webhook",
            "webhook_secret": "test-secret",
            "web_host": "127.0.0.1",
            "web_port": port,
        }
    settings = bot_settings(settings, emu, **overrides)
    runtime = await prepare(settings, knowledge=knowledge)
    app = build_bot_app(
        runtime, build_bot(settings), storage=storage, set_menu=set_menu, dialogs=dialogs
    )
    if mode == "webhook":
        task = asyncio.create_task(run_webhook(app, handle_signals=False))
        await until(lambda: emu.webhook is not None, what="setWebhook")
    else:
        calls_before = len(emu.calls)
        task = asyncio.create_task(run_polling(app, handle_signals=False, polling_timeout=1))
        await until(
            lambda: any(c.method == "getUpdates" for c in emu.calls[calls_before:]),
            what="getUpdates",
        )
    try:
        yield app
    finally:
        if mode == "webhook":
            app.services.extra["stop_server"].set()
        else:
            with contextlib.suppress(RuntimeError):
                await app.dp.stop_polling()
        try:
            await asyncio.wait_for(task, 15)
        finally:
            with contextlib.suppress(Exception):
                await app.bot.session.close()
            await runtime.close()
