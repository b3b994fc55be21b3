"""Assembles the dialogs for a transport: the flows registered in ``dialogs.registry``.

``dialogs/registry.py`` (owned by the dialogs engineers) decides which flows exist and in which
order, and which commands go into Telegram's menu; the transports only call it.
"""

from __future__ import annotations

from typing import Any

from dialogs.engine import Dialogs


def build_dialogs(services: Any) -> Dialogs:
    from dialogs.registry import build_dialogs as build

    return build(services)


def bot_commands(dialogs: Dialogs) -> list[tuple[str, str]]:
    """(command, English description msgid) pairs for the Telegram command menu."""
    from dialogs.registry import bot_commands as commands

    return commands(dialogs)
