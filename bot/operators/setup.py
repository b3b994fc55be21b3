"""Wiring of the operators' relay into a running bot (see ``bot.operators``)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot

from bot.operators.sender import OperatorSender, membership_check
from dialogs.operators.common import config
from dialogs.operators.jobs import remind_unanswered

log = logging.getLogger(__name__)

HANDLERS_KEY = "outbox_handlers"
VIA = "operators"


def register(bot: Bot, services: Any) -> OperatorSender:
    sender = OperatorSender(bot, services)
    services.extra.setdefault(HANDLERS_KEY, {})[VIA] = sender
    cfg = config(services)
    if cfg.chat_id is not None and cfg.group_admins_are_operators:
        services.extra["operator_membership"] = membership_check(bot, cfg.chat_id)
    return sender


async def reminder_loop(services: Any, interval: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await remind_unanswered(services)
        except asyncio.CancelledError:
            raise
        except Exception:  # keep the loop alive; the next round retries
            log.exception("ticket reminder round failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass


def setup_operators(
    bot: Bot,
    services: Any,
    *,
    reminder_interval: float = 60.0,
    kb_watch_interval: float | None = None,
    stop: asyncio.Event | None = None,
) -> list[asyncio.Task]:
    register(bot, services)
    stop = stop or asyncio.Event()
    tasks = [
        asyncio.create_task(
            reminder_loop(services, reminder_interval, stop), name="operators-reminders"
        )
    ]
    holder = services.knowledge
    if kb_watch_interval is None:
        kb_watch_interval = float(getattr(services.settings, "kb_watch_seconds", 5.0) or 0)
    if kb_watch_interval > 0 and hasattr(holder, "watch"):
        tasks.append(asyncio.create_task(holder.watch(kb_watch_interval, stop), name="kb-watch"))
    return tasks
