"""The whole bot (real dispatcher, adapter, outbox worker, operators' relay) against the Bot API
emulator, for the operators' end-to-end tests."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.factory import BotApp, build_bot, build_bot_app, run_polling
from bot.runtime import prepare
from domain.kb_holder import KnowledgeHolder
from domain.operators.models import Ticket
from domain.settings import load_settings
from tests.e2e.emulator import TOKEN, BotAPIEmulator
from tests.e2e.harness import until

FORUM = -1009876543210
PLAIN = -4005
OPERATOR = 5001
STRANGER = 6001
ADMIN = 9001


@dataclass
class Stack:
    emu: BotAPIEmulator
    app: BotApp
    task: asyncio.Task

    @property
    def services(self) -> Any:
        return self.app.services

    async def tickets(self) -> list[Ticket]:
        async with self.services.sessionmaker() as s:
            return list((await s.scalars(sa.select(Ticket).order_by(Ticket.id))).all())

    def group_messages(self, chat_id: int, thread_id: int | None = None) -> list[dict]:
        messages = self.emu.timelines[chat_id].messages.values()
        return [
            m
            for m in messages
            if m.get("from", {}).get("id") == self.emu.bot_id
            and "forum_topic_created" not in m
            and (thread_id is None or m.get("message_thread_id") == thread_id)
        ]

    def live_topics(self, chat_id: int) -> list[Any]:
        return [t for t in self.emu.topics[chat_id].values() if not t.deleted]


async def start_stack(
    tmp_path: Path, kb_cache: Path, *, group: int, forum: bool, holder: Any = None
) -> Stack:
    emu = BotAPIEmulator()
    await emu.start()
    emu.group(group, forum=forum)
    settings = load_settings(
        bot_token=TOKEN,
        telegram_api_base=emu.base_url,
        data_dir=tmp_path,
        database_url="",
        operator_chat_id=group,
        operator_ids=str(OPERATOR),
        admin_ids=str(ADMIN),
        operator_hours="mon-sun 00:00-24:00",
        _env_file=None,
    )
    holder = holder or KnowledgeHolder.for_paths(cache_path=kb_cache)
    runtime = await prepare(settings, knowledge=holder)
    bot = build_bot(settings)
    app = build_bot_app(runtime, bot, set_menu=False)
    task = asyncio.create_task(run_polling(app, handle_signals=False, polling_timeout=1))
    await until(lambda: any(c.method == "getUpdates" for c in emu.calls), what="polling")
    worker = app.services.extra.get("outbox_worker")
    if worker is not None:  # poll the outbox often: tests wait for its deliveries
        worker.limits = dataclasses.replace(worker.limits, poll_interval=0.1)
    return Stack(emu, app, task)


async def stop_stack(stack: Stack) -> None:
    # Background jobs without a stop signal would hold the shutdown for its grace period.
    for worker in stack.app.workers:
        worker.cancel()
    try:
        await stack.app.dp.stop_polling()
    except RuntimeError:
        pass
    try:
        await asyncio.wait_for(stack.task, 10)
    except (TimeoutError, asyncio.CancelledError):
        stack.task.cancel()
    await stack.app.bot.session.close()
    await stack.app.runtime.close()
    await stack.emu.close()
