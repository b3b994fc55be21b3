"""The bot's command menu (setMyCommands) in Kazakh and Russian, set at start-up.

Commands come from the registered flows (``dialogs.registry.bot_commands``) as
(command, English description msgid) pairs.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.types import BotCommand

from bot.app import bot_commands
from bot.i18n import translate
from dialogs.core import Msg
from dialogs.engine import Dialogs
from domain.i18n import DEFAULT_LANG, LANGUAGES

log = logging.getLogger(__name__)


def menu_commands(dialogs: Dialogs) -> list[tuple[str, str]]:
    return bot_commands(dialogs)


def localised_commands(dialogs: Dialogs, lang: str) -> list[BotCommand]:
    return [
        BotCommand(command=command, description=translate(Msg(description), lang)[:256])
        for command, description in menu_commands(dialogs)
    ]


async def set_commands(bot: Bot, dialogs: Dialogs) -> None:
    """Register the command menu for kk and ru users and the default (for other languages)."""
    if not menu_commands(dialogs):
        return
    for lang in LANGUAGES:
        await bot.set_my_commands(localised_commands(dialogs, lang), language_code=lang)
    await bot.set_my_commands(localised_commands(dialogs, DEFAULT_LANG))
    log.info("command menu set in %s", ", ".join(LANGUAGES))
