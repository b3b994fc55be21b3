"""aiogram Message / CallbackQuery -> ``dialogs.core.Event``.

What a flow can use becomes an event (command, text, file, contact, button). Media the bot does
not take (stickers, voice, video, locations, ...) and over-long texts become an ``Unsupported``
reason for a localised hint; service messages (members joining, topics created) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from aiogram import Bot
from aiogram.enums import ContentType
from aiogram.types import CallbackQuery, Message

from dialogs.core import Event, IncomingFile

MAX_TEXT = 4000  # longer texts are refused with a hint (the 10,000-character case)
CHUNK = 64 * 1024

_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", re.S)

# Content a person sends on purpose that no flow takes: answered with a hint.
HINTED = frozenset(
    {
        ContentType.STICKER,
        ContentType.VOICE,
        ContentType.VIDEO,
        ContentType.VIDEO_NOTE,
        ContentType.AUDIO,
        ContentType.ANIMATION,
        ContentType.LOCATION,
        ContentType.VENUE,
        ContentType.POLL,
        ContentType.DICE,
        ContentType.GAME,
        ContentType.STORY,
        ContentType.CONTACT,
        ContentType.PAID_MEDIA,
    }
)


@dataclass(frozen=True)
class Unsupported:
    reason: str  # "media" | "too_long" | "foreign_contact"
    length: int = 0


def file_opener(bot: Bot, file_id: str) -> Callable[[], AsyncIterator[bytes]]:
    """Streams a Telegram file in chunks (getFile, then the file URL); never whole in memory."""

    async def open_file() -> AsyncIterator[bytes]:
        file = await bot.get_file(file_id)
        if not file.file_path:
            raise FileNotFoundError("Telegram returned no file path")
        if bot.session.api.is_local:
            import aiofiles  # type: ignore[import-untyped]  # ships with aiogram

            async with aiofiles.open(file.file_path, "rb") as fh:
                while chunk := await fh.read(CHUNK):
                    yield chunk
            return
        url = bot.session.api.file_url(bot.token, file.file_path)
        async for chunk in bot.session.stream_content(url=url, chunk_size=CHUNK, timeout=120):
            yield chunk

    return open_file


def _files(bot: Bot, message: Message) -> list[IncomingFile]:
    if message.document is not None:
        doc = message.document
        return [
            IncomingFile(
                file_id=doc.file_id,
                file_name=doc.file_name,
                size=doc.file_size,
                mime=doc.mime_type,
                kind="document",
                media_group_id=message.media_group_id,
                caption=message.caption,
                unique_id=doc.file_unique_id,
                opener=file_opener(bot, doc.file_id),
            )
        ]
    if message.photo:
        photo = message.photo[-1]  # the largest size
        return [
            IncomingFile(
                file_id=photo.file_id,
                file_name=None,
                size=photo.file_size,
                mime="image/jpeg",
                kind="photo",
                media_group_id=message.media_group_id,
                caption=message.caption,
                unique_id=photo.file_unique_id,
                opener=file_opener(bot, photo.file_id),
            )
        ]
    return []


def chat_type(value: object) -> str:
    return str(getattr(value, "value", value))


def _base(message: Message) -> dict:
    user = message.from_user
    assert user is not None
    return {
        "user_id": user.id,
        "chat_id": message.chat.id,
        "language_hint": user.language_code,
        "first_name": user.first_name,
        "chat_type": chat_type(message.chat.type),
        "message_id": message.message_id,
        "thread_id": message.message_thread_id if message.is_topic_message else None,
        "reply_to_message_id": (
            message.reply_to_message.message_id
            if message.reply_to_message is not None
            # In a forum, a plain message in a topic "replies" to the topic's first message.
            and message.reply_to_message.message_id != message.message_thread_id
            else None
        ),
    }


def message_event(
    bot: Bot, message: Message, album: list[Message] | None, bot_username: str | None
) -> Event | Unsupported | None:
    """The event for ``message`` (or the whole album), an ``Unsupported`` reason, or None."""
    if message.from_user is None or message.from_user.is_bot:
        return None
    base = _base(message)
    if album:
        files = [f for m in album for f in _files(bot, m)]
        caption = next((m.caption for m in album if m.caption), None) or ""
        return Event(kind="file", files=files, text=caption, **base)
    if message.text is not None:
        text = message.text
        match = _COMMAND.match(text.strip())
        if match:
            mention = match.group(2)
            if mention and bot_username and mention.lower() != bot_username.lower():
                return None  # a command for another bot in a group
            return Event(
                kind="command",
                command=match.group(1).lower(),
                args=(match.group(3) or "").strip(),
                text=text,
                **base,
            )
        if len(text) > MAX_TEXT:
            return Unsupported("too_long", len(text))
        return Event(kind="text", text=text, **base)
    files = _files(bot, message)
    if files:
        return Event(kind="file", files=files, text=message.caption or "", **base)
    if message.contact is not None:
        if message.contact.user_id == message.from_user.id:
            return Event(kind="contact", contact_phone=message.contact.phone_number, **base)
        return Unsupported("foreign_contact")
    if message.content_type in HINTED:
        return Unsupported("media")
    return None  # service messages: members, topics, pins, ...


def callback_event(query: CallbackQuery) -> Event | None:
    if not query.data:
        return None
    message = query.message if isinstance(query.message, Message) else None
    chat = query.message.chat if query.message is not None else None
    return Event(
        kind="button",
        action=query.data,
        user_id=query.from_user.id,
        chat_id=chat.id if chat is not None else query.from_user.id,
        language_hint=query.from_user.language_code,
        first_name=query.from_user.first_name,
        chat_type=chat_type(chat.type) if chat is not None else "private",
        message_id=query.message.message_id if query.message is not None else None,
        thread_id=(
            message.message_thread_id if message is not None and message.is_topic_message else None
        ),
    )
