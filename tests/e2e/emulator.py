"""A Telegram Bot API emulator for tests: an aiohttp server on 127.0.0.1 (random port).

The bot under test talks to it through ``TELEGRAM_API_BASE`` with its own HTTP client, exactly as
it would talk to api.telegram.org. The emulator keeps chats, messages, files and topics, records
every call (``calls``), delivers updates by long polling (``getUpdates``) or by posting them to a
webhook (with the secret header), and can be told to fail a method N times (429 with
``retry_after``, 502, 403). Tests act as users with ``tests.e2e.client.TgUser``.

Implemented methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage,
editMessageText, editMessageReplyMarkup, answerCallbackQuery, setMyCommands, deleteMyCommands,
sendDocument, sendPhoto, copyMessage, forwardMessage, getFile (+ ``/file/bot<token>/<path>``),
createForumTopic, editForumTopic, closeForumTopic, reopenForumTopic, deleteForumTopic,
sendChatAction, getChatMember, getChat, deleteMessage, close, logOut.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.e2e.emulator_methods import BotApiMethods

TOKEN = "123456789:AAEmulatorTokenForTestsOnly_abcdefghij"
BOT_ID = int(TOKEN.split(":")[0])

# Fields aiogram sends as plain strings; everything else is JSON (numbers, bools, objects).
STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "name",
        "description",
        "secret_token",
        "url",
        "title",
        "parse_mode",
        "emoji",
        "icon_custom_emoji_id",
        "language_code",
        "action",
        "business_connection_id",
        "inline_message_id",
        "short_description",
        "file_id",
        "message_effect_id",
        "chat_id",
        "from_chat_id",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "icon_color",
    }
)


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes]
    at: float
    status: int = 200  # the HTTP status the emulator answered
    done: bool = False  # the answer was produced (set after any injected delay)


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None = None
    html: bool = False


@dataclass
class ChatInfo:
    id: int
    type: str  # private | group | supergroup
    title: str | None = None
    is_forum: bool = False
    first_name: str | None = None
    username: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.first_name:
            data["first_name"] = self.first_name
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass
class StoredFile:
    file_id: str
    unique_id: str
    data: bytes
    size: int
    path: str


@dataclass
class Topic:
    thread_id: int
    name: str
    closed: bool = False
    deleted: bool = False


@dataclass
class Timeline:
    """What a chat shows: every message, plus the order of sends and edits by the bot."""

    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    bot_events: list[tuple[str, int]] = field(default_factory=list)  # ("send"|"edit", message_id)


def _tg_error(status: int, description: str, **parameters: Any) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


class ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


class BotAPIEmulator(BotApiMethods):
    """State and transport; the Bot API methods themselves are in ``BotApiMethods``."""

    def __init__(
        self,
        token: str = TOKEN,
        *,
        username: str = "kz_licence_test_bot",
        first_name: str = "Licence Assistant",
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":")[0])
        self.me = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": True,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.chats: dict[int, ChatInfo] = {}
        self.timelines: dict[int, Timeline] = defaultdict(Timeline)
        self.topics: dict[int, dict[int, Topic]] = defaultdict(dict)
        self.members: dict[tuple[int, int], str] = {}
        self.blocked: set[int] = set()
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.webhook: dict[str, Any] | None = None
        self.webhook_responses: list[int] = []
        self._failures: dict[str, list[Failure]] = defaultdict(list)
        self._delays: dict[str, list[float]] = defaultdict(list)
        self._pending: list[dict[str, Any]] = []
        self._forced: list[dict[str, Any]] = []  # redeliveries that ignore the offset
        self._update_ids = itertools.count(1000)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(
            lambda: itertools.count(1)
        )
        self._file_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self._webhook_tasks: set[asyncio.Task[Any]] = set()
        self.port = 0
        self.closing = False

    # ------------------------------------------------------------------ lifecycle
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    async def close(self) -> None:
        self.closing = True  # long polls in progress return at once
        async with self._changed:
            self._changed.notify_all()
        for task in list(self._webhook_tasks):
            task.cancel()
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    # ------------------------------------------------------------------ failures
    def fail(
        self,
        method: str,
        times: int = 1,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        description: str | None = None,
        html: bool = False,
    ) -> None:
        """The next ``times`` calls of ``method`` fail (429 Too Many Requests by default)."""
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                502: "Bad Gateway",
                403: "Forbidden: bot was blocked by the user",
                400: "Bad Request",
            }.get(status, "Error")
        failure = Failure(status, description, retry_after if status == 429 else None, html)
        self._failures[method.lower()].extend([failure] * times)

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` are answered only after ``seconds``."""
        self._delays[method.lower()].extend([seconds] * times)

    def block(self, user_id: int) -> None:
        """The user blocked the bot: sending to them answers 403."""
        self.blocked.add(user_id)

    # ------------------------------------------------------------------ chats
    def private_chat(self, user: dict[str, Any]) -> ChatInfo:
        chat = self.chats.get(user["id"])
        if chat is None:
            chat = self.chats[user["id"]] = ChatInfo(
                user["id"], "private", first_name=user.get("first_name")
            )
        return chat

    def group(self, chat_id: int, title: str = "Operators", *, forum: bool = False) -> ChatInfo:
        chat = self.chats[chat_id] = ChatInfo(
            chat_id, "supergroup" if forum or chat_id < -(10**12) else "group", title, forum
        )
        self.members[(chat_id, self.bot_id)] = "administrator"
        return chat

    def set_member(self, chat_id: int, user_id: int, status: str = "member") -> None:
        self.members[(chat_id, user_id)] = status

    def new_message_id(self, chat_id: int) -> int:
        return next(self._message_ids[chat_id])

    def add_topic(self, chat_id: int, name: str) -> Topic:
        thread_id = self.new_message_id(chat_id)
        topic = Topic(thread_id, name)
        self.topics[chat_id][thread_id] = topic
        self.timelines[chat_id].messages[thread_id] = {
            "message_id": thread_id,
            "date": int(time.time()),
            "chat": self.chats[chat_id].as_dict(),
            "from": self.me,
            "message_thread_id": thread_id,
            "is_topic_message": True,
            "forum_topic_created": {"name": name, "icon_color": 7322096},
        }
        return topic

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        self.topics[chat_id][thread_id].deleted = True

    # ------------------------------------------------------------------ files
    def store_file(self, data: bytes, *, size: int | None = None, ext: str = "bin") -> StoredFile:
        n = next(self._file_ids)
        unique = "U" + hashlib.sha256(data).hexdigest()[:15]
        stored = StoredFile(
            f"F{n:06d}x{unique}",
            unique,
            data,
            len(data) if size is None else size,
            f"documents/file_{n}.{ext}",
        )
        self.files[stored.file_id] = stored
        return stored

    # ------------------------------------------------------------------ updates
    def inject(self, update: dict[str, Any]) -> dict[str, Any]:
        """Deliver an update (by webhook when one is set, else to getUpdates)."""
        update.setdefault("update_id", next(self._update_ids))
        for kind in ("message", "edited_message"):
            message = update.get(kind)
            if message is not None:
                self.timelines[message["chat"]["id"]].messages[message["message_id"]] = message
        if self.webhook is not None:
            task = asyncio.get_running_loop().create_task(self._post_webhook(update))
            self._webhook_tasks.add(task)
            task.add_done_callback(self._webhook_tasks.discard)
        else:
            self._pending.append(update)
            self._notify()
        return update

    def redeliver(self, update: dict[str, Any]) -> None:
        """Deliver the same update (same update_id) again, as Telegram does after a lost ack."""
        if self.webhook is not None:
            self.inject(dict(update))
        else:
            self._forced.append(update)
            self._notify()

    def next_update_id(self) -> int:
        return next(self._update_ids)

    async def _post_webhook(self, update: dict[str, Any]) -> None:
        assert self.webhook is not None
        if self._client is None:
            self._client = aiohttp.ClientSession()
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        async with self._client.post(self.webhook["url"], json=update, headers=headers) as resp:
            await resp.read()
            self.webhook_responses.append(resp.status)

    def _notify(self) -> None:
        async def notify() -> None:
            async with self._changed:
                self._changed.notify_all()

        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(notify())

    async def wait_changed(self, timeout: float) -> None:
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)

    # ------------------------------------------------------------------ HTTP
    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        raw: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            raw = await request.json()
            return raw, files
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.filename:  # type: ignore[union-attr]
                    files[part.name] = await part.read()  # type: ignore[union-attr]
                    raw.setdefault(f"__filename__{part.name}", part.filename)  # type: ignore
                else:
                    raw[part.name] = await part.text()  # type: ignore[union-attr]
        else:
            raw = dict(await request.post()) if request.method == "POST" else {}
        raw.update(request.query)
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if not isinstance(value, str):
                params[key] = value
            elif key in INT_FIELDS and value.lstrip("-").isdigit():
                params[key] = int(value)
            elif key in STRING_FIELDS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params, files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _tg_error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await self._params(request)
        call = Call(method, params, files, time.monotonic())
        self.calls.append(call)
        delays = self._delays.get(method.lower())
        if delays:
            await asyncio.sleep(delays.pop(0))
        try:
            return await self._answer(call, method, params, files)
        finally:
            call.done = True

    async def _answer(
        self, call: Call, method: str, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.StreamResponse:
        queue = self._failures.get(method.lower())
        if queue:
            failure = queue.pop(0)
            call.status = failure.status
            self._notify()
            if failure.html:
                return web.Response(
                    status=failure.status,
                    text="<html>502 Bad Gateway</html>",
                    content_type="text/html",
                )
            extra = {"retry_after": failure.retry_after} if failure.retry_after else {}
            return _tg_error(failure.status, failure.description, **extra)
        handler = getattr(self, f"m_{method.lower()}", None)
        if handler is None:
            call.status = 404
            return _tg_error(404, "Not Found: method not found")
        try:
            result = await handler(params, files)
        except ApiError as exc:
            call.status = exc.status
            self._notify()
            return _tg_error(exc.status, exc.description)
        self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        stored = next((f for f in self.files.values() if f.path == path), None)
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")
