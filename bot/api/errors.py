"""JSON errors of the back-office API: a stable ``code`` per failure, never a stack trace.

Every response that is not a success has the body ``{"error": {"code": str, "message": str}}``
(plus ``details`` for body validation). Codes are part of the API contract (see the OpenAPI
document); messages are English, for developers, and may change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# code -> (HTTP status, default message)
ERRORS: dict[str, tuple[int, str]] = {
    "unauthorized": (401, "A bearer token is required (Authorization: Bearer <token>)."),
    "invalid_token": (401, "The bearer token is not valid."),
    "token_revoked": (403, "The bearer token has been revoked."),
    "forbidden_scope": (403, "This client may not access applications of this service."),
    "application_not_found": (404, "No application has this number."),
    "not_found": (404, "No such endpoint."),
    "method_not_allowed": (405, "This method is not allowed on this endpoint."),
    "transition_not_allowed": (409, "The status graph does not allow this change now."),
    "body_too_large": (413, "The request body is too large."),
    "invalid_body": (422, "The request body is malformed."),
    "reason_required": (422, "A refusal needs a reason."),
    "items_required": (422, "A request for documents must name the missing checklist items."),
    "unknown_items": (422, "Some requested items are not checklist items of this application."),
    "internal_error": (500, "Internal error. It has been logged."),
}


class ApiError(Exception):
    def __init__(self, code: str, message: str | None = None, **extra: Any) -> None:
        status, default = ERRORS[code]
        super().__init__(code)
        self.code = code
        self.status = status
        self.message = message or default
        self.extra = extra


def error_response(code: str, message: str | None = None, **extra: Any) -> web.Response:
    status, default = ERRORS[code]
    body: dict[str, Any] = {"code": code, "message": message or default}
    body.update(extra)
    headers = {"WWW-Authenticate": 'Bearer realm="api"'} if status == 401 else None
    return web.json_response({"error": body}, status=status, headers=headers)


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn every failure inside the API into a JSON error with a stable code."""
    try:
        return await handler(request)
    except ApiError as exc:
        return error_response(exc.code, exc.message, **exc.extra)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error_response(_HTTP_CODES.get(exc.status, "invalid_body"))
    except Exception:
        # The traceback goes to the log (no request body: it may hold personal data).
        log.exception("API error on %s %s", request.method, request.rel_url.path)
        return error_response("internal_error")
