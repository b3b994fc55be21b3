"""``python run_bot.py chat``: options, composition (the bot's runtime minus Telegram), run."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

DEFAULT_USER = 1

USAGE = """python run_bot.py chat [--lang kk|ru] [--user ID] [--script FILE] [--now ISO]

Talk to the assistant in the terminal, over the same dialogs as the Telegram bot, on the
embedded defaults (SQLite and files under DATA_DIR). Type text, a button number, /commands,
/file PATH to send a document, /contact PHONE to share a phone number; Ctrl-D or /quit ends.
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="run_bot.py chat", usage=USAGE)
    parser.add_argument(
        "--lang",
        choices=("kk", "ru"),
        help="the language your 'Telegram app' suggests (preselected in the language choice)",
    )
    parser.add_argument("--user", type=int, default=DEFAULT_USER, help="your user id (default 1)")
    parser.add_argument(
        "--script",
        metavar="FILE",
        help="read one input per line from FILE ('-' for stdin) and print the transcript",
    )
    parser.add_argument(
        "--keep-state",
        action="store_true",
        help="with --script: use DATA_DIR and continue the user's saved conversation "
        "(by default a script runs on a fresh temporary database, so transcripts are stable)",
    )
    parser.add_argument(
        "--now",
        type=datetime.fromisoformat,
        metavar="ISO",
        help="fixed current time, e.g. 2026-03-02T10:00:00+05:00 (stable transcripts)",
    )
    return parser.parse_args(argv)


def fixed_clock(now: datetime | None) -> Callable[[], datetime] | None:
    if now is None:
        return None
    if now.tzinfo is None:
        raise SystemExit("run_bot.py chat: --now needs a time zone, e.g. +05:00")
    return lambda: now


async def run(args: argparse.Namespace, data_dir: Path | None) -> int:
    from bot.app import build_dialogs
    from bot.runtime import prepare
    from bot.terminal.chat import TerminalChat, prompt_lines, script_lines
    from bot.terminal.session import ChatSession
    from domain.settings import load_settings

    settings = load_settings()
    if data_dir is not None:
        # A fresh database and file store; the knowledge cache stays where it is (no rebuild).
        settings = load_settings(
            data_dir=data_dir,
            database_url="",
            redis_url="",
            knowledge_cache=settings.kb_cache_path.resolve(),
        )
    clock = fixed_clock(args.now)
    runtime = await (prepare(settings, clock=clock) if clock else prepare(settings))
    try:
        dialogs = build_dialogs(runtime.services)
        session = ChatSession(
            dialogs, runtime.services, runtime.db, user_id=args.user, language_hint=args.lang
        )
        history = settings.data_dir / "terminal" / f"user-{args.user}.json"
        if args.script:
            chat = TerminalChat(session, history=history, echo=True)
            await chat.run(script_lines(args.script))
        else:
            chat = TerminalChat(session, history=history)
            await chat.start()
            await chat.run(prompt_lines())
    finally:
        await runtime.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.script and args.script != "-" and not Path(args.script).is_file():
        print(f"run_bot.py chat: no such script file: {args.script}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:  # pragma: no cover - not on every platform
        pass
    try:
        if args.script and not args.keep_state:
            with tempfile.TemporaryDirectory(prefix="chat-script-") as tmp:
                return asyncio.run(run(args, Path(tmp)))
        return asyncio.run(run(args, None))
    except KeyboardInterrupt:  # Ctrl-C while the bot was answering: leave quietly
        print()
        return 130
    except BrokenPipeError:  # the transcript's reader went away (e.g. piped into `head`)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
