#!/usr/bin/env python3
"""Entry point.

    python run_bot.py                 the Telegram bot (long polling; webhook when WEBHOOK_URL)
    python run_bot.py chat [...]      the same dialogs in the terminal, no token needed
    python run_bot.py api             the back-office HTTP API alone (WEB_HOST:WEB_PORT)
    python run_bot.py tokens ...      manage the HTTP API's client tokens

Before taking updates the bot applies the database migrations and loads the knowledge base
(building its cache when missing or stale). SIGTERM/SIGINT stop it after the update in hand.
"""

from __future__ import annotations

import asyncio
import sys


def _fail(message: str) -> int:
    print(f"run_bot: {message}", file=sys.stderr)
    return 2


def _delegate(module_name: str, argv: list[str]) -> int:
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return _fail(f"this build has no {module_name} (command not available)")
        raise
    entry = getattr(module, "main", None)
    if entry is not None and not callable(entry):  # a submodule named "main"
        entry = getattr(entry, "main", None)
    if entry is None:
        try:
            entry = importlib.import_module(f"{module_name}.main").main
        except ModuleNotFoundError:
            return _fail(f"{module_name} has no main()")
    return int(entry(argv) or 0)


def _settings():  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from domain.settings import load_settings

    try:
        return load_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first.get("loc", ())).upper() or "settings"
        raise SystemExit(_fail(f"{name} is invalid: {first.get('msg')}")) from None


async def _serve(settings) -> int:  # type: ignore[no-untyped-def]
    from bot.factory import build_bot, build_bot_app, run_polling, run_webhook
    from bot.runtime import prepare

    runtime = await prepare(settings)
    try:
        bot = build_bot(settings)
        app = build_bot_app(runtime, bot)
        if settings.webhook_mode:
            await run_webhook(app)
        else:
            await run_polling(app)
    finally:
        await runtime.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and not argv[0].startswith("-") else "run"
    rest = argv[1:] if argv and command == argv[0] else argv
    if command == "chat":
        return _delegate("bot.terminal", rest)
    if command in ("api", "tokens"):
        return _delegate("bot.api.cli", [command, *rest])
    if command not in ("run", "bot"):
        return _fail(f"unknown command {command!r} (expected: chat, api, tokens, or nothing)")
    if any(a in ("-h", "--help") for a in rest):
        print(__doc__)
        return 0

    from domain.settings import ConfigError

    settings = _settings()
    try:
        settings.require_token()
    except ConfigError as exc:
        return _fail(str(exc))
    from domain.logs import configure_logging

    configure_logging(settings.log_level)
    try:
        return asyncio.run(_serve(settings))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
