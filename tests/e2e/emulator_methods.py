"""Bot API methods of the emulator (``tests.e2e.emulator.BotAPIEmulator`` mixes them in).

Each ``m_<method>(params, files)`` returns the ``result`` Telegram would return, or raises
``ApiError`` with Telegram's status and description.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.e2e.emulator import BotAPIEmulator as _Base
else:
    _Base = object

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_DOWNLOAD = 20 * 1024 * 1024


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class BotApiMethods(_Base):
    # ------------------------------------------------------------------ helpers
    def _error(self, status: int, description: str) -> Exception:
        from tests.e2e.emulator import ApiError

        return ApiError(status, description)

    def _chat(self, params: dict[str, Any], key: str = "chat_id") -> Any:
        chat_id = params.get(key)
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        chat = self.chats.get(chat_id)  # type: ignore[arg-type]
        if chat is None:
            raise self._error(400, "Bad Request: chat not found")
        if chat.id in self.blocked:
            raise self._error(403, "Forbidden: bot was blocked by the user")
        return chat

    def _check_thread(self, chat: Any, params: dict[str, Any]) -> int | None:
        thread_id = params.get("message_thread_id")
        if thread_id is None:
            return None
        if not chat.is_forum:
            return None  # Telegram ignores it outside forums
        topic = self.topics[chat.id].get(thread_id)
        if topic is None or topic.deleted:
            raise self._error(400, "Bad Request: message thread not found")
        if topic.closed:
            raise self._error(400, "Bad Request: TOPIC_CLOSED")
        return thread_id

    def _check_markup(self, markup: Any) -> None:
        if not isinstance(markup, dict):
            return
        for row in markup.get("inline_keyboard", []) or []:
            for button in row:
                data = button.get("callback_data")
                if data is not None and len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
                    raise self._error(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise self._error(400, "Bad Request: text buttons are unallowed")

    def _new_bot_message(
        self, chat: Any, params: dict[str, Any], content: dict[str, Any]
    ) -> dict[str, Any]:
        thread_id = self._check_thread(chat, params)
        self._check_markup(params.get("reply_markup"))
        message_id = self.new_message_id(chat.id)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat.as_dict(),
            "from": self.me,
            **content,
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        # Keep the reply keyboard on the record (not part of Telegram's Message) for tests.
        message["_reply_markup"] = markup
        timeline = self.timelines[chat.id]
        timeline.messages[message_id] = message
        timeline.bot_events.append(("send", message_id))
        return {k: v for k, v in message.items() if not k.startswith("_")}

    def _file_input(
        self, params: dict[str, Any], files: dict[str, bytes], field: str
    ) -> tuple[Any, str | None]:
        value = params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            key = value[len("attach://") :]
            data = files.get(key, b"")
            return self.store_file(data), params.get(f"__filename__{key}")
        if isinstance(value, str) and value in self.files:
            return self.files[value], None
        raise self._error(400, "Bad Request: wrong file identifier/HTTP URL specified")

    # ------------------------------------------------------------------ bot / updates
    async def m_getme(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return self.me

    async def m_close(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return True

    async def m_logout(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return True

    async def m_getupdates(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        if self.webhook is not None:
            raise self._error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset is not None:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        deadline = time.monotonic() + min(timeout, 30)
        while (
            not self._pending
            and not self._forced
            and not self.closing
            and time.monotonic() < deadline
        ):
            await self.wait_changed(max(0.01, deadline - time.monotonic()))
        batch = (self._forced + self._pending)[:limit]
        self._forced = []
        return batch

    async def m_setwebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        url = params.get("url") or ""
        if not url:
            self.webhook = None
            return True
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        pending, self._pending = self._pending, []
        for update in pending:
            self.inject(update)
        return True

    async def m_deletewebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._pending = []
        return True

    async def m_getwebhookinfo(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    async def m_setmycommands(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.commands[params.get("language_code") or ""] = params.get("commands") or []
        return True

    async def m_deletemycommands(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.commands.pop(params.get("language_code") or "", None)
        return True

    # ------------------------------------------------------------------ messages
    async def m_sendmessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        text = params.get("text") or ""
        if not text.strip():
            raise self._error(400, "Bad Request: message text is empty")
        if _utf16_len(text) > MAX_TEXT:
            raise self._error(400, "Bad Request: message is too long")
        return self._new_bot_message(chat, params, {"text": text})

    async def m_editmessagetext(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        text = params.get("text") or ""
        if _utf16_len(text) > MAX_TEXT:
            raise self._error(400, "Bad Request: MESSAGE_TOO_LONG")
        message = self.timelines[chat.id].messages.get(params.get("message_id"))  # type: ignore
        if message is None:
            raise self._error(400, "Bad Request: message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise self._error(400, "Bad Request: message can't be edited")
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise self._error(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        message["text"] = text
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        self.timelines[chat.id].bot_events.append(("edit", message["message_id"]))
        return {k: v for k, v in message.items() if not k.startswith("_")}

    async def m_editmessagereplymarkup(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> Any:
        chat = self._chat(params)
        message = self.timelines[chat.id].messages.get(params.get("message_id"))  # type: ignore
        if message is None:
            raise self._error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        self._check_markup(markup)
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        self.timelines[chat.id].bot_events.append(("edit", message["message_id"]))
        return {k: v for k, v in message.items() if not k.startswith("_")}

    async def m_deletemessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        message_id = params.get("message_id")
        removed = self.timelines[chat.id].messages.pop(message_id, None)  # type: ignore[arg-type]
        if removed is None:
            raise self._error(400, "Bad Request: message to delete not found")
        return True

    async def m_answercallbackquery(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        query_id = params.get("callback_query_id") or ""
        if query_id in self.callback_answers:
            raise self._error(400, "Bad Request: query is too old and response timeout expired")
        self.callback_answers[query_id] = params
        return True

    async def m_sendchataction(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self._chat(params)
        return True

    async def m_senddocument(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        stored, filename = self._file_input(params, files, "document")
        caption = params.get("caption")
        if caption and _utf16_len(caption) > MAX_CAPTION:
            raise self._error(400, "Bad Request: message caption is too long")
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": stored.size,
            "file_name": filename or "document",
        }
        content: dict[str, Any] = {"document": document}
        if caption:
            content["caption"] = caption
        return self._new_bot_message(chat, params, content)

    async def m_sendphoto(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        stored, _ = self._file_input(params, files, "photo")
        content: dict[str, Any] = {"photo": [self.photo_size(stored)]}
        if params.get("caption"):
            content["caption"] = params["caption"]
        return self._new_bot_message(chat, params, content)

    async def m_copymessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        target = self._chat(params)
        source_chat = self._chat(params, "from_chat_id")
        messages = self.timelines[source_chat.id].messages
        source = messages.get(params.get("message_id"))  # type: ignore[arg-type]
        if source is None:
            raise self._error(400, "Bad Request: message to copy not found")
        content = {
            k: v
            for k, v in source.items()
            if k in ("text", "caption", "document", "photo", "contact", "sticker")
        }
        if "caption" in params:
            content["caption"] = params["caption"]
        message = self._new_bot_message(target, params, content)
        return {"message_id": message["message_id"]}

    async def m_forwardmessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        result = await self.m_copymessage(params, files)
        message = self.timelines[self._chat(params).id].messages[result["message_id"]]
        return {k: v for k, v in message.items() if not k.startswith("_")}

    # ------------------------------------------------------------------ files
    async def m_getfile(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        stored = self.files.get(params.get("file_id") or "")
        if stored is None:
            raise self._error(400, "Bad Request: invalid file_id")
        if stored.size > MAX_DOWNLOAD:
            raise self._error(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": stored.size,
            "file_path": stored.path,
        }

    # ------------------------------------------------------------------ chats and topics
    async def m_getchat(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        gifts = {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        }
        return {
            **chat.as_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,  # required by aiogram's ChatFullInfo
        }

    async def m_getchatmember(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        user_id = params.get("user_id")
        status = self.members.get((chat.id, user_id), "left")  # type: ignore[arg-type]
        user = {"id": user_id, "is_bot": user_id == self.bot_id, "first_name": f"User {user_id}"}
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        if status == "administrator":
            member.update(
                {
                    flag: True
                    for flag in (
                        "can_be_edited",
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories",
                        "can_manage_topics",
                        "can_pin_messages",
                        "can_send_welcome_messages",
                    )
                },
                is_anonymous=False,
            )
        return member

    async def m_createforumtopic(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = self._chat(params)
        if not chat.is_forum:
            raise self._error(400, "Bad Request: the chat is not a forum")
        name = params.get("name") or ""
        if not 1 <= len(name) <= 128:
            raise self._error(400, "Bad Request: TOPIC_TITLE_EMPTY")
        topic = self.add_topic(chat.id, name)
        return {"message_thread_id": topic.thread_id, "name": name, "icon_color": 7322096}

    def _topic(self, params: dict[str, Any]) -> Any:
        chat = self._chat(params)
        topic = self.topics[chat.id].get(params.get("message_thread_id"))  # type: ignore
        if topic is None or topic.deleted:
            raise self._error(400, "Bad Request: message thread not found")
        return topic

    async def m_editforumtopic(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        topic = self._topic(params)
        if params.get("name"):
            topic.name = params["name"]
        return True

    async def m_closeforumtopic(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        topic = self._topic(params)
        if topic.closed:
            raise self._error(400, "Bad Request: TOPIC_NOT_MODIFIED")
        topic.closed = True
        return True

    async def m_reopenforumtopic(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        topic = self._topic(params)
        if not topic.closed:
            raise self._error(400, "Bad Request: TOPIC_NOT_MODIFIED")
        topic.closed = False
        return True

    async def m_deleteforumtopic(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self._topic(params).deleted = True
        return True

    # ------------------------------------------------------------------ shapes
    @staticmethod
    def photo_size(stored: Any, width: int = 1280, height: int = 960) -> dict[str, Any]:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "width": width,
            "height": height,
            "file_size": stored.size,
        }
