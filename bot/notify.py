"""Delivery of outbox messages through Telegram: the :class:`TelegramSender` of the OutboxWorker.

The outbox row is written in the same transaction as the change it reports (see
:mod:`domain.outbox`); the worker hands each row's payload to :meth:`TelegramSender.send`, which
renders it in the recipient's language at that moment and calls the Bot API. Telegram's answers
are mapped onto the worker's policy:

- ``TelegramRetryAfter`` (429) -> :class:`domain.outbox.RetryAfter` (wait ``retry_after``);
- ``TelegramForbiddenError`` (403: blocked, deactivated) or "chat not found" ->
  :class:`domain.outbox.Blocked` (no more retries; the user is marked blocked);
- network errors, 5xx and undecodable answers (a proxy's HTML 502) ->
  :class:`domain.outbox.TransientError` (retry with backoff);
- any other 400 -> :class:`domain.outbox.PermanentError` (the request itself is wrong).

Payload (``domain.outbox`` format): ``{"lang", "parts": [{"key", "params"}], "buttons":
[[{"label": {"key", "params"}, "action"}]]}``. A parameter ``{"kk": ..., "ru": ...}`` is picked
by language; a parameter ``{"key": ..., "params": ...}`` is a nested message. A payload
``{"call": {"method": "copyMessage", "params": {...}}}`` is a plain Bot API call (other teams'
relays use it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, methods
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.messenger import inline_keyboard
from bot.render import RenderedView, render_view
from dialogs.core import Button, Msg, View
from domain.i18n import LANGUAGES
from domain.outbox import Blocked, OutboxWorker, PermanentError, RetryAfter, TransientError

log = logging.getLogger(__name__)

_GONE_CHAT = ("chat not found", "user not found", "bot was kicked", "chat_write_forbidden")


# --------------------------------------------------------------------------- payload -> View
def _param(value: Any, lang: str) -> Any:
    if isinstance(value, Mapping):
        if "key" in value:
            return _msg(value, lang)
        if lang in value or any(code in value for code in LANGUAGES):
            other = "kk" if lang == "ru" else "ru"
            return value.get(lang) or value.get(other) or ""
    return value


def _msg(raw: Mapping[str, Any] | str, lang: str) -> Msg:
    if isinstance(raw, str):
        return Msg.text(raw)
    params = {k: _param(v, lang) for k, v in dict(raw.get("params") or {}).items()}
    return Msg(
        key=str(raw["key"]),
        params=params,
        plural=raw.get("plural"),
        n=raw.get("n"),
        raw=bool(raw.get("raw", False)),
    )


def payload_view(payload: Mapping[str, Any], lang: str) -> View:
    """The :class:`View` an outbox payload describes, its parameters resolved for ``lang``."""
    parts = [_msg(p, lang) for p in payload.get("parts") or []]
    buttons = [
        [Button(label=_msg(b["label"], lang), action=b["action"], url=b.get("url")) for b in row]
        for row in payload.get("buttons") or []
    ]
    return View(parts=parts, buttons=buttons)


def render_payload(payload: Mapping[str, Any], lang: str | None = None) -> RenderedView:
    """Render a payload as text chunks + buttons (in ``lang``, else the payload's language)."""
    lang = lang if lang in LANGUAGES else payload.get("lang")
    lang = lang if lang in LANGUAGES else "kk"
    return render_view(payload_view(payload, lang), lang)


# --------------------------------------------------------------------------- the sender
class TelegramSender:
    """:class:`domain.outbox.Sender` over an aiogram :class:`Bot`.

    ``language_of`` (optional, ``async (chat_id) -> "kk"|"ru"|None``) gives the recipient's
    current language; the payload's own ``lang`` is the fallback. ``handlers`` maps a payload's
    ``"via"`` to another feature's sender (the operators' relay registers ``"operators"``); it
    is read at send time, so handlers registered later are found. Their aiogram errors are
    mapped like ours.
    """

    def __init__(
        self, bot: Bot, *, language_of: Any = None, handlers: Mapping[str, Any] | None = None
    ) -> None:
        self.bot = bot
        self.language_of = language_of
        self.handlers = handlers if handlers is not None else {}

    async def send(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        try:
            via = payload.get("via")
            if via:
                handler = self.handlers.get(via)
                if handler is None:
                    raise PermanentError(f"no outbox handler for via={via!r}")
                return await handler.send(chat_id, payload)
            if "call" in payload:
                return await self._call(payload["call"])
            return await self._send_message(chat_id, payload)
        except TelegramRetryAfter as exc:
            raise RetryAfter(float(exc.retry_after)) from exc
        except TelegramForbiddenError as exc:
            raise Blocked(str(exc.message)) from exc
        except (TelegramBadRequest, TelegramNotFound) as exc:
            if any(marker in exc.message.lower() for marker in _GONE_CHAT):
                raise Blocked(str(exc.message)) from exc
            raise PermanentError(type(exc).__name__) from exc
        except (TelegramNetworkError, TelegramServerError, ClientDecodeError) as exc:
            raise TransientError(type(exc).__name__) from exc
        except (TimeoutError, OSError) as exc:
            raise TransientError(type(exc).__name__) from exc

    async def _language(self, chat_id: int, payload: Mapping[str, Any]) -> str:
        lang = None
        if self.language_of is not None and chat_id > 0 and not payload.get("lang_fixed"):
            try:
                lang = await self.language_of(chat_id)
            except Exception:  # the payload's language is a good answer too
                log.warning("language lookup failed for a notification", exc_info=True)
        return lang if lang in LANGUAGES else payload.get("lang") or "kk"

    async def _send_message(self, chat_id: int, payload: Mapping[str, Any]) -> int | None:
        rendered = render_payload(payload, await self._language(chat_id, payload))
        if not rendered.chunks:
            return None
        message_id = None
        last = len(rendered.chunks) - 1
        for i, chunk in enumerate(rendered.chunks):
            message = await self.bot.send_message(
                chat_id=chat_id,
                text=chunk,
                parse_mode=None,
                reply_markup=inline_keyboard(rendered) if i == last else None,
                message_thread_id=payload.get("thread_id"),
            )
            message_id = message.message_id
        return message_id

    async def _call(self, call: Mapping[str, Any]) -> int | None:
        method_cls = getattr(methods, _camel(str(call["method"])), None)
        if method_cls is None or not isinstance(method_cls, type):
            raise ValueError(f"unknown Bot API method {call['method']!r}")
        result = await self.bot(method_cls(**dict(call.get("params") or {})))
        return getattr(result, "message_id", None)


def _camel(method: str) -> str:
    """``copyMessage`` / ``copy_message`` -> ``CopyMessage`` (aiogram.methods class name)."""
    if "_" in method:
        return "".join(p.capitalize() for p in method.split("_"))
    return method[:1].upper() + method[1:]


def user_language_lookup(sessionmaker: Any) -> Any:
    """``async (chat_id) -> lang`` reading the users table (chat id = user id in private chats)."""
    from domain.users import get_language

    async def language_of(chat_id: int) -> str | None:
        async with sessionmaker() as session:
            return await get_language(session, chat_id)

    return language_of


# --------------------------------------------------------------------------- background jobs
REPORT_AT = time(9, 0)  # local time of the daily staff report


def _next_report(now: datetime, tz: ZoneInfo, at: time = REPORT_AT) -> datetime:
    local = now.astimezone(tz)
    run = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if run <= local:
        run += timedelta(days=1)
    return run


async def daily_report_job(
    services: Any,
    *,
    worker: OutboxWorker | None = None,
    at: time = REPORT_AT,
    sleep: Any = asyncio.sleep,
) -> None:
    """Once a day at ``at`` (local time), put the deadline report for STAFF_CHAT_ID into the
    outbox. A process started after ``at`` posts today's report at once. The outbox row's key
    is the chat and the date, so restarts and several processes still post it once a day."""
    from domain.status.report import enqueue_daily_report

    settings = services.settings
    chat_id = getattr(settings, "staff_chat_id", None)
    if not chat_id:
        log.info("STAFF_CHAT_ID is not set: no daily staff report")
        return
    tz = ZoneInfo(getattr(settings, "timezone", None) or "Asia/Almaty")
    lang = getattr(settings, "staff_lang", None) or "ru"
    clock = services.clock or (lambda: datetime.now(UTC))
    db = services.extra.get("db")
    first = True
    while True:
        now = clock()
        local = now.astimezone(tz)
        if not (first and local.time() >= at):
            await sleep(max(1.0, (_next_report(now, tz, at) - now).total_seconds()))
            now = clock()
        first = False
        try:
            async with db.unit() as session:
                added = await enqueue_daily_report(
                    session, chat_id=chat_id, today=now.astimezone(tz).date(), lang=lang, now=now
                )
            if added and worker is not None:
                worker.wake()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("daily staff report failed; next try tomorrow")
        await sleep(60.0)  # never twice in the same minute


def start_notifications(
    bot: Bot, services: Any, *, stop: asyncio.Event | None = None
) -> list[asyncio.Task[Any]]:
    """Start the outbox worker (notifications) and the daily staff report as background tasks
    of the bot process; cancel the returned tasks on shutdown (a row in flight is retried by the
    next worker after its lease expires, never lost). The worker is put into
    ``services.extra["outbox_worker"]`` so code that enqueues can ``wake()`` it;
    ``services.extra["outbox_limits"]`` (a :class:`domain.outbox.Limits`) overrides the limits
    (tests use short backoffs)."""
    db = services.extra.get("db") or services.sessionmaker
    sender = TelegramSender(
        bot,
        language_of=user_language_lookup(services.sessionmaker),
        handlers=services.extra.setdefault("outbox_handlers", {}),
    )
    worker = OutboxWorker(
        db, sender, clock=services.clock, limits=services.extra.get("outbox_limits")
    )
    services.extra["outbox_worker"] = worker
    stop = stop or asyncio.Event()
    return [
        asyncio.create_task(worker.run(stop), name="outbox-worker"),
        asyncio.create_task(
            _until(stop, daily_report_job(services, worker=worker)), name="staff-report"
        ),
    ]


async def _until(stop: asyncio.Event, job: Any) -> None:
    """Run ``job`` until it ends or ``stop`` is set (then cancel it)."""
    task = asyncio.ensure_future(job)
    waiter = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for pending in (task, waiter):
            pending.cancel()
        await asyncio.gather(task, waiter, return_exceptions=True)
