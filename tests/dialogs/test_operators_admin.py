"""/reload, /gaps and /stats for administrators."""

from __future__ import annotations

import pytest
from flow_fakes import FakeKB
from operators_harness import ADMIN, OPERATOR, THREAD_DEFAULT, keys, make_world, texts

from domain.kb_holder import KnowledgeHolder
from domain.operators.gaps import record_gap


@pytest.fixture
async def world(database, tmp_path):
    return await make_world(database, tmp_path)


async def test_admin_commands_are_refused_to_others(world):
    for command in ("reload", "gaps", "stats"):
        turn = await world.user(OPERATOR).command(command)
        assert keys(turn) == ["This command is for administrators."]


async def test_reload_swaps_and_reports_or_keeps_the_old_on_errors(world):
    kbs = [FakeKB(), FakeKB()]
    del kbs[1].services["pharmacy"]
    state = {"errors": []}

    def build():
        return {"errors": list(state["errors"]), "warnings": []}

    holder = KnowledgeHolder(loader=lambda: kbs.pop(0), builder=build)
    first = holder.get()
    world.services.knowledge = holder
    turn = await world.user(ADMIN).command("reload")
    assert "pharmacy" in texts(turn)  # reported as removed
    assert holder.get() is not first and "pharmacy" not in holder.get().services
    state["errors"] = ["overlay/broken.yaml: unknown service 'nope'"]
    current = holder.get()
    turn = await world.user(ADMIN).command("reload")
    assert "overlay/broken.yaml" in texts(turn)
    assert keys(turn)[0].startswith("The new knowledge base has errors")
    assert holder.get() is current


async def test_gaps_grouped_for_admins(world):
    async with world.db.unit() as s:
        for _ in range(2):
            await record_gap(s, text="Аптека мерзімі?", service_id="pharmacy", intent="deadline")
        await record_gap(s, text="Паспорт қайда?", kind="not_helpful")
    await world.user(ADMIN).press("lang:set:ru")
    turn = await world.user(ADMIN).command("gaps")
    rendered = texts(turn)
    assert "Выдача лицензии на фармацевтическую деятельность" in rendered
    assert rendered.index("Аптека мерзімі?") < rendered.index("Паспорт қайда?")
    assert "2" in rendered.split("Аптека мерзімі?")[1].splitlines()[0]


async def test_gaps_empty(world):
    turn = await world.user(ADMIN).command("gaps")
    assert keys(turn) == ["No unanswered or unhelpful questions have been recorded."]


async def test_stats_show_weeks_and_median(world):
    await world.applicant.press("lang:set:kk")
    await world.applicant.text("оператор")
    await world.applicant.text("Сұрақ")
    [ticket] = await world.tickets()
    await world.place_ticket(ticket.id, thread_id=THREAD_DEFAULT)
    world.clock.advance(minutes=12)
    await world.group(OPERATOR, text="Жауап", thread_id=THREAD_DEFAULT)
    turn = await world.user(ADMIN).command("stats")
    rendered = texts(turn)
    assert "03.03.2025" in rendered and "12" in rendered
    assert keys(turn)[-1] == "Open now: {n}."
