"""Sends views to Telegram: text chunks, inline keyboards, edits, the contact keyboard, documents.

Used by the adapter for replies and by workers/flows (through ``services.extra["messenger"]``)
for messages to other chats: operators' group topics, notifications. aiogram's exceptions
(``TelegramRetryAfter``, ``TelegramForbiddenError``, ...) propagate so queues apply their policy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BufferedInputFile,
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.i18n import translate
from bot.render import CAPTION_LIMIT, RenderedView, render_view, tg_len
from dialogs.core import Msg, View
from domain.i18n import N_

log = logging.getLogger(__name__)

SHARE_PHONE = N_("📱 Share my phone number")
SHARE_PHONE_HINT = N_("Tap the button below to share your phone number.")

T = TypeVar("T")

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def inline_keyboard(rendered: RenderedView) -> InlineKeyboardMarkup | None:
    if not rendered.buttons:
        return None
    rows = [
        [
            InlineKeyboardButton(text=b.label, url=b.url)
            if b.url
            else InlineKeyboardButton(text=b.label, callback_data=b.action)
            for b in row
        ]
        for row in rendered.buttons
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def contact_keyboard(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=translate(Msg(SHARE_PHONE), lang), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def _not_modified(exc: TelegramBadRequest) -> bool:
    return "not modified" in exc.message.lower()


class TelegramMessenger:
    """Replies are retried a few times: after 429 (waiting ``retry_after`` when it is short) and
    after 5xx / network errors (with backoff); other errors propagate at once."""

    def __init__(
        self,
        bot: Bot,
        storage: Any = None,
        *,
        attempts: int = 4,
        max_retry_after: float = 30.0,
        backoff: float = 0.5,
    ) -> None:
        self.bot = bot
        self.storage = storage  # domain.documents FileStorage, for View.document
        self.attempts = attempts
        self.max_retry_after = max_retry_after
        self.backoff = backoff

    async def call(self, make: Callable[[], Awaitable[T]]) -> T:
        """Run one Bot API call with the retry policy above."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await make()
            except TelegramRetryAfter as exc:
                if attempt == self.attempts or exc.retry_after > self.max_retry_after:
                    raise
                log.info("429 from Telegram: retrying in %ss", exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as exc:
                if attempt == self.attempts:
                    raise
                delay = self.backoff * 2 ** (attempt - 1)
                log.info("%s from Telegram: retrying in %.1fs", type(exc).__name__, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------ views
    async def send_views(
        self,
        chat_id: int,
        views: list[View],
        lang: str,
        *,
        thread_id: int | None = None,
        edit_message_id: int | None = None,
        remove_keyboard: bool = False,
    ) -> list[int]:
        sent: list[int] = []
        for view in views:
            sent += await self.send_view(
                chat_id,
                view,
                lang,
                thread_id=thread_id,
                edit_message_id=edit_message_id if view.edit else None,
                remove_keyboard=remove_keyboard,
            )
            if view.edit:
                edit_message_id = None  # only the first editing view replaces the message
            if sent:
                remove_keyboard = False
        return sent

    async def send_view(
        self,
        chat_id: int,
        view: View,
        lang: str,
        *,
        thread_id: int | None = None,
        edit_message_id: int | None = None,
        remove_keyboard: bool = False,
    ) -> list[int]:
        """Show ``view`` in ``chat_id``; returns the ids of the messages sent or edited."""
        rendered = render_view(view, lang)
        ids: list[int] = []
        chunks = rendered.chunks
        inline = inline_keyboard(rendered)
        if rendered.document:
            caption = (
                chunks[0] if len(chunks) == 1 and tg_len(chunks[0]) <= CAPTION_LIMIT else None
            )
            doc_markup = inline if caption is not None or not chunks else None
            ids.append(
                await self._send_document(
                    chat_id, rendered.document, caption, doc_markup, thread_id
                )
            )
            if caption is not None:
                chunks = []
            if doc_markup is not None:
                inline = None
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            markup: Markup = None
            if last and inline is not None:
                markup = inline
            elif last and rendered.request_contact:
                markup = contact_keyboard(lang)
            elif remove_keyboard and inline is None:
                markup = ReplyKeyboardRemove()
                remove_keyboard = False
            if (
                index == 0
                and edit_message_id is not None
                and not isinstance(markup, ReplyKeyboardMarkup | ReplyKeyboardRemove)
            ):
                edited = await self._edit(chat_id, edit_message_id, chunk, markup)
                if edited is not None:
                    ids.append(edited)
                    continue
            ids.append(await self.send_text(chat_id, chunk, markup, thread_id=thread_id))
        if rendered.request_contact and inline is not None:
            ids.append(
                await self.send_text(
                    chat_id,
                    translate(Msg(SHARE_PHONE_HINT), lang),
                    contact_keyboard(lang),
                    thread_id=thread_id,
                )
            )
        return ids

    async def send_text(
        self, chat_id: int, text: str, markup: Markup = None, *, thread_id: int | None = None
    ) -> int:
        message = await self.call(
            lambda: self.bot.send_message(
                chat_id, text, reply_markup=markup, message_thread_id=thread_id
            )
        )
        return message.message_id

    async def _edit(
        self, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> int | None:
        try:
            result = await self.call(
                lambda: self.bot.edit_message_text(
                    text=text, chat_id=chat_id, message_id=message_id, reply_markup=markup
                )
            )
        except TelegramBadRequest as exc:
            if _not_modified(exc):
                return message_id
            log.info("edit failed (%s): sending a new message", exc.message)
            return None
        return result.message_id if isinstance(result, Message) else message_id

    async def _send_document(
        self,
        chat_id: int,
        doc: dict[str, str],
        caption: str | None,
        markup: InlineKeyboardMarkup | None,
        thread_id: int | None,
    ) -> int:
        file = await self.input_file(doc)
        message = await self.call(
            lambda: self.bot.send_document(
                chat_id, file, caption=caption, reply_markup=markup, message_thread_id=thread_id
            )
        )
        return message.message_id

    async def input_file(self, doc: dict[str, str]) -> Any:
        """What to upload for ``View.document``: a Telegram file id, a stored file or a path."""
        name = doc.get("name") or "document"
        if doc.get("file_id"):
            return doc["file_id"]
        key = doc.get("key")
        if key and self.storage is not None:
            local = getattr(self.storage, "local_path", None)
            path = local(key) if local else None
            if path is not None:
                return FSInputFile(path, filename=name)
            data = b"".join([chunk async for chunk in self.storage.read(key)])
            return BufferedInputFile(data, filename=name)
        if doc.get("path"):
            return FSInputFile(doc["path"], filename=name)
        raise ValueError("View.document needs 'file_id', 'key' (with storage) or 'path'")

    # ------------------------------------------------------------------ other chats
    async def send_file(
        self,
        chat_id: int,
        doc: dict[str, str],
        *,
        caption: str | None = None,
        thread_id: int | None = None,
        photo: bool = False,
    ) -> int:
        file = await self.input_file(doc)
        if photo:
            message = await self.bot.send_photo(
                chat_id, file, caption=caption, message_thread_id=thread_id
            )
        else:
            message = await self.bot.send_document(
                chat_id, file, caption=caption, message_thread_id=thread_id
            )
        return message.message_id

    async def copy_message(
        self, chat_id: int, from_chat_id: int, message_id: int, *, thread_id: int | None = None
    ) -> int:
        result = await self.bot.copy_message(
            chat_id, from_chat_id, message_id, message_thread_id=thread_id
        )
        return result.message_id

    async def create_topic(self, chat_id: int, name: str) -> int:
        topic = await self.bot.create_forum_topic(chat_id, name[:128])
        return topic.message_thread_id

    async def edit_topic(self, chat_id: int, thread_id: int, name: str) -> None:
        await self.bot.edit_forum_topic(chat_id, thread_id, name=name[:128])

    async def close_topic(self, chat_id: int, thread_id: int) -> None:
        await self.bot.close_forum_topic(chat_id, thread_id)

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        member = await self.bot.get_chat_member(chat_id, user_id)
        return member.status in ("creator", "administrator", "member", "restricted")
