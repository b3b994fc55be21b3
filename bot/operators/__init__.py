"""Telegram side of the operators' feature: the group relay (outbox sender) and background jobs.

``setup_operators(bot, services)`` (called once by the composition root, before the outbox
worker starts) registers :class:`bot.operators.sender.OperatorSender` as the outbox handler for
``"via": "operators"`` rows, the group-administrator check used to recognise operators, and
starts the reminder loop and the knowledge-cache watcher; it returns the tasks to cancel.
"""

from __future__ import annotations

from typing import Any


def setup_operators(bot: Any, services: Any, *, stop: Any = None, **kwargs: Any) -> list[Any]:
    from bot.operators.setup import setup_operators as setup

    return setup(bot, services, stop=stop, **kwargs)
