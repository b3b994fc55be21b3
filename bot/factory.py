"""Builds the Telegram side: Bot (with TELEGRAM_API_BASE), Dispatcher, middlewares, adapter.

``build_bot_app(runtime, bot)`` wires one bot around a prepared ``Runtime`` (``bot.runtime``);
``run_polling`` / ``run_webhook`` serve it until SIGTERM/SIGINT, finishing the update in hand.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import signal
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation

from bot.adapter import TelegramAdapter
from bot.app import build_dialogs
from bot.commands import set_commands
from bot.fsm_storage import build_storage
from bot.messenger import TelegramMessenger
from bot.middlewares import AlbumCollector, InFlight, UnitOfWork, UserContextLoader
from bot.runtime import Runtime
from dialogs.common.optional import optional_attr
from dialogs.engine import Dialogs
from domain import updates
from domain.settings import Settings

log = logging.getLogger(__name__)

# Background jobs other packages contribute: (module, function); each function is called as
# ``fn(bot, services, ...)`` once the dispatcher starts and returns the asyncio tasks it started.
# Order matters: the operators' outbox handler must exist before the outbox worker starts.
BACKGROUND: tuple[tuple[str, str], ...] = (
    ("bot.operators", "setup_operators"),
    ("bot.notify", "start_notifications"),
)


def build_bot(settings: Settings) -> Bot:
    token = settings.require_token()
    api = TelegramAPIServer.from_base(
        settings.telegram_api_base, is_local=settings.telegram_api_local
    )
    return Bot(
        token,
        session=AiohttpSession(api=api),
        default=DefaultBotProperties(link_preview_is_disabled=True),
    )


@dataclass
class BotApp:
    runtime: Runtime
    bot: Bot
    dp: Dispatcher
    dialogs: Dialogs
    adapter: TelegramAdapter
    messenger: TelegramMessenger
    inflight: InFlight
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    workers: list[asyncio.Task[Any]] = field(default_factory=list)
    # Tasks that end by themselves when ``stop`` is set; the others are cancelled at shutdown.
    stoppable: set[asyncio.Task[Any]] = field(default_factory=set)

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def services(self) -> Any:
        return self.runtime.services


def build_bot_app(
    runtime: Runtime,
    bot: Bot,
    *,
    storage: BaseStorage | None = None,
    dialogs: Dialogs | None = None,
    set_menu: bool = True,
) -> BotApp:
    settings, db, services = runtime.settings, runtime.db, runtime.services
    # One conversation's updates run one at a time and in order (aiogram's per-key lock, taken
    # in arrival order before the state is read).
    dp = Dispatcher(
        storage=storage or build_storage(settings, db), events_isolation=SimpleEventIsolation()
    )
    messenger = TelegramMessenger(bot, services.storage)
    services.extra["messenger"] = messenger
    services.extra["bot"] = bot
    dialogs = dialogs or build_dialogs(services)
    adapter = TelegramAdapter(dialogs, services, messenger, db)
    inflight = InFlight()
    # Albums are gathered before aiogram's FSM middleware takes the conversation's lock (the
    # other items of an album would wait behind it), so it is moved after the collector.
    dp.update.outer_middleware.unregister(dp.fsm)
    dp.update.outer_middleware(inflight)
    dp.update.outer_middleware(AlbumCollector(settings.album_debounce))
    dp.update.outer_middleware(dp.fsm)
    dp.update.outer_middleware(UnitOfWork(db))
    dp.update.outer_middleware(UserContextLoader())
    dp.include_router(adapter.router)
    app = BotApp(runtime, bot, dp, dialogs, adapter, messenger, inflight)

    async def on_startup(**_: Any) -> None:
        if set_menu:
            try:
                await set_commands(bot, dialogs)
            except Exception as exc:  # the menu is cosmetic: never block start-up on it
                log.warning("setMyCommands failed: %s", exc)
        start_workers(app)

    async def on_shutdown(**_: Any) -> None:
        await inflight.wait_idle(settings.shutdown_grace)
        await stop_workers(app)

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return app


async def prune_processed_updates(app: BotApp, every: float = 6 * 3600) -> None:
    """Forget processed update ids older than PROCESSED_UPDATES_KEEP_DAYS, every few hours."""
    keep = timedelta(days=app.settings.processed_updates_keep_days)
    while not app.stop.is_set():
        with suppress(TimeoutError):
            await asyncio.wait_for(app.stop.wait(), every)
            return
        try:
            async with app.runtime.db.unit() as session:
                pruned = await updates.prune(session, keep)
            log.info("pruned %d processed update id(s)", pruned)
        except Exception:  # the next round retries
            log.exception("pruning processed updates failed")


def start_workers(app: BotApp) -> None:
    """Start the background jobs (outbox worker, operators' queue, reminders, KB watcher)."""
    if app.workers:
        return
    app.stop.clear()
    prune = asyncio.create_task(prune_processed_updates(app), name="prune-updates")
    app.workers.append(prune)
    app.stoppable.add(prune)
    for module_name, attr in BACKGROUND:
        start = optional_attr(module_name, attr)
        if start is None:
            continue
        takes_stop = "stop" in inspect.signature(start).parameters
        tasks = start(app.bot, app.services, **({"stop": app.stop} if takes_stop else {})) or []
        app.workers.extend(tasks)
        if takes_stop:
            app.stoppable.update(tasks)
        log.info("background jobs started: %s.%s (%d task(s))", module_name, attr, len(tasks))


async def stop_workers(app: BotApp, timeout: float = 5.0) -> None:
    app.stop.set()
    if not app.workers:
        return
    for task in app.workers:
        if task not in app.stoppable:
            task.cancel()
    done, pending = await asyncio.wait(app.workers, timeout=timeout)
    for task in pending:
        task.cancel()
    for task in pending:
        with suppress(asyncio.CancelledError, Exception):
            await task
    for task in done:
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed: %r", task.get_name(), task.exception())
    app.workers.clear()
    app.stoppable.clear()


# ---------------------------------------------------------------------- serving
async def run_polling(
    app: BotApp, *, handle_signals: bool = True, polling_timeout: int = 25
) -> None:
    await app.bot.delete_webhook(drop_pending_updates=False)
    await app.dp.start_polling(
        app.bot,
        handle_signals=handle_signals,
        polling_timeout=polling_timeout,
        allowed_updates=app.dp.resolve_used_update_types(),
    )


async def run_webhook(app: BotApp, *, handle_signals: bool = True) -> None:
    from aiohttp import web

    from bot.webhook import build_web_app

    web_app = build_web_app(app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, app.settings.web_host, app.settings.web_port)
    await site.start()
    log.info(
        "webhook server on %s:%s%s",
        app.settings.web_host,
        app.settings.web_port,
        app.settings.webhook_path,
    )
    stop = asyncio.Event()
    if handle_signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
    app.runtime.services.extra["stop_server"] = stop
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
