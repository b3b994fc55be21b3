"""The applicant's side: reaching an operator from anywhere, consent, hours, follow-ups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from operators_harness import (
    APPLICANT,
    GROUP,
    Clock,
    actions,
    keys,
    make_world,
    texts,
)

from dialogs.core import IncomingFile
from domain.operators.models import CLOSED, OPEN
from domain.operators.relay import APPLICANT_MESSAGE, TICKET_CARD


@pytest.fixture
async def world(database, tmp_path):
    return await make_world(database, tmp_path)


async def choose_kk(world):
    await world.applicant.press("lang:set:kk")


@pytest.mark.parametrize("word", ["оператор", "Operator!", "адам", "маған адам керек"])
async def test_escape_word_from_another_step_opens_a_ticket(world, word):
    await choose_kk(world)
    # the user is somewhere in the catalogue when they type the word
    await world.applicant.press("cat:home")
    turn = await world.applicant.text(word)
    assert turn.step == "op.question"
    assert "op:back" in actions(turn)
    turn = await world.applicant.text("Менің өтінішім қайда?")
    assert turn.step == "op.chat"
    [ticket] = await world.tickets()
    assert ticket.status == OPEN and ticket.user_id == APPLICANT and ticket.lang == "kk"
    assert ticket.question == "Менің өтінішім қайда?" and ticket.applicant_name == "Айгерим"
    assert f"{ticket.id}" in texts(turn)
    [row] = await world.outbox()
    assert row.chat_id == GROUP and row.payload == {
        "via": "operators",
        "op": TICKET_CARD,
        "ticket_id": ticket.id,
    }


async def test_cancel_returns_to_the_previous_step(world):
    await choose_kk(world)
    # put the user into another flow's step by hand, as the documents flow would
    from domain import state_store

    async with world.db.unit() as s:
        await state_store.save(s, world.applicant.key, "docs.upload", {"keep": 1})
    turn = await world.applicant.text("оператор")
    assert turn.step == "op.question"
    turn = await world.applicant.press("op:back")
    assert turn.step == "docs.upload" and turn.data["keep"] == 1
    assert await world.tickets() == []


async def test_long_sentence_with_the_word_is_a_question_not_an_escape(world):
    await choose_kk(world)
    turn = await world.applicant.text("оператор лицензиясына қанша күн керек")
    assert turn.step != "op.question"


async def test_not_confident_answer_asks_consent_then_opens_ticket_with_context(world):
    await choose_kk(world)
    turn = await world.applicant.text("паспорт қалай аламын")
    assert "op:ask" in actions(turn)
    turn = await world.applicant.press("op:ask")
    assert "op:send" in actions(turn) and "op:new" in actions(turn)
    assert "паспорт қалай аламын" in texts(turn)
    turn = await world.applicant.press("op:send")
    [ticket] = await world.tickets()
    assert ticket.question == "паспорт қалай аламын"
    assert ticket.bot_answer and "оператор" in ticket.bot_answer
    assert turn.step == "op.chat"
    # the escalation was also counted as a knowledge gap
    from domain.operators.gaps import grouped_gaps

    async with world.db.sessionmaker() as s:
        groups = await grouped_gaps(s)
    assert groups and groups[0].items[0].text == "паспорт қалай аламын"


async def test_ask_with_service_token_keeps_the_service(world):
    await choose_kk(world)
    await world.applicant.text("аптека лицензиясы қанша күн")
    turn = await world.applicant.press("op:ask:pharmacy")
    turn = await world.applicant.press("op:new")
    assert turn.step == "op.question"
    await world.applicant.text("Аптекаға қандай құжат керек?")
    [ticket] = await world.tickets()
    assert ticket.service_id == "pharmacy"


async def test_follow_ups_text_and_photo_go_into_the_same_ticket(world):
    await choose_kk(world)
    await world.applicant.text("оператор")
    await world.applicant.text("Сұрағым бар")
    [ticket] = await world.tickets()
    since = await world.last_row_id()
    turn = await world.applicant.text("Тағы бір нәрсе")
    assert keys(turn)[0].startswith("Sent to the operator")
    turn = await world.applicant.file(
        IncomingFile(file_id="PHOTO1", file_name=None, size=10, mime="image/jpeg", kind="photo")
    )
    rows = await world.new_rows(since)
    assert [r.payload["op"] for r in rows] == [APPLICANT_MESSAGE, APPLICANT_MESSAGE]
    assert {r.payload["ticket_id"] for r in rows} == {ticket.id}
    messages = await world.messages(ticket.id)
    assert [(m.kind, m.file_id) for m in messages] == [("text", None), ("photo", "PHOTO1")]
    # escaping again while in the chat says the ticket is open, no second ticket
    turn = await world.applicant.press("op:leave")
    assert turn.step is None
    turn = await world.applicant.text("оператор")
    assert keys(turn)[0].startswith("Your ticket No. {number} is open")
    assert len(await world.tickets()) == 1


async def test_out_of_hours_says_when_operators_answer(database, tmp_path):
    saturday = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)  # Saturday 17:00 in Almaty
    world = await make_world(database, tmp_path, clock=Clock(saturday))
    await world.applicant.press("lang:set:ru")
    turn = await world.applicant.text("оператор")
    assert any("outside working hours" in k for k in keys(turn))
    turn = await world.applicant.text("Вопрос в выходной")
    rendered = texts(turn)
    # 8 March is a holiday moved to Monday 10 March: the next window is Tuesday 11 March
    assert "11 марта" in rendered and "09:00" in rendered
    assert len(await world.tickets()) == 1  # the question is kept, not refused


async def test_in_hours_shows_the_schedule(world):
    await world.applicant.press("lang:set:ru")
    turn = await world.applicant.text("оператор")
    assert "Пн–Пт 09:00–18:00" in texts(turn)


async def test_no_operator_group_configured(database, tmp_path):
    world = await make_world(database, tmp_path, operator_chat_id=None)
    turn = await world.applicant.text("оператор")
    assert keys(turn)[0].startswith("Operators are not connected")
    assert await world.tickets() == []


async def test_applicant_closes_and_reopens_within_window(world):
    await choose_kk(world)
    await world.applicant.text("оператор")
    await world.applicant.text("Сұрақ")
    [ticket] = await world.tickets()
    turn = await world.applicant.press(f"op:done:{ticket.id}")
    assert turn.step is None
    [ticket] = await world.tickets()
    assert ticket.status == CLOSED and ticket.closed_by == APPLICANT
    rows = await world.outbox()
    assert rows[-1].payload["op"] == "notice" and rows[-1].payload["ticket_id"] == ticket.id
    # "reply" under an old answer within the window reopens on the next message
    world.clock.advance(hours=2)
    turn = await world.applicant.press(f"op:reply:{ticket.id}")
    assert turn.step == "op.chat"
    turn = await world.applicant.text("Тағы сұрақ")
    [ticket] = await world.tickets()
    assert ticket.status == OPEN and ticket.reopened_count == 1
    assert keys(turn)[0].startswith("Ticket No. {number} has been reopened")


async def test_message_after_the_window_goes_to_the_bot(world):
    await choose_kk(world)
    await world.applicant.text("оператор")
    await world.applicant.text("Сұрақ")
    [ticket] = await world.tickets()
    await world.applicant.press(f"op:done:{ticket.id}")
    await world.applicant.press(f"op:reply:{ticket.id}")  # still in the window
    world.clock.advance(hours=25)
    turn = await world.applicant.text("аптека лицензиясы қанша күн")
    assert turn.step is None
    assert "15 жұмыс күні" in texts(turn)  # answered by the knowledge base
    assert len(await world.messages(ticket.id)) == 0
    turn = await world.applicant.press(f"op:reply:{ticket.id}")
    assert "op:start" in actions(turn)


async def test_forged_buttons_for_someone_elses_ticket(world):
    await choose_kk(world)
    await world.applicant.text("оператор")
    await world.applicant.text("Сұрақ")
    [ticket] = await world.tickets()
    other = world.user(4242)
    turn = await other.press(f"op:done:{ticket.id}")
    assert "op:start" in actions(turn)
    turn = await other.press(f"op:reply:{ticket.id}")
    assert turn.step != "op.chat"
    [ticket] = await world.tickets()
    assert ticket.status == OPEN


async def test_empty_question_is_asked_again(world):
    await choose_kk(world)
    await world.applicant.text("оператор")
    turn = await world.applicant.text("   ")
    assert turn.step == "op.question"
    assert await world.tickets() == []


async def test_first_message_can_be_a_document(world):
    await choose_kk(world)
    await world.applicant.text("оператор")
    turn = await world.applicant.file(
        IncomingFile(
            file_id="DOC1",
            file_name="a.pdf",
            size=10,
            mime="application/pdf",
            caption="Мына құжат дұрыс па?",
        )
    )
    assert turn.step == "op.chat"
    [ticket] = await world.tickets()
    rows = await world.outbox()
    assert [r.payload["op"] for r in rows] == [TICKET_CARD, APPLICANT_MESSAGE]
    [message] = await world.messages(ticket.id)
    assert message.kind == "document" and message.text == "Мына құжат дұрыс па?"
    assert timedelta(0) <= world.clock() - ticket.created_at.replace(tzinfo=UTC)


async def test_ticket_carries_the_open_application_number(world):
    from datetime import UTC, datetime

    from domain.applications.models import Application

    async with world.db.unit() as s:
        for number, status in (("LIC-2025-000001", "issued"), ("LIC-2025-000002", "in_review")):
            s.add(
                Application(
                    number=number,
                    owner_id=APPLICANT,
                    chat_id=APPLICANT,
                    service_id="pharmacy",
                    service_title={"kk": "x", "ru": "x"},
                    identity_kind="iin",
                    identity_number="990101300123",
                    name="Айгерим",
                    status=status,
                    submitted_at=datetime(2025, 1, int(number[-1]), tzinfo=UTC),
                    updated_at=datetime(2025, 1, 3, tzinfo=UTC),
                )
            )
    await choose_kk(world)
    await world.applicant.text("оператор")
    await world.applicant.text("Өтінішім қашан дайын болады?")
    [ticket] = await world.tickets()
    assert ticket.application_number == "LIC-2025-000002"
