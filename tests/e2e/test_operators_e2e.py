"""Operators end to end through the Bot API emulator: the real dispatcher, adapter, outbox
worker and operators' relay talk HTTP to a fake Telegram.

Forum group: applicant escalates -> a topic is created -> operator replies in the topic -> the
applicant receives it -> applicant follows up -> it lands in the same topic -> operator closes.
The same in a plain group with replies. A non-operator in the group cannot answer. A deleted
topic is recreated; a burst of escalations with 429s is delayed, never dropped or reordered.
"""

from __future__ import annotations

import pytest

from dialogs.operators import views
from dialogs.operators.common import text
from domain.operators.models import ANSWERED, CLOSED, OPEN
from tests.e2e.client import TgUser
from tests.e2e.operators_stack import (
    FORUM,
    OPERATOR,
    PLAIN,
    STRANGER,
    start_stack,
    stop_stack,
    until,
)

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200 + b"\xff\xd9"


@pytest.fixture(scope="module")
def kb_cache(tmp_path_factory):
    from knowledge import build

    cache = tmp_path_factory.mktemp("kb_e2e") / "kb.json"
    result = build(cache_path=cache)
    assert result.ok, result.errors
    return cache


@pytest.fixture
async def forum(tmp_path, kb_cache):
    stack = await start_stack(tmp_path, kb_cache, group=FORUM, forum=True)
    yield stack
    await stop_stack(stack)


@pytest.fixture
async def plain(tmp_path, kb_cache):
    stack = await start_stack(tmp_path, kb_cache, group=PLAIN, forum=False)
    yield stack
    await stop_stack(stack)


def texts_of(user: TgUser) -> list[str]:
    return [m.text for m in user.bot_messages()]


async def escalate(stack, user: TgUser, question: str) -> int:
    replies = await user.say("оператор")
    assert any("op:back" in m.actions for m in replies), [m.text for m in replies]
    replies = await user.say(question)
    tickets = await stack.tickets()
    ticket = tickets[-1]
    assert any(str(ticket.id) in m.text for m in replies)
    return ticket.id


async def test_forum_escalation_reply_follow_up_and_close(forum):
    emu = forum.emu
    applicant = TgUser(emu, 1001, first_name="Айгерим", language_code="ru")
    number = await escalate(forum, applicant, "Как переоформить лицензию аптеки?")

    # a topic named with the ticket number is created and the card posted in it
    [topic] = await until(lambda: forum.live_topics(FORUM), what="topic")
    assert topic.name.startswith(f"#{number}")
    card = await until(lambda: forum.group_messages(FORUM, topic.thread_id), what="card")
    assert "Как переоформить лицензию аптеки?" in card[0]["text"]
    assert "Айгерим" in card[0]["text"]
    assert f"opg:close:{number}" in str(card[0].get("reply_markup"))

    # the operator answers in the topic; the applicant gets it from the bot
    operator = TgUser(emu, OPERATOR, first_name="Оператор").in_chat(FORUM, topic.thread_id)
    operator.send_text("Переоформление занимает 3 рабочих дня.")
    answer = await until(
        lambda: [m for m in applicant.bot_messages() if "3 рабочих дня" in m.text],
        what="answer delivered",
    )
    assert f"op:reply:{number}" in answer[-1].actions
    assert (await forum.tickets())[-1].status == ANSWERED

    # the applicant follows up: the text lands in the same topic
    await applicant.say("Спасибо! А где подать заявление?")
    await until(
        lambda: [
            m
            for m in forum.group_messages(FORUM, topic.thread_id)
            if "где подать заявление" in m.get("text", "")
        ],
        what="follow-up in the topic",
    )
    # ...and a photo too (copied by the bot, never forwarded)
    applicant.send_photo(JPEG, caption="Вот моя лицензия")
    copied = await until(
        lambda: [m for m in forum.group_messages(FORUM, topic.thread_id) if m.get("photo")],
        what="photo in the topic",
    )
    assert "Вот моя лицензия" in copied[-1]["caption"]
    assert "forward_origin" not in copied[-1]
    assert len(forum.live_topics(FORUM)) == 1

    # the operator sends a document back: the applicant receives the bot's copy
    operator.send_document(b"%PDF-1.4 sample", "form.pdf", caption="Бланк заявления")
    doc = await until(
        lambda: [m for m in applicant.bot_messages() if m.document], what="document delivered"
    )
    assert "Бланк заявления" in doc[-1].text
    assert any(c.method == "copyMessage" for c in emu.calls)

    # the operator closes: the applicant is told, the ticket is closed
    operator.send_text("/close")
    await until(
        lambda: [m for m in applicant.bot_messages() if "op:start" in m.actions],
        what="closing notice",
    )
    ticket = (await forum.tickets())[-1]
    assert ticket.status == CLOSED and ticket.closed_by == OPERATOR
    assert ticket.first_response_at is not None


async def test_non_operator_in_the_group_cannot_answer(forum):
    emu = forum.emu
    applicant = TgUser(emu, 1002, language_code="kk")
    number = await escalate(forum, applicant, "Дәріхана лицензиясы қанша күнде беріледі?")
    [topic] = await until(lambda: forum.live_topics(FORUM), what="topic")
    await until(lambda: forum.group_messages(FORUM, topic.thread_id), what="card")
    emu.set_member(FORUM, STRANGER, "member")
    stranger = TgUser(emu, STRANGER, first_name="Бөгде").in_chat(FORUM, topic.thread_id)
    before = len(applicant.bot_messages())
    stranger.send_text("Мен де жауап берейін: 1 күн")
    refusal = text("ru", views.not_operator())
    notices = await until(
        lambda: [
            m for m in forum.group_messages(FORUM, topic.thread_id) if m.get("text") == refusal
        ],
        what="notice to the stranger",
    )
    assert len(notices) == 1
    stranger.send_text("/close")
    await until(
        lambda: [
            m for m in forum.group_messages(FORUM, topic.thread_id) if m.get("text") == refusal
        ][1:],
        what="second notice",
    )
    assert len(applicant.bot_messages()) == before
    assert all("1 күн" not in t for t in texts_of(applicant))
    ticket = (await forum.tickets())[-1]
    assert ticket.id == number and ticket.status == OPEN

    # a group administrator who is not in OPERATOR_IDS is recognised as an operator
    emu.set_member(FORUM, 7007, "administrator")
    admin = TgUser(emu, 7007, first_name="Әкімші").in_chat(FORUM, topic.thread_id)
    admin.send_text("Лицензия 15 жұмыс күнінде беріледі.")
    await until(
        lambda: [m for m in applicant.bot_messages() if "15 жұмыс" in m.text],
        what="administrator's answer delivered",
    )


async def test_plain_group_with_replies(plain):
    emu = plain.emu
    applicant = TgUser(emu, 1003, language_code="ru")
    number = await escalate(plain, applicant, "Нужна ли печать на заявлении?")
    card = (await until(lambda: plain.group_messages(PLAIN), what="card"))[0]
    assert "Нужна ли печать" in card["text"] and "message_thread_id" not in card
    assert not plain.emu.topics[PLAIN]

    operator = TgUser(emu, OPERATOR).in_chat(PLAIN)
    operator.send_text("Печать не нужна.", reply_to=card["message_id"])
    await until(
        lambda: [m for m in applicant.bot_messages() if "Печать не нужна" in m.text],
        what="answer delivered",
    )
    await applicant.say("А подпись нужна?")
    relayed = await until(
        lambda: [m for m in plain.group_messages(PLAIN) if "подпись нужна" in m.get("text", "")],
        what="follow-up in the group",
    )
    # replying to the relayed follow-up reaches the same applicant
    operator.send_text("Нужна ЭЦП.", reply_to=relayed[-1]["message_id"])
    await until(
        lambda: [m for m in applicant.bot_messages() if "Нужна ЭЦП" in m.text],
        what="second answer delivered",
    )
    # an ordinary member replying is refused
    emu.set_member(PLAIN, STRANGER, "member")
    stranger = TgUser(emu, STRANGER).in_chat(PLAIN)
    stranger.send_text("Не нужна!", reply_to=card["message_id"])
    refusal = text("ru", views.not_operator())
    await until(
        lambda: [m for m in plain.group_messages(PLAIN) if m.get("text") == refusal],
        what="notice",
    )
    assert all("Не нужна!" not in t for t in texts_of(applicant))
    # close with the card's button
    press = operator.press_update(_botmsg(card), f"opg:close:{number}")
    await until(lambda: press["callback_query"]["id"] in emu.callback_answers, what="toast")
    await until(
        lambda: [m for m in applicant.bot_messages() if "op:start" in m.actions],
        what="closing notice",
    )
    assert (await plain.tickets())[-1].status == CLOSED


def _botmsg(raw):
    from tests.e2e.client import BotMsg

    return BotMsg.from_raw(raw)


async def test_deleted_topic_is_recreated_and_closed_topic_reopened(forum):
    emu = forum.emu
    applicant = TgUser(emu, 1004, language_code="ru")
    await escalate(forum, applicant, "Вопрос про лицензию")
    [first] = await until(lambda: forum.live_topics(FORUM), what="topic")
    await until(lambda: forum.group_messages(FORUM, first.thread_id), what="card")
    emu.delete_topic(FORUM, first.thread_id)

    await applicant.say("Есть новости?")
    [second] = await until(lambda: forum.live_topics(FORUM), what="new topic")
    assert second.thread_id != first.thread_id
    messages = await until(
        lambda: [
            m
            for m in forum.group_messages(FORUM, second.thread_id)
            if "Есть новости?" in m.get("text", "")
        ],
        what="follow-up in the new topic",
    )
    assert messages
    in_new = forum.group_messages(FORUM, second.thread_id)
    assert "Вопрос про лицензию" in in_new[0]["text"]  # the card came again first
    assert (await forum.tickets())[-1].thread_id == second.thread_id

    operator = TgUser(emu, OPERATOR).in_chat(FORUM, second.thread_id)
    operator.send_text("Да, лицензия готова.")
    await until(
        lambda: [m for m in applicant.bot_messages() if "лицензия готова" in m.text],
        what="answer from the new topic",
    )
    # somebody closed the topic by hand: it is reopened for the next message
    second.closed = True
    await applicant.say("Спасибо, заберу завтра")
    await until(
        lambda: [
            m
            for m in forum.group_messages(FORUM, second.thread_id)
            if "заберу завтра" in m.get("text", "")
        ],
        what="message after reopening",
    )
    assert not second.closed and len(forum.live_topics(FORUM)) == 1


async def test_burst_of_escalations_with_429_is_delayed_not_dropped(forum):
    emu = forum.emu
    emu.fail("createForumTopic", 2, retry_after=1)
    emu.fail("sendMessage", 1, retry_after=1)
    users = [TgUser(emu, 2000 + i, language_code="ru") for i in range(4)]
    for user in users:
        await user.say("оператор")
    for i, user in enumerate(users):
        user.send_text(f"Срочный вопрос номер {i}")
    await until(lambda: len(forum.live_topics(FORUM)) == 4, timeout=20, what="4 topics")
    numbers = [t.id for t in await forum.tickets()]
    names = [t.name for t in sorted(forum.live_topics(FORUM), key=lambda t: t.thread_id)]
    assert [n.split(" ")[0] for n in names] == [f"#{n}" for n in numbers]  # in ticket order
    for ticket in await forum.tickets():
        cards = await until(
            lambda t=ticket: forum.group_messages(FORUM, t.thread_id), timeout=20, what="card"
        )
        assert len(cards) == 1  # posted once despite the retries
    assert any(c.status == 429 for c in emu.calls)


async def test_admin_reload_in_telegram_brings_a_sixth_regulation(tmp_path, kb_cache):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from domain.kb_holder import KnowledgeHolder
    from knowledge.overlay.loader import OVERLAY_DIR
    from tests.e2e.operators_stack import ADMIN

    root = Path(__file__).resolve().parents[2]
    data = root / "tests" / "dialogs" / "operators_data"
    sources, overlay, cache = tmp_path / "src", tmp_path / "ovl", tmp_path / "kb.json"
    shutil.copytree(root / "knowledge" / "sources", sources)
    shutil.copytree(OVERLAY_DIR, overlay, ignore=shutil.ignore_patterns("*.py", "__*", "*.md"))
    shutil.copy(kb_cache, cache)  # the shipped knowledge base is in use
    holder = KnowledgeHolder.for_paths(sources_dir=sources, overlay_dir=overlay, cache_path=cache)
    stack = await start_stack(tmp_path / "bot", kb_cache, group=FORUM, forum=True, holder=holder)
    try:
        asker = TgUser(stack.emu, 1201, language_code="ru")
        admin = TgUser(stack.emu, ADMIN, language_code="ru")
        before = holder.get()
        assert "common_minerals_pavlodar" not in before.services

        shutil.copy(data / "005_common_minerals.txt", sources)
        shutil.copy(data / "common_minerals_pavlodar.yaml", overlay)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "knowledge",
                "--cache",
                str(cache),
                "--sources",
                str(sources),
                "--overlay",
                str(overlay),
                "build",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        replies = await admin.say("/reload", timeout=30)
        assert any("common_minerals_pavlodar" in m.text for m in replies)
        replies = await asker.say("Сколько дней выдают лицензию на добычу песка?", timeout=15)
        answer = "\n".join(m.text for m in replies)
        assert "10" in answer and "Павлодар" in answer

        # a broken overlay: /reload reports it and the bot keeps answering from the same build
        (overlay / "tour_operator_vko.yaml").write_text("title_ru: [broken\n", encoding="utf-8")
        current = holder.get()
        replies = await admin.say("/reload", timeout=30)
        assert any("tour_operator_vko.yaml" in m.text for m in replies)
        assert holder.get() is current
        replies = await asker.say("Сколько дней выдают лицензию на добычу песка?", timeout=15)
        assert "10" in "\n".join(m.text for m in replies)
    finally:
        await stop_stack(stack)
