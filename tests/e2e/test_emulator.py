"""The Bot API emulator answers aiogram's real client like Telegram does."""

from __future__ import annotations

import io

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from tests.e2e.client import TgUser


@pytest.fixture
async def bot(emulator):
    api = TelegramAPIServer.from_base(emulator.base_url)
    bot = Bot(emulator.token, session=AiohttpSession(api=api))
    yield bot
    await bot.session.close()


async def test_messages_edits_and_limits(bot, emulator):
    user = TgUser(emulator, 1)
    me = await bot.get_me()
    assert me.username == "kz_licence_test_bot"
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="x:a")]]
    )
    sent = await bot.send_message(user.chat_id, "hello", reply_markup=markup)
    assert user.last().actions == ["x:a"]
    await bot.edit_message_text("bye", chat_id=user.chat_id, message_id=sent.message_id)
    assert user.last().text == "bye" and user.last().edited
    with pytest.raises(TelegramBadRequest, match="not modified"):
        await bot.edit_message_text("bye", chat_id=user.chat_id, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="too long"):
        await bot.send_message(user.chat_id, "x" * 4097)
    bad = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="x" * 65)]]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user.chat_id, "hi", reply_markup=bad)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "nobody")


async def test_updates_offsets_and_webhook_conflict(bot, emulator):
    user = TgUser(emulator, 2)
    first = user.send_text("one")
    user.send_text("two")
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates] == ["one", "two"]
    updates = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    assert [u.message.text for u in updates] == ["two"]
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == []
    await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s")
    with pytest.raises(TelegramConflictError):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()


async def test_files_round_trip(bot, emulator):
    user = TgUser(emulator, 3)
    update = user.send_document(b"%PDF-1.4 data", "a.pdf")
    file_id = update["message"]["document"]["file_id"]
    file = await bot.get_file(file_id)
    buffer = io.BytesIO()
    await bot.download_file(file.file_path, buffer)
    assert buffer.getvalue() == b"%PDF-1.4 data"
    big = user.send_document(b"x", "big.pdf", size=21 * 1024 * 1024)
    with pytest.raises(TelegramBadRequest, match="too big"):
        await bot.get_file(big["message"]["document"]["file_id"])
    sent = await bot.send_document(user.chat_id, BufferedInputFile(b"receipt", "r.pdf"))
    assert emulator.files[sent.document.file_id].data == b"receipt"
    copied = await bot.copy_message(user.chat_id, user.chat_id, sent.message_id)
    assert user.last().document["file_id"] == sent.document.file_id
    assert copied.message_id == user.last().message_id


async def test_topics_members_and_failures(bot, emulator):
    plain = emulator.group(-500, "Plain")
    forum = emulator.group(-1001, "Forum", forum=True)
    with pytest.raises(TelegramBadRequest, match="not a forum"):
        await bot.create_forum_topic(plain.id, "T")
    topic = await bot.create_forum_topic(forum.id, "T-1")
    await bot.send_message(forum.id, "in topic", message_thread_id=topic.message_thread_id)
    await bot.close_forum_topic(forum.id, topic.message_thread_id)
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await bot.send_message(forum.id, "x", message_thread_id=topic.message_thread_id)
    emulator.delete_topic(forum.id, topic.message_thread_id)
    with pytest.raises(TelegramBadRequest, match="thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=topic.message_thread_id)
    emulator.set_member(forum.id, 77, "administrator")
    assert (await bot.get_chat_member(forum.id, 77)).status == "administrator"
    assert (await bot.get_chat_member(forum.id, 78)).status == "left"

    user = TgUser(emulator, 4)
    emulator.fail("sendMessage", 1, status=429, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as exc:
        await bot.send_message(user.chat_id, "x")
    assert exc.value.retry_after == 3
    emulator.fail("sendMessage", 1, status=502)
    with pytest.raises(TelegramServerError):
        await bot.send_message(user.chat_id, "x")
    emulator.fail("sendMessage", 1, status=502, html=True)
    with pytest.raises(ClientDecodeError):
        await bot.send_message(user.chat_id, "x")
    emulator.block(user.id)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(user.chat_id, "x")
    assert [c.status for c in emulator.calls if c.method == "sendMessage"][-4:] == [
        429,
        502,
        502,
        403,
    ]
