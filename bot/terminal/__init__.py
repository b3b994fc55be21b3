"""The terminal chat: the applicant's experience without Telegram, over the same dialogs.

``python run_bot.py chat [--lang kk|ru] [--user ID] [--script FILE]``. Nothing on this path
imports aiogram.
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from bot.terminal.cli import main as cli_main

    return cli_main(argv)


__all__ = ["main"]
