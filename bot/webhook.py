"""Webhook mode: aiogram's aiohttp helpers (SimpleRequestHandler, setup_application).

Telegram posts updates to WEBHOOK_URL with the secret token header; the handler answers at once
and processes the update in the background. The back-office HTTP API, when installed
(``bot.api.app.setup_api(web_app, services)``), is served by the same aiohttp application.
"""

from __future__ import annotations

import importlib
import logging
import secrets
from typing import TYPE_CHECKING, Any

from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

if TYPE_CHECKING:
    from bot.factory import BotApp

log = logging.getLogger(__name__)


def attach_api(web_app: web.Application, services: Any) -> bool:
    """Mount the back-office API (``bot.api.app.setup_api``) when this build has it."""
    try:
        module = importlib.import_module("bot.api.app")
    except ModuleNotFoundError as exc:
        if exc.name and "bot.api.app".startswith(exc.name):
            return False
        raise
    setup = getattr(module, "setup_api", None)
    if setup is None:
        return False
    setup(web_app, services)
    return True


def build_web_app(app: BotApp) -> web.Application:
    from bot.factory import stop_workers

    settings = app.settings
    # Without a configured secret, a random one per run still keeps strangers out.
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    web_app = web.Application()

    async def finish_in_hand(_: web.Application) -> None:
        # Runs before the request handler closes the bot session.
        await app.inflight.wait_idle(settings.shutdown_grace)
        await stop_workers(app)

    web_app.on_shutdown.append(finish_in_hand)
    SimpleRequestHandler(dispatcher=app.dp, bot=app.bot, secret_token=secret).register(
        web_app, path=settings.webhook_path
    )
    setup_application(web_app, app.dp, bot=app.bot)

    async def set_webhook(_: web.Application) -> None:
        await app.bot.set_webhook(
            settings.webhook_url,
            secret_token=secret,
            allowed_updates=app.dp.resolve_used_update_types(),
            drop_pending_updates=False,
        )
        log.info("webhook registered")

    web_app.on_startup.append(set_webhook)
    if attach_api(web_app, app.services):
        log.info("HTTP API attached to the webhook server")
    return web_app
