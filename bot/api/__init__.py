"""Back-office HTTP API: ``POST /api/v1/applications/{number}/status``,
``GET /api/v1/applications/{number}``, ``GET /api/v1/openapi.json``.

Run it standalone (``python run_bot.py api``) or mount it on the webhook server with
:func:`setup_api`. Tokens: ``python run_bot.py tokens create|list|revoke``.
"""

from bot.api.app import create_api_app, create_api_subapp, setup_api

__all__ = ["create_api_app", "create_api_subapp", "setup_api"]
