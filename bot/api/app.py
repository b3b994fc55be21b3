"""The back-office HTTP API (aiohttp): routes, wiring and the two ways to run it.

- standalone: :func:`create_api_app` (``python run_bot.py api`` on WEB_HOST:WEB_PORT);
- inside the webhook server: :func:`setup_api` mounts the same routes under ``/api/v1`` on the
  webhook's ``web.Application``, so one process serves both.

Each request is one unit of work (``services.extra["db"].unit()``: one transaction, serialised
writers on SQLite); nothing is changed when a request fails.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.api.auth import authenticate, require_scope
from bot.api.errors import ApiError, json_errors
from bot.api.openapi import openapi_document
from bot.api.schema import MAX_BODY_BYTES, application_json, parse_status_change
from dialogs.services import unit_of_work as unit

log = logging.getLogger(__name__)

PREFIX = "/api/v1"
SERVICES_KEY: web.AppKey[Any] = web.AppKey("services", object)

# domain error code -> API error code
_DOMAIN_CODES = {
    "not_found": "application_not_found",
    "forbidden_transition": "transition_not_allowed",
    "reason_required": "reason_required",
    "items_required": "items_required",
    "unknown_status": "invalid_body",
    "comment_required": "invalid_body",
}


# --------------------------------------------------------------------------- helpers
def _now(services: Any) -> datetime:
    from datetime import UTC

    clock = getattr(services, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


def _today(services: Any, now: datetime) -> date:
    tz = getattr(services.settings, "timezone", "Asia/Almaty") or "Asia/Almaty"
    return now.astimezone(ZoneInfo(tz)).date()


def _kb(services: Any) -> Any:
    holder = getattr(services, "knowledge", None)
    try:
        return holder.get() if hasattr(holder, "get") else holder
    except Exception:
        log.warning("knowledge base unavailable for the API", exc_info=True)
        return None


def _domain_error(exc: Exception) -> ApiError:
    code = _DOMAIN_CODES.get(getattr(exc, "code", ""), "invalid_body")
    params = {k: v for k, v in (getattr(exc, "params", None) or {}).items() if k != "comment"}
    return ApiError(code, **({"details": params} if params else {}))


async def _load(session: Any, request: web.Request) -> tuple[Any, Any]:
    from domain.applications import queries

    client = await authenticate(session, request, _now(request.app[SERVICES_KEY]))
    app = await queries.get_by_number(session, request.match_info["number"])
    if app is None:
        raise ApiError("application_not_found")
    require_scope(client, app.service_id)
    return client, app


async def _view(session: Any, app: Any, services: Any, now: datetime) -> dict[str, Any]:
    from domain.applications import queries, status

    events = await queries.history(session, app.id)
    allowed = list(status.allowed_transitions(app.status, "staff"))
    return application_json(app, events=events, allowed=allowed, today=_today(services, now))


# --------------------------------------------------------------------------- handlers
async def get_application(request: web.Request) -> web.Response:
    services = request.app[SERVICES_KEY]
    async with unit(services) as session:
        _client, app = await _load(session, request)
        body = await _view(session, app, services, _now(services))
    return web.json_response(body)


async def post_status(request: web.Request) -> web.Response:
    from domain.applications import status
    from domain.applications.errors import ApplicationError
    from domain.applications.status import Actor
    from domain.status.items import application_items, pick_items

    services = request.app[SERVICES_KEY]
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise ApiError("body_too_large")
    async with unit(services) as session:
        client, app = await _load(session, request)
        raw = await request.content.read(MAX_BODY_BYTES + 1)
        if len(raw) > MAX_BODY_BYTES:
            raise ApiError("body_too_large")
        change = parse_status_change(raw)
        items = None
        if change.status == "needs_documents":
            if not change.items:
                raise ApiError("items_required")
            available = application_items(_kb(services), app)
            items, unknown = pick_items(available, change.items)
            if unknown:
                raise ApiError(
                    "unknown_items", details={"unknown": unknown,
                                              "available": [i["id"] for i in available]}
                )
        now = _now(services)
        try:
            await status.change_status(
                session,
                app,
                change.status,
                actor=Actor.api(client.name),
                comment=change.comment or None,
                reason=change.reason or None,
                items=items,
                now=now,
            )
        except ApplicationError as exc:
            raise _domain_error(exc) from exc
        body = await _view(session, app, services, now)
    log.info("api client %s moved %s to %s", client.name, app.number, change.status)
    return web.json_response(body)


async def get_openapi(request: web.Request) -> web.Response:
    return web.json_response(openapi_document())


# --------------------------------------------------------------------------- wiring
def create_api_subapp(services: Any) -> web.Application:
    """The API's routes (relative to ``/api/v1``) with JSON errors, as an aiohttp sub-app."""
    api = web.Application(middlewares=[json_errors], client_max_size=MAX_BODY_BYTES)
    api[SERVICES_KEY] = services
    api.router.add_get("/openapi.json", get_openapi)
    api.router.add_get("/applications/{number}", get_application)
    api.router.add_post("/applications/{number}/status", post_status)
    return api


def setup_api(app: web.Application, services: Any) -> web.Application:
    """Mount the API under ``/api/v1`` on an existing aiohttp app (the webhook server)."""
    sub = create_api_subapp(services)
    app.add_subapp(PREFIX, sub)
    return sub


async def _health(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def create_api_app(services: Any) -> web.Application:
    """A standalone aiohttp app serving only the API (and ``/healthz``)."""
    app = web.Application(middlewares=[json_errors])
    app.router.add_get("/healthz", _health)
    setup_api(app, services)
    return app
