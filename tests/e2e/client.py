"""Acting as Telegram users against the emulator: send texts, commands, files, albums, contacts,
stickers, press inline buttons, and read what the bot answered.

    user = TgUser(emu, 1001, language_code="ru")
    replies = await user.say("/start")          # waits for the bot's answer
    replies = await user.press("Русский")       # an inline button of the latest message
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.emulator import BotAPIEmulator

_query_ids = itertools.count(1)
_album_ids = itertools.count(1)


@dataclass
class BotMsg:
    """One message of the bot as the user sees it now (after any edits)."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[dict[str, Any]]] = field(default_factory=list)
    reply_keyboard: list[list[dict[str, Any]]] | None = None
    remove_keyboard: bool = False
    document: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    thread_id: int | None = None
    edited: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_raw(cls, message: dict[str, Any], edited: bool = False) -> BotMsg:
        markup = message.get("_reply_markup") or {}
        return cls(
            chat_id=message["chat"]["id"],
            message_id=message["message_id"],
            text=message.get("text") or message.get("caption") or "",
            buttons=(message.get("reply_markup") or {}).get("inline_keyboard", []),
            reply_keyboard=markup.get("keyboard") if isinstance(markup, dict) else None,
            remove_keyboard=bool(isinstance(markup, dict) and markup.get("remove_keyboard")),
            document=message.get("document"),
            photo=message.get("photo"),
            thread_id=message.get("message_thread_id"),
            edited=edited,
            raw=message,
        )

    @property
    def button_labels(self) -> list[str]:
        return [b["text"] for row in self.buttons for b in row]

    @property
    def actions(self) -> list[str]:
        return [b.get("callback_data", "") for row in self.buttons for b in row]

    def find_button(self, label: str | None = None, data: str | None = None) -> dict[str, Any]:
        for row in self.buttons:
            for button in row:
                if data is not None and button.get("callback_data") == data:
                    return button
                if label is not None and label.casefold() in button["text"].casefold():
                    return button
        raise AssertionError(f"no button {label or data!r} in {self.button_labels}")


class TgUser:
    def __init__(
        self,
        emu: BotAPIEmulator,
        user_id: int,
        *,
        first_name: str = "Test",
        language_code: str | None = "ru",
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> None:
        self.emu = emu
        self.id = user_id
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            self.user["language_code"] = language_code
        self.chat = emu.chats[chat_id] if chat_id is not None else emu.private_chat(self.user)
        self.thread_id = thread_id
        self.default_timeout = 8.0

    @property
    def chat_id(self) -> int:
        return self.chat.id

    def in_chat(self, chat_id: int, thread_id: int | None = None) -> TgUser:
        """The same person writing in a group (optionally inside a forum topic)."""
        other = TgUser(
            self.emu,
            self.id,
            first_name=self.user["first_name"],
            chat_id=chat_id,
            language_code=self.user.get("language_code"),
            thread_id=thread_id,
        )
        return other

    # ------------------------------------------------------------------ building updates
    def message(self, *, reply_to: int | None = None, **content: Any) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self.emu.new_message_id(self.chat_id),
            "date": int(time.time()),
            "chat": self.chat.as_dict(),
            "from": self.user,
            **content,
        }
        if self.thread_id is not None:
            message["message_thread_id"] = self.thread_id
            message["is_topic_message"] = True
            reply_to = reply_to or self.thread_id
        if reply_to is not None:
            target = self.emu.timelines[self.chat_id].messages.get(reply_to)
            if target is not None:
                message["reply_to_message"] = {
                    k: v for k, v in target.items() if not k.startswith("_")
                }
        return message

    def send_text(self, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.emu.inject({"message": self.message(reply_to=reply_to, **content)})

    def document_message(
        self,
        data: bytes,
        file_name: str,
        mime: str = "application/pdf",
        *,
        size: int | None = None,
        caption: str | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        ext = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        stored = self.emu.store_file(data, size=size, ext=ext)
        content: dict[str, Any] = {
            "document": {
                "file_id": stored.file_id,
                "file_unique_id": stored.unique_id,
                "file_name": file_name,
                "mime_type": mime,
                "file_size": stored.size,
            }
        }
        if caption:
            content["caption"] = caption
        if media_group_id:
            content["media_group_id"] = media_group_id
        return self.message(**content)

    def photo_message(
        self, data: bytes, *, caption: str | None = None, media_group_id: str | None = None
    ) -> dict[str, Any]:
        stored = self.emu.store_file(data, ext="jpg")
        thumb = self.emu.store_file(data[:64], ext="jpg")
        content: dict[str, Any] = {
            "photo": [self.emu.photo_size(thumb, 90, 67), self.emu.photo_size(stored)]
        }
        if caption:
            content["caption"] = caption
        if media_group_id:
            content["media_group_id"] = media_group_id
        return self.message(**content)

    def send_document(
        self, data: bytes, file_name: str, mime: str = "application/pdf", **kw: Any
    ) -> dict[str, Any]:
        return self.emu.inject({"message": self.document_message(data, file_name, mime, **kw)})

    def send_photo(self, data: bytes, **kw: Any) -> dict[str, Any]:
        return self.emu.inject({"message": self.photo_message(data, **kw)})

    def send_album(
        self, items: list[tuple[bytes, str, str]], caption: str | None = None
    ) -> list[dict[str, Any]]:
        """Several documents with one media_group_id, delivered as separate updates."""
        group = f"album{next(_album_ids)}"
        updates = []
        for index, (data, name, mime) in enumerate(items):
            message = self.document_message(
                data, name, mime, media_group_id=group, caption=caption if index == 0 else None
            )
            updates.append(self.emu.inject({"message": message}))
        return updates

    def send_contact(self, phone: str, *, own: bool = True) -> dict[str, Any]:
        contact = {"phone_number": phone, "first_name": self.user["first_name"]}
        contact["user_id"] = self.id if own else self.id + 1
        return self.emu.inject({"message": self.message(contact=contact)})

    def send_sticker(self) -> dict[str, Any]:
        sticker = {
            "file_id": "STK1",
            "file_unique_id": "STKU1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.emu.inject({"message": self.message(sticker=sticker)})

    def send_voice(self) -> dict[str, Any]:
        voice = {"file_id": "VOI1", "file_unique_id": "VOIU1", "duration": 3}
        return self.emu.inject({"message": self.message(voice=voice)})

    def send_location(self) -> dict[str, Any]:
        return self.emu.inject(
            {"message": self.message(location={"latitude": 51.13, "longitude": 71.43})}
        )

    def press_update(self, message: BotMsg, data: str) -> dict[str, Any]:
        query = {
            "id": f"q{next(_query_ids)}",
            "from": self.user,
            "chat_instance": f"ci{self.chat_id}",
            "message": message.raw
            and {k: v for k, v in message.raw.items() if not k.startswith("_")},
            "data": data,
        }
        return self.emu.inject({"callback_query": query})

    # ------------------------------------------------------------------ reading
    def bot_messages(self) -> list[BotMsg]:
        timeline = self.emu.timelines[self.chat_id]
        return [
            BotMsg.from_raw(m, edited="edit_date" in m)
            for m in timeline.messages.values()
            if m.get("from", {}).get("id") == self.emu.bot_id and "forum_topic_created" not in m
        ]

    def last(self, with_buttons: bool = False) -> BotMsg:
        messages = [m for m in self.bot_messages() if m.buttons or not with_buttons]
        assert messages, "the bot has not written to this chat"
        return messages[-1]

    def cursor(self) -> int:
        return len(self.emu.timelines[self.chat_id].bot_events)

    async def replies(
        self,
        cursor: int,
        *,
        timeout: float | None = None,
        quiet: float = 0.3,
        query_id: str | None = None,
    ) -> list[BotMsg]:
        """Bot messages sent or edited after ``cursor``, once the bot has gone quiet."""
        timeline = self.emu.timelines[self.chat_id]
        deadline = time.monotonic() + (timeout or self.default_timeout)
        last_len, last_change = cursor, time.monotonic()
        answered_at: float | None = None
        while time.monotonic() < deadline:
            now = time.monotonic()
            if len(timeline.bot_events) != last_len:
                last_len, last_change = len(timeline.bot_events), now
            if (
                query_id is not None
                and answered_at is None
                and query_id in self.emu.callback_answers
            ):
                answered_at = now
                last_change = max(last_change, now)
            if query_id is not None and answered_at is None:
                pass  # a pressed button is always answered: wait for it
            elif (last_len > cursor or answered_at is not None) and now - last_change >= quiet:
                break
            await asyncio.sleep(0.02)
        ids: list[int] = []
        for _, message_id in timeline.bot_events[cursor:]:
            if message_id not in ids:
                ids.append(message_id)
        return [
            BotMsg.from_raw(timeline.messages[i], edited="edit_date" in timeline.messages[i])
            for i in ids
            if i in timeline.messages
        ]

    async def say(self, text: str, **kw: Any) -> list[BotMsg]:
        cursor = self.cursor()
        self.send_text(text)
        return await self.replies(cursor, **kw)

    async def press(
        self,
        label: str | None = None,
        *,
        data: str | None = None,
        message: BotMsg | None = None,
        **kw: Any,
    ) -> list[BotMsg]:
        message = message or self.last(with_buttons=True)
        button = message.find_button(label, data)
        assert "callback_data" in button, f"{button} is not a callback button"
        cursor = self.cursor()
        update = self.press_update(message, button["callback_data"])
        return await self.replies(cursor, query_id=update["callback_query"]["id"], **kw)
