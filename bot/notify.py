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

import logging
from collections.abc import Mapping
from typing import Any

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
from domain.outbox import Blocked, PermanentError, RetryAfter, TransientError

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
    current language; the payload's own ``lang`` is the fallback.
    """

    def __init__(self, bot: Bot, *, language_of: Any = None) -> None:
        self.bot = bot
        self.language_of = language_of

    async def send(self, chat_id: int, payload: dict[str, Any]) -> int | None:
        try:
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
        if self.language_of is not None and chat_id > 0:
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
