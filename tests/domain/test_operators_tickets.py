from __future__ import annotations

from datetime import timedelta

import pytest

from domain.operators import tickets
from domain.operators.models import ANSWERED, CLOSED, OPEN, TO_APPLICANT, TO_OPERATOR
from tests.domain.operators_support import T0, make_database

WINDOW = timedelta(hours=24)


@pytest.fixture
async def db(tmp_path):
    database = await make_database(tmp_path)
    yield database
    await database.dispose()


async def _open(session, user_id=10, now=T0, **kw):
    return await tickets.open_ticket(
        session, user_id=user_id, chat_id=user_id, lang="kk", question="Қанша күн?", now=now, **kw
    )


async def test_lifecycle_open_answer_close_reopen(db):
    async with db.unit() as s:
        t = await _open(s, service_id="pharmacy", bot_answer="15 жұмыс күні")
        assert t.id is not None and t.status == OPEN
        msg = await tickets.add_applicant_message(
            s,
            t,
            kind="text",
            text="тағы сұрақ",
            chat_id=10,
            message_id=5,
            now=T0 + timedelta(minutes=1),
            window=WINDOW,
        )
        assert msg.direction == TO_OPERATOR
        reply = await tickets.add_operator_reply(
            s,
            t,
            operator_id=77,
            kind="text",
            text="жауап",
            chat_id=-100,
            message_id=900,
            now=T0 + timedelta(minutes=30),
        )
        assert reply.direction == TO_APPLICANT and reply.group_message_id == 900
        assert t.status == ANSWERED
        assert t.first_response_at == T0 + timedelta(minutes=30) and t.first_responder_id == 77
        # a second answer does not move the first-response time
        await tickets.add_operator_reply(
            s,
            t,
            operator_id=78,
            kind="photo",
            text=None,
            chat_id=-100,
            message_id=901,
            now=T0 + timedelta(hours=2),
        )
        assert t.first_response_at == T0 + timedelta(minutes=30) and t.first_responder_id == 77
        assert await tickets.close_ticket(s, t, by=77, now=T0 + timedelta(hours=3))
        assert t.status == CLOSED and t.closed_by == 77
        assert not await tickets.close_ticket(s, t, by=77, now=T0 + timedelta(hours=3))
        # the applicant writes again within the window: the same ticket reopens
        later = T0 + timedelta(hours=5)
        assert await tickets.current_ticket(s, 10, later, WINDOW) is t
        await tickets.add_applicant_message(
            s,
            t,
            kind="text",
            text="рахмет, тағы бір сұрақ",
            chat_id=10,
            message_id=6,
            now=later,
            window=WINDOW,
        )
        assert t.status == ANSWERED and t.reopened_count == 1 and t.closed_at is None


async def test_closed_ticket_is_not_reopened_after_the_window(db):
    async with db.unit() as s:
        t = await _open(s)
        await tickets.close_ticket(s, t, by=1, now=T0)
        late = T0 + WINDOW + timedelta(minutes=1)
        assert await tickets.current_ticket(s, 10, late, WINDOW) is None
        with pytest.raises(tickets.TicketClosed):
            await tickets.add_applicant_message(
                s, t, kind="text", text="x", chat_id=10, message_id=1, now=late, window=WINDOW
            )
        with pytest.raises(tickets.TicketClosed):
            await tickets.add_operator_reply(
                s, t, operator_id=1, kind="text", text="x", chat_id=-1, message_id=2, now=late
            )


async def test_reopened_unanswered_ticket_is_open_again(db):
    async with db.unit() as s:
        t = await _open(s)
        await tickets.close_ticket(s, t, by=10, now=T0)
        await tickets.add_applicant_message(
            s,
            t,
            kind="text",
            text="x",
            chat_id=10,
            message_id=1,
            now=T0 + timedelta(hours=1),
            window=WINDOW,
        )
        assert t.status == OPEN


async def test_group_message_lookup_by_topic_card_and_relayed_message(db):
    async with db.unit() as s:
        a = await _open(s, user_id=1)
        b = await _open(s, user_id=2)
        a.thread_id = 555
        b.group_message_id = 700
        row = await tickets.add_applicant_message(
            s, b, kind="text", text="q", chat_id=2, message_id=3, now=T0, window=WINDOW
        )
        row.group_message_id = 701
        await s.flush()
        find = tickets.ticket_for_group_message
        assert await find(s, thread_id=555, reply_to_message_id=None) is a
        assert await find(s, thread_id=None, reply_to_message_id=700) is b
        assert await find(s, thread_id=None, reply_to_message_id=701) is b
        assert await find(s, thread_id=999, reply_to_message_id=None) is None
        assert await find(s, thread_id=None, reply_to_message_id=None) is None


async def test_list_open_with_age_and_reminders_once(db):
    async with db.unit() as s:
        old = await _open(s, user_id=1, now=T0)
        answered = await _open(s, user_id=2, now=T0 + timedelta(minutes=5))
        await tickets.add_operator_reply(
            s,
            answered,
            operator_id=9,
            kind="text",
            text="a",
            chat_id=-1,
            message_id=1,
            now=T0 + timedelta(minutes=6),
        )
        closed = await _open(s, user_id=3, now=T0)
        await tickets.close_ticket(s, closed, by=9, now=T0)
        fresh = await _open(s, user_id=4, now=T0 + timedelta(minutes=50))
    now = T0 + timedelta(hours=1)
    async with db.unit() as s:
        items = await tickets.list_open(s, now)
        assert [i.id for i in items] == [old.id, answered.id, fresh.id]
        assert items[0].age == timedelta(hours=1) and items[0].waiting
        assert not items[1].waiting
        assert await tickets.count_open(s) == 3
        due = await tickets.due_reminders(s, now, timedelta(minutes=30))
        assert [t.id for t in due] == [old.id]
        for t in due:
            tickets.mark_reminded(t, now)
    async with db.unit() as s:
        assert await tickets.due_reminders(s, now + timedelta(hours=5), timedelta(minutes=30)) == [
            await tickets.get_ticket(s, fresh.id)
        ]


async def test_last_operator_message_and_by_group_id(db):
    async with db.unit() as s:
        t = await _open(s)
        await tickets.add_operator_reply(
            s, t, operator_id=9, kind="text", text="first", chat_id=-1, message_id=11, now=T0
        )
        await tickets.add_operator_reply(
            s, t, operator_id=9, kind="text", text="second", chat_id=-1, message_id=12, now=T0
        )
        assert (await tickets.last_operator_message(s, t.id)).text == "second"
        assert (await tickets.message_by_group_id(s, t.id, 11)).text == "first"
        assert await tickets.message_by_group_id(s, t.id, 13) is None
