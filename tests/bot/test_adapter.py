"""The Telegram adapter through the emulator, with recording dialogs in place of the real flows:
what events the flows receive, and how views are rendered as Bot API calls."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from bot import texts
from bot.messenger import SHARE_PHONE
from dialogs.core import Button, Event, Msg, View
from domain import state_store, users
from domain.i18n import t
from tests.e2e.client import TgUser
from tests.e2e.harness import running_bot, until


class StubKB:
    def get(self) -> Any:
        return self


class Recorder:
    """Stands in for ``dialogs.engine.Dialogs``: records events, answers with ``reply``."""

    def __init__(self) -> None:
        self.flows: list[Any] = []
        self.fallback = self
        self.events: list[Event] = []
        self.contexts: list[Any] = []
        self.downloads: list[list[bytes]] = []
        self.reply: Callable[[Event, Any], list[View]] = lambda e, c: [View([Msg.text("ok")])]

    async def handle(self, event: Event, ctx: Any) -> list[View]:
        self.events.append(event)
        self.contexts.append(ctx)
        if event.files:
            contents = []
            for f in event.files:
                contents.append(b"".join([chunk async for chunk in f.opener()]))
            self.downloads.append(contents)
        return self.reply(event, ctx)


@pytest.fixture
async def bot(migrated_settings, emulator):
    recorder = Recorder()
    async with running_bot(
        migrated_settings, emulator, knowledge=StubKB(), dialogs=recorder
    ) as app:
        app.recorder = recorder
        yield app


def user_of(emulator, uid: int = 42, lang: str = "ru") -> TgUser:
    return TgUser(emulator, uid, language_code=lang)


async def test_album_is_one_event_with_all_files(bot, emulator):
    user = user_of(emulator)
    cursor = user.cursor()
    items = [(f"file {i}".encode() * 1000, f"doc{i}.pdf", "application/pdf") for i in range(3)]
    user.send_album(items, caption="устав")
    replies = await user.replies(cursor, quiet=0.8)
    assert len(replies) == 1
    assert len(bot.recorder.events) == 1
    event = bot.recorder.events[0]
    assert event.kind == "file" and event.text == "устав"
    assert [f.file_name for f in event.files] == ["doc0.pdf", "doc1.pdf", "doc2.pdf"]
    assert len({f.media_group_id for f in event.files}) == 1
    assert bot.recorder.downloads == [[data for data, _, _ in items]]


async def test_photo_document_and_contact_events(bot, emulator):
    user = user_of(emulator)
    cursor = user.cursor()
    user.send_photo(b"\xff\xd8\xff" + b"p" * 5000, caption="паспорт")
    await user.replies(cursor)
    photo = bot.recorder.events[-1]
    assert photo.kind == "file" and photo.files[0].kind == "photo"
    assert photo.files[0].caption == "паспорт" and photo.files[0].size == 5003
    assert bot.recorder.downloads[-1] == [b"\xff\xd8\xff" + b"p" * 5000]

    cursor = user.cursor()
    user.send_document(b"x", "big.pdf", size=25 * 1024 * 1024)
    await user.replies(cursor)
    assert bot.recorder.events[-1].files[0].size == 25 * 1024 * 1024

    cursor = user.cursor()
    user.send_contact("+77011234567")
    await user.replies(cursor)
    assert bot.recorder.events[-1].kind == "contact"
    assert bot.recorder.events[-1].contact_phone == "+77011234567"


@pytest.mark.parametrize(
    ("send", "msgid"),
    [
        (lambda u: u.send_sticker(), texts.UNSUPPORTED_MEDIA),
        (lambda u: u.send_voice(), texts.UNSUPPORTED_MEDIA),
        (lambda u: u.send_location(), texts.UNSUPPORTED_MEDIA),
        (lambda u: u.send_contact("+77010000000", own=False), texts.FOREIGN_CONTACT),
        (lambda u: u.send_text("слово " * 2000), texts.TOO_LONG),
    ],
)
async def test_unsupported_input_gets_a_localised_hint(bot, emulator, send, msgid):
    for lang in ("kk", "ru"):
        user = user_of(emulator, 100 + len(lang) + (lang == "kk"), lang)
        cursor = user.cursor()
        send(user)
        replies = await user.replies(cursor)
        assert len(replies) == 1
        expected = t(lang, msgid, length=12000, limit=4000)
        assert replies[0].text == expected
    assert bot.recorder.events == []


async def test_commands_text_and_state_persistence(bot, emulator, settings):
    def reply(event: Event, ctx: Any) -> list[View]:
        ctx.state.step = "demo.wait"
        ctx.state.data = {"n": len(bot.recorder.events), "items": ["a", "b"]}
        ctx.user.lang = "kk"
        return [View([Msg("Main menu")])]

    bot.recorder.reply = reply
    user = user_of(emulator, 7)
    await user.say("/start@kz_licence_test_bot deep-link")
    event = bot.recorder.events[-1]
    assert (event.kind, event.command, event.args) == ("command", "start", "deep-link")
    assert event.message_id is not None and event.language_hint == "ru"
    await user.say("привет")
    assert bot.recorder.events[-1].kind == "text"
    ctx = bot.recorder.contexts[-1]
    assert ctx.state.step == "demo.wait" and ctx.state.data["n"] == 2
    assert ctx.user.lang == "kk"
    async with bot.runtime.db.sessionmaker() as session:
        assert await users.get_language(session, 7) == "kk"
        step, data = await state_store.load(session, state_store.state_key("tg", 7, 7))
    assert step == "demo.wait" and data == {"n": 2, "items": ["a", "b"]}


async def test_long_answer_is_split_at_paragraphs_with_buttons_last(bot, emulator):
    paragraphs = [f"Абзац {i}. " + "мәтін " * 150 for i in range(12)]
    bot.recorder.reply = lambda e, c: [
        View([Msg.text("\n\n".join(paragraphs))], buttons=[[Button(Msg.text("OK"), "x:ok")]])
    ]
    user = user_of(emulator)
    replies = await user.say("вопрос")
    assert len(replies) >= 3
    assert all(len(m.text) <= 4096 for m in replies)
    assert all(m.text.startswith("Абзац") for m in replies)
    assert "\n\n".join(m.text for m in replies) == "\n\n".join(p.strip() for p in paragraphs)
    assert [bool(m.buttons) for m in replies] == [False] * (len(replies) - 1) + [True]


async def test_button_edits_its_message_and_shows_a_toast(bot, emulator):
    def reply(event: Event, ctx: Any) -> list[View]:
        if event.kind == "button":
            return [
                View(
                    [Msg.text("edited")],
                    buttons=[[Button(Msg.text("B"), "x:b")]],
                    edit=True,
                    toast=Msg("Main menu"),
                )
            ]
        return [View([Msg.text("first")], buttons=[[Button(Msg.text("A"), "x:a")]])]

    bot.recorder.reply = reply
    user = user_of(emulator, lang="kk")
    first = (await user.say("hi"))[0]
    replies = await user.press("A")
    assert len(replies) == 1 and replies[0].message_id == first.message_id
    assert replies[0].edited and replies[0].text == "edited" and replies[0].actions == ["x:b"]
    answer = next(iter(emulator.callback_answers.values()))
    assert answer["text"] == t("kk", "Main menu")
    event = bot.recorder.events[-1]
    assert (
        event.kind == "button" and event.action == "x:a" and event.message_id == first.message_id
    )
    # Pressing again with identical content: "message is not modified" is not an error.
    replies = await user.press("B")
    assert len(emulator.callback_answers) == 2 and not replies or replies[0].text == "edited"


async def test_contact_request_keyboard_and_documents(bot, emulator, settings):
    storage = bot.services.storage

    async def chunks():
        yield b"%PDF-1.4 receipt"

    async with storage.stage(chunks()) as staged:
        stored = await staged.commit()
    bot.recorder.reply = lambda e, c: [
        View([Msg.text("Share your phone")], request_contact=True),
        View([Msg.text("Your receipt")], document={"key": stored.key, "name": "receipt.pdf"}),
    ]
    user = user_of(emulator)
    replies = await user.say("go")
    keyboard = replies[0].reply_keyboard
    assert keyboard and keyboard[0][0]["request_contact"] is True
    assert keyboard[0][0]["text"] == t("ru", SHARE_PHONE)
    assert replies[1].document["file_name"] == "receipt.pdf" and replies[1].text == "Your receipt"
    call = next(c for c in emulator.calls if c.method == "sendDocument")
    assert list(call.files.values()) == [b"%PDF-1.4 receipt"]
    # After the contact arrives the reply keyboard is removed.
    bot.recorder.reply = lambda e, c: [View([Msg.text("thanks")])]
    cursor = user.cursor()
    user.send_contact("+77011234567")
    replies = await user.replies(cursor)
    assert replies[0].remove_keyboard


async def test_a_failing_flow_gets_an_apology_and_rolls_back(bot, emulator):
    def boom(event: Event, ctx: Any) -> list[View]:
        ctx.state.step = "must.not.persist"
        raise RuntimeError("flow bug")

    bot.recorder.reply = boom
    user = user_of(emulator, 55, "kk")
    replies = await user.say("hello")
    assert [m.text for m in replies] == [t("kk", texts.INTERNAL_ERROR)]
    async with bot.runtime.db.sessionmaker() as session:
        assert await state_store.get_state(session, state_store.state_key("tg", 55, 55)) is None
    bot.recorder.reply = lambda e, c: [View([Msg.text("fine")])]
    assert [m.text for m in await user.say("again")] == ["fine"]


@pytest.mark.parametrize(("status", "html"), [(429, False), (502, False), (502, True)])
async def test_replies_survive_429_and_5xx(bot, emulator, status, html):
    bot.messenger.backoff = 0.05
    emulator.fail("sendMessage", 2, status=status, retry_after=1, html=html)
    user = user_of(emulator)
    replies = await user.say("hi", timeout=10)
    assert [m.text for m in replies] == ["ok"]
    attempts = [c.status for c in emulator.calls if c.method == "sendMessage"]
    assert attempts == [status, status, 200]


async def test_blocked_user_is_marked(bot, emulator):
    user = user_of(emulator, 77)
    await user.say("hi")
    emulator.block(77)
    user.send_text("again")

    async def blocked() -> bool:
        async with bot.runtime.db.sessionmaker() as session:
            row = await users.get_user(session, 77)
            return row is not None and row.blocked_at is not None

    for _ in range(100):
        if await blocked():
            break
        await asyncio.sleep(0.05)
    assert await blocked()


async def test_group_messages_carry_thread_and_reply(bot, emulator):
    group = emulator.group(-1001234, forum=True)
    topic = emulator.add_topic(group.id, "T-1")
    operator = TgUser(emulator, 900, chat_id=group.id, thread_id=topic.thread_id)
    bot.recorder.reply = lambda e, c: []
    operator.send_text("ответ заявителю")
    await until(lambda: bot.recorder.events, what="group event")
    event = bot.recorder.events[-1]
    assert event.chat_type == "supergroup" and event.thread_id == topic.thread_id
    assert event.reply_to_message_id is None  # the topic's root is not a reply
    plain = TgUser(emulator, 901, chat_id=emulator.group(-555, "Plain").id)
    root = plain.send_text("ticket")["message"]["message_id"]
    plain.send_text("reply", reply_to=root)
    await until(lambda: len(bot.recorder.events) == 3, what="plain group events")
    assert bot.recorder.events[-1].reply_to_message_id == root
    # A command for another bot and a sticker in a group are ignored silently.
    plain.send_text("/start@other_bot")
    plain.send_sticker()
    await asyncio.sleep(0.5)
    assert len(bot.recorder.events) == 3
    assert not [c for c in emulator.calls if c.method == "sendMessage"]


async def test_processed_updates_are_stored(bot, emulator):
    user = user_of(emulator, 11)
    update = user.send_text("x")
    await until(lambda: bot.recorder.events, what="event")
    await asyncio.sleep(0.2)
    async with bot.runtime.db.sessionmaker() as session:
        ids = list(await session.scalars(sa.text("select update_id from processed_updates")))
    assert update["update_id"] in ids


async def test_one_conversation_is_handled_in_order(bot, emulator):
    bot.recorder.reply = lambda e, c: [View([Msg.text(f"re: {e.text}")])]
    user = user_of(emulator, 12)
    cursor = user.cursor()
    for i in range(8):
        user.send_text(f"m{i}")
    replies = await user.replies(cursor, quiet=0.5)
    assert [e.text for e in bot.recorder.events] == [f"m{i}" for i in range(8)]
    assert [m.text for m in replies] == [f"re: m{i}" for i in range(8)]
