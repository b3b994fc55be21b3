"""Command line of the back-office API, reached through ``run_bot.py``:

    python run_bot.py api                                  # serve the API on WEB_HOST:WEB_PORT
    python run_bot.py tokens create NAME [--scope S1,S2]   # prints the new token ONCE
    python run_bot.py tokens list
    python run_bot.py tokens revoke NAME

Only the SHA-256 of a token is stored; a lost token is revoked and a new one created.
Exit codes: 0 done, 1 refused (name taken, unknown name), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from domain.logs import configure_logging

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run_bot.py", add_help=True)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("api", help="serve the back-office HTTP API on WEB_HOST:WEB_PORT")
    tokens = sub.add_parser("tokens", help="manage API client tokens")
    actions = tokens.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a client and print its token once")
    create.add_argument("name")
    create.add_argument(
        "--scope",
        default=None,
        help="comma-separated service ids this client may access (default: all services)",
    )
    actions.add_parser("list", help="list clients (never their tokens)")
    revoke = actions.add_parser("revoke", help="revoke a client's token")
    revoke.add_argument("name")
    return parser


async def _tokens(args: argparse.Namespace, settings: Any, out: TextIO) -> int:
    from bot.runtime import prepare
    from domain.applications import tokens
    from domain.applications.errors import ApplicationError

    runtime = await prepare(settings, load_knowledge_now=False)
    try:
        async with runtime.db.unit() as session:
            if args.action == "create":
                scope = [s.strip() for s in (args.scope or "").split(",") if s.strip()] or None
                try:
                    client, plain = await tokens.create_token(session, args.name, scope=scope)
                except ApplicationError as exc:
                    print(f"error: {exc.code}: {args.name}", file=sys.stderr)
                    return 1
                print(plain, file=out)
                print(
                    f"# token of client {client.name!r}; store it now, it is not shown again",
                    file=sys.stderr,
                )
                return 0
            if args.action == "revoke":
                try:
                    await tokens.revoke_token(session, args.name)
                except ApplicationError as exc:
                    print(f"error: {exc.code}: {args.name}", file=sys.stderr)
                    return 1
                print(f"revoked {args.name}", file=out)
                return 0
            for client in await tokens.list_tokens(session):
                state = "revoked" if client.revoked_at else "active"
                used = client.last_used_at.isoformat() if client.last_used_at else "-"
                print(
                    f"{client.name}\t{state}\tscope={client.scope or '*'}\t"
                    f"created={client.created_at.isoformat()}\tlast_used={used}",
                    file=out,
                )
            return 0
    finally:
        await runtime.close()


async def serve_api(settings: Any, *, stop: asyncio.Event | None = None) -> None:
    """Run the standalone API until ``stop`` is set (or SIGTERM/SIGINT)."""
    from aiohttp import web

    from bot.api.app import create_api_app
    from bot.runtime import prepare

    runtime = await prepare(settings)
    runner = web.AppRunner(create_api_app(runtime.services), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    await site.start()
    log.info("API listening on http://%s:%s/api/v1", settings.web_host, settings.web_port)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix
            pass
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await runtime.close()


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """``argv`` as after ``run_bot.py``: ``["api"]`` or ``["tokens", "create", "NAME"]``."""
    from domain.settings import ConfigError, load_settings

    out = out or sys.stdout
    try:
        args = _parser().parse_args(list(argv if argv is not None else sys.argv[1:]))
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        settings = load_settings()
    except (ConfigError, ValueError) as exc:
        print(f"configuration error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    if args.command == "tokens":
        return asyncio.run(_tokens(args, settings, out))
    configure_logging(str(settings.log_level))
    asyncio.run(serve_api(settings))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
