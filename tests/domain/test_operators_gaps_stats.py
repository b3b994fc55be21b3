from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.operators import gaps, stats, tickets
from domain.operators.models import NOT_HELPFUL, UNANSWERED
from tests.domain.operators_support import T0, make_database


@pytest.fixture
async def db(tmp_path):
    database = await make_database(tmp_path)
    yield database
    await database.dispose()


async def test_gaps_count_distinct_normalised_texts(db):
    async with db.unit() as s:
        first = await gaps.record_gap(
            s, text="Паспорт қалай аламын?", lang="kk", kind=UNANSWERED, now=T0
        )
        again = await gaps.record_gap(
            s, text="  паспорт ҚАЛАЙ аламын ", lang="kk", kind=UNANSWERED, now=T0
        )
        assert again.id == first.id and again.count == 2
        other_kind = await gaps.record_gap(
            s, text="Паспорт қалай аламын?", lang="kk", kind=NOT_HELPFUL, now=T0
        )
        assert other_kind.id != first.id and other_kind.count == 1
        assert await gaps.record_gap(s, text=" ?! ", kind=UNANSWERED) is None
        with pytest.raises(ValueError):
            await gaps.record_gap(s, text="x", kind="bogus")
    # counted across transactions too
    async with db.unit() as s:
        row = await gaps.record_gap(s, text="паспорт қалай аламын", kind=UNANSWERED, now=T0)
        assert row.count == 3


async def test_gaps_grouped_by_service_and_intent(db):
    async with db.unit() as s:
        for _ in range(3):
            await gaps.record_gap(
                s,
                text="Аптекаға қанша күн?",
                service_id="pharmacy",
                intent="deadline",
                kind=NOT_HELPFUL,
                now=T0,
            )
        await gaps.record_gap(
            s,
            text="Аптека мерзімі",
            service_id="pharmacy",
            intent="deadline",
            kind=UNANSWERED,
            now=T0,
        )
        await gaps.record_gap(
            s, text="Турфирма құжаттары", service_id="tour", intent="documents", now=T0
        )
        await gaps.record_gap(s, text="Паспорт", now=T0 - timedelta(days=100))
    async with db.unit() as s:
        groups = await gaps.grouped_gaps(s)
        assert [(g.service_id, g.intent, g.total) for g in groups] == [
            ("pharmacy", "deadline", 4),
            ("tour", "documents", 1),
            (None, None, 1),
        ]
        assert [i.count for i in groups[0].items] == [3, 1]
        recent = await gaps.grouped_gaps(s, since=T0 - timedelta(days=30))
        assert [g.service_id for g in recent] == ["pharmacy", "tour"]
        only = await gaps.grouped_gaps(s, kinds=(UNANSWERED,))
        assert [(g.service_id, g.total) for g in only] == [("pharmacy", 1), ("tour", 1), (None, 1)]


async def test_weekly_stats_with_median_first_response(db):
    # T0 is Monday 2025-03-03 11:00 Almaty; three tickets that week, one the week before
    async with db.unit() as s:
        delays = [timedelta(minutes=10), timedelta(minutes=40), None]
        for i, delay in enumerate(delays):
            t = await tickets.open_ticket(
                s, user_id=i, chat_id=i, lang="ru", question="q", now=T0 + timedelta(hours=i)
            )
            if delay is not None:
                await tickets.add_operator_reply(
                    s,
                    t,
                    operator_id=5,
                    kind="text",
                    text="a",
                    chat_id=-1,
                    message_id=i,
                    now=t.created_at + delay,
                )
        await tickets.close_ticket(s, t, by=5, now=T0 + timedelta(hours=5))
        prev = await tickets.open_ticket(
            s, user_id=9, chat_id=9, lang="kk", question="q", now=T0 - timedelta(days=3)
        )
        await tickets.add_operator_reply(
            s,
            prev,
            operator_id=5,
            kind="text",
            text="a",
            chat_id=-1,
            message_id=99,
            now=prev.created_at + timedelta(hours=2),
        )
    async with db.unit() as s:
        weeks = await stats.weekly_stats(s, now=T0 + timedelta(days=2), weeks=3)
    assert [w.week_start for w in weeks] == [
        date(2025, 2, 17),
        date(2025, 2, 24),
        date(2025, 3, 3),
    ]
    assert (weeks[0].opened, weeks[0].median_first_response) == (0, None)
    assert (weeks[1].opened, weeks[1].answered) == (1, 1)
    assert weeks[1].median_first_response == timedelta(hours=2)
    this = weeks[2]
    assert (this.opened, this.answered, this.closed) == (3, 2, 1)
    assert this.median_first_response == timedelta(minutes=25)
