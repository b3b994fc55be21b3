"""The operators' side in their group: answering, closing, listing, proposals, roles."""

from __future__ import annotations

import pytest
import yaml
from operators_harness import (
    APPLICANT,
    GROUP,
    OPERATOR,
    STRANGER,
    keys,
    make_world,
    payload_text,
)

from dialogs.core import IncomingFile
from dialogs.operators import views
from dialogs.operators.common import text
from dialogs.operators.jobs import remind_unanswered
from domain.operators.models import ANSWERED, CLOSED, OPEN, TO_APPLICANT
from domain.operators.relay import DELIVER, NOTICE
from domain.users import get_roles

THREAD = 77


@pytest.fixture
async def world(database, tmp_path):
    return await make_world(database, tmp_path)


async def open_ticket(world, question="Аптекаға қанша күн?", *, thread=THREAD, card=None):
    await world.applicant.press("lang:set:kk")
    await world.applicant.text("оператор")
    await world.applicant.text(question)
    ticket = (await world.tickets())[-1]
    await world.place_ticket(ticket.id, thread_id=thread, group_message_id=card)
    return ticket


async def test_operator_reply_in_topic_is_delivered(world):
    ticket = await open_ticket(world)
    since = await world.last_row_id()
    turn = await world.group(OPERATOR, text="15 жұмыс күні ішінде.", thread_id=THREAD)
    assert turn.views == []  # nothing is said in the group directly
    [row] = await world.new_rows(since)
    assert row.chat_id == APPLICANT and row.payload["op"] == DELIVER
    [message] = await world.messages(ticket.id)
    assert message.direction == TO_APPLICANT and message.author_id == OPERATOR
    assert message.text == "15 жұмыс күні ішінде." and message.chat_id == GROUP
    [ticket] = await world.tickets()
    assert ticket.status == ANSWERED and ticket.first_responder_id == OPERATOR


async def test_operator_file_reply_is_delivered_as_a_file(world):
    ticket = await open_ticket(world)
    await world.group(
        OPERATOR,
        "file",
        thread_id=THREAD,
        text="Үлгі",
        files=[IncomingFile(file_id="F1", file_name="form.pdf", size=5, mime="application/pdf")],
    )
    [message] = await world.messages(ticket.id)
    assert (message.kind, message.file_id, message.text) == ("document", "F1", "Үлгі")


async def test_plain_group_reply_to_the_card_or_a_relayed_message(world):
    ticket = await open_ticket(world, thread=None, card=500)
    await world.applicant.text("Қосымша")
    [follow_up] = await world.messages(ticket.id)
    async with world.db.unit() as s:
        row = await s.get(type(follow_up), follow_up.id)
        row.group_message_id = 501
    await world.group(OPERATOR, text="Жауап 1", reply_to=500)
    await world.group(OPERATOR, text="Жауап 2", reply_to=501)
    answers = [m.text for m in await world.messages(ticket.id) if m.direction == TO_APPLICANT]
    assert answers == ["Жауап 1", "Жауап 2"]


async def test_non_operator_cannot_answer(world):
    ticket = await open_ticket(world)
    since = await world.last_row_id()
    await world.group(STRANGER, text="Мен де жауап берейін", thread_id=THREAD)
    assert await world.messages(ticket.id) == []
    [row] = await world.new_rows(since)
    assert row.chat_id == GROUP and row.payload["op"] == NOTICE
    assert payload_text(row) == text("ru", views.not_operator())
    assert (
        payload_text(row)
        == "Отвечать заявителям могут только операторы. Ваше сообщение не отправлено."
    )
    assert row.payload["thread_id"] == THREAD
    # nor close it, by command or by button
    await world.group(STRANGER, "command", command="close", thread_id=THREAD)
    turn = await world.group(STRANGER, "button", action=f"opg:close:{ticket.id}")
    assert turn.views[0].toast is not None
    [ticket] = await world.tickets()
    assert ticket.status == OPEN


async def test_chatter_outside_tickets_and_other_groups_is_ignored(world):
    await open_ticket(world)
    since = await world.last_row_id()
    await world.group(OPERATOR, text="Сәлем, әріптестер")  # general topic, no reply
    await world.group(OPERATOR, text="x", thread_id=THREAD, chat_id=-100999)  # another group
    await world.group(STRANGER, text="x", thread_id=12345)  # some other topic
    assert await world.new_rows(since) == []


async def test_close_by_command_notifies_both_sides_then_blocks_replies(world):
    ticket = await open_ticket(world)
    await world.group(OPERATOR, text="Жауап", thread_id=THREAD)
    since = await world.last_row_id()
    await world.group(OPERATOR, "command", command="close", thread_id=THREAD)
    [ticket] = await world.tickets()
    assert ticket.status == CLOSED and ticket.closed_by == OPERATOR
    rows = await world.new_rows(since)
    assert [(r.chat_id, r.kind) for r in rows] == [
        (APPLICANT, "op_applicant_notice"),
        (GROUP, "op_notice"),
    ]
    assert "24" in payload_text(rows[0]) and rows[0].payload["buttons"]
    # a late operator message is not delivered
    since = await world.last_row_id()
    await world.group(OPERATOR, text="Тағы", thread_id=THREAD)
    [row] = await world.new_rows(since)
    assert row.payload["op"] == NOTICE
    assert len([m for m in await world.messages(ticket.id) if m.direction == TO_APPLICANT]) == 1
    # closing twice says so
    since = await world.last_row_id()
    await world.group(OPERATOR, "command", command="close", thread_id=THREAD)
    [row] = await world.new_rows(since)
    assert str(ticket.id) in payload_text(row)


async def test_close_button_and_applicant_follow_up_reopens(world):
    ticket = await open_ticket(world)
    turn = await world.group(OPERATOR, "button", action=f"opg:close:{ticket.id}")
    assert turn.views[0].toast is not None and not turn.views[0].parts
    [ticket] = await world.tickets()
    assert ticket.status == CLOSED
    since = await world.last_row_id()
    world.clock.advance(hours=1)
    turn = await world.applicant.text("Тағы бір сұрақ")
    assert keys(turn)[0].startswith("Ticket No. {number} has been reopened")
    rows = await world.new_rows(since)
    assert [r.payload["op"] for r in rows] == [NOTICE, "applicant_msg"]
    [ticket] = await world.tickets()
    assert ticket.status == OPEN


async def test_close_outside_a_ticket_explains_where(world):
    since = await world.last_row_id()
    await world.group(OPERATOR, "command", command="close")
    [row] = await world.new_rows(since)
    assert "/close" in payload_text(row)


async def test_tickets_lists_open_ones_with_age(world):
    first = await open_ticket(world)
    world.clock.advance(minutes=95)
    since = await world.last_row_id()
    await world.group(OPERATOR, "command", command="tickets", thread_id=None)
    [row] = await world.new_rows(since)
    listing = payload_text(row)
    assert f"No. {first.id}" in listing or f"№ {first.id}" in listing
    assert "1" in listing and "35" in listing  # 1 h 35 min
    # operators may ask in private too
    turn = await world.user(OPERATOR).command("tickets")
    assert str(first.id) in "\n".join(str(p.params) for v in turn.views for p in v.parts)


async def test_reminder_once_for_unanswered_tickets(world):
    ticket = await open_ticket(world)
    world.clock.advance(minutes=10)
    assert await remind_unanswered(world.services) == 0
    world.clock.advance(minutes=25)
    since = await world.last_row_id()
    assert await remind_unanswered(world.services) == 1
    [row] = await world.new_rows(since)
    assert row.payload["ticket_id"] == ticket.id and row.payload["op"] == NOTICE
    world.clock.advance(hours=3)
    assert await remind_unanswered(world.services) == 0


async def test_group_administrators_become_operators(world):
    ticket = await open_ticket(world)
    admins = {7777}

    async def is_group_admin(user_id):
        return user_id in admins

    world.services.extra["operator_membership"] = is_group_admin
    await world.group(7777, text="Админ жауабы", thread_id=THREAD)
    assert [m.author_id for m in await world.messages(ticket.id)] == [7777]
    async with world.db.sessionmaker() as s:
        assert "operator" in await get_roles(s, 7777)
    await world.group(8888, text="Жай мүше", thread_id=THREAD)
    assert len(await world.messages(ticket.id)) == 1


async def test_kbqa_writes_a_pending_overlay_entry(world, tmp_path):
    await world.applicant.press("lang:set:kk")
    await world.applicant.text("аптека лицензиясы қанша күн")
    await world.applicant.press("op:ask:pharmacy")
    await world.applicant.press("op:send")
    [ticket] = await world.tickets()
    await world.place_ticket(ticket.id, thread_id=THREAD)
    await world.group(OPERATOR, text="Лицензия 15 жұмыс күнінде беріледі.", thread_id=THREAD)
    since = await world.last_row_id()
    await world.group(
        OPERATOR,
        "command",
        command="kbqa",
        thread_id=THREAD,
        args="Сколько дней выдают лицензию аптеке?\nЛицензию выдают за 15 рабочих дней.",
    )
    [path] = list((tmp_path / "pending").glob("*.yaml"))
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert entry["service_id"] == "pharmacy"
    assert entry["qa"] == [
        {
            "question_kk": "аптека лицензиясы қанша күн",
            "question_ru": "Сколько дней выдают лицензию аптеке?",
            "answer_kk": "Лицензия 15 жұмыс күнінде беріледі.",
            "answer_ru": "Лицензию выдают за 15 рабочих дней.",
            "intent": "deadline",
            "reviewed": False,
        }
    ]
    assert entry["proposal"]["ticket"] == ticket.id
    assert entry["proposal"]["needs_translation"] is False
    # the qa item validates against the knowledge base's overlay model
    from knowledge.model import QAEntry

    QAEntry.model_validate(entry["qa"][0])
    [row] = await world.new_rows(since)
    assert path.name in payload_text(row)


async def test_kbqa_without_an_answer_explains_usage(world, tmp_path):
    await open_ticket(world)
    since = await world.last_row_id()
    await world.group(OPERATOR, "command", command="kbqa", thread_id=THREAD)
    assert not (tmp_path / "pending").exists()
    [row] = await world.new_rows(since)
    assert "/kbqa" in payload_text(row)
