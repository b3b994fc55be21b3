"""The staff flow through the dialogs (no Telegram): queue, card with exactly the allowed
transitions, accept -> review -> request documents -> approve, refusal with a regulation
ground, comments, files, /overdue, /staff, and refusals for everybody else."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.render import render_view
from bot.runtime import build_services
from bot.terminal.session import ChatSession
from dialogs.registry import build_dialogs
from domain import users
from domain.documents import LocalFileStorage
from domain.outbox import render_text
from domain.settings import load_settings
from tests.staff_support import (
    NOW,
    Holder,
    StaffKB,
    create_database,
    make_application,
    outbox_rows,
    status_of,
)

STAFF = 500
ADMIN = 600
APPLICANT = 700
STRANGER = 800


class Client:
    def __init__(self, session: ChatSession) -> None:
        self.session = session
        self.turn = None

    async def command(self, command: str, args: str = ""):
        self.turn = await self.session.command(command, args)
        return self

    async def press(self, action: str):
        self.turn = await self.session.press(action)
        return self

    async def send(self, text: str):
        self.turn = await self.session.text(text)
        return self

    @property
    def text(self) -> str:
        return "\n\n".join(render_view(v, self.turn.lang).text for v in self.turn.views)

    @property
    def actions(self) -> list[str]:
        return [b.action for v in self.turn.views for row in v.buttons for b in row]

    @property
    def toast(self) -> str | None:
        toasts = [render_view(v, self.turn.lang).toast for v in self.turn.views]
        return next((t for t in toasts if t), None)


@pytest.fixture
async def env(tmp_path):
    db = await create_database(tmp_path / "staff.sqlite3")
    storage = LocalFileStorage(tmp_path / "files")
    settings = load_settings(
        data_dir=tmp_path,
        database_url="",
        bot_token="",
        _env_file=None,
        staff_ids="",
        admin_ids="",
    )
    clock = {"now": NOW + timedelta(hours=1)}
    services = build_services(
        settings, db, Holder(StaffKB()), storage=storage, clock=lambda: clock["now"]
    )
    dialogs = build_dialogs(services, modules=["dialogs.staff"])
    async with db.unit() as s:
        for uid, lang in ((STAFF, "ru"), (ADMIN, "kk"), (STRANGER, "ru")):
            await users.ensure_user(s, uid)
            await users.set_language(s, uid, lang)
        await users.grant_role(s, STAFF, "staff")
        await users.grant_role(s, ADMIN, "admin")

    def client(user_id: int) -> Client:
        return Client(ChatSession(dialogs, services, db, user_id=user_id, language_hint="ru"))

    yield {"db": db, "storage": storage, "client": client, "clock": clock}
    await db.dispose()


async def test_full_staff_path_with_allowed_buttons_only(env):
    db = env["db"]
    number = await make_application(db, env["storage"], owner_id=APPLICANT, lang="kk")
    staff = env["client"](STAFF)

    await staff.command("queue")
    assert number in staff.text and "Выдача лицензии на туроператорскую" in staff.text
    assert f"stf:app:{number}" in staff.actions

    await staff.press(f"stf:app:{number}")
    card = staff.text
    for expected in (
        "Получение лицензии",
        "Юридическое лицо",
        "Заявление",
        "Копия устава",
        "PDF",
        "PNG",
        "Подано",
        "Договор страхования",
    ):
        assert expected in card, expected
    transitions = [a for a in staff.actions if a.split(":")[1] in ("to", "ref", "nd")]
    assert transitions == [f"stf:to:{number}:accepted"]

    await staff.press(f"stf:to:{number}:accepted")
    assert await status_of(db, number) == "accepted"
    assert "Принято" in staff.text
    assert [a for a in staff.actions if a.split(":")[1] in ("to", "ref", "nd")] == [
        f"stf:to:{number}:in_review"
    ]

    await staff.press(f"stf:to:{number}:in_review")
    moves = {a for a in staff.actions if a.split(":")[1] in ("to", "ref", "nd")}
    assert moves == {f"stf:to:{number}:approved", f"stf:ref:{number}", f"stf:nd:{number}"}

    # Request documents: items are the application's checklist items.
    await staff.press(f"stf:nd:{number}")
    assert "Договор страхования" in staff.text or any("ndt" in a for a in staff.actions)
    await staff.press(f"stf:nds:{number}")
    assert await status_of(db, number) == "in_review"  # nothing selected: nothing sent
    await staff.press(f"stf:ndt:{number}:2")
    await staff.press(f"stf:nds:{number}")
    assert await status_of(db, number) == "needs_documents"

    assert "⏳ Договор страхования" in staff.text  # requested, not uploaded yet
    rows = await outbox_rows(db)
    assert [r.chat_id for r in rows] == [APPLICANT] * 3
    last = render_text(rows[-1].payload)  # in the applicant's language (kk)
    assert number in last and "Сақтандыру шарты" in last

    # Back to review and approve (with confirmation).
    await staff.press(f"stf:to:{number}:in_review")
    await staff.press(f"stf:to:{number}:approved")
    assert await status_of(db, number) == "in_review"
    assert f"stf:ok:{number}:approved" in staff.actions
    await staff.press(f"stf:ok:{number}:approved")
    assert await status_of(db, number) == "approved"
    assert [a for a in staff.actions if a.split(":")[1] in ("to", "ref", "nd")] == [
        f"stf:to:{number}:issued"
    ]
    assert len(await outbox_rows(db)) == 5

    # A stale button of an earlier card changes nothing and says why.
    await staff.press(f"stf:to:{number}:accepted")
    assert await status_of(db, number) == "approved"
    assert "невозможно" in staff.text.lower()
    assert len(await outbox_rows(db)) == 5


async def test_refusal_with_ground_and_free_text(env):
    db = env["db"]
    number = await make_application(db, env["storage"], owner_id=APPLICANT, lang="ru")
    staff = env["client"](STAFF)
    await staff.press(f"stf:to:{number}:accepted")
    await staff.press(f"stf:to:{number}:in_review")
    await staff.press(f"stf:ref:{number}")
    assert "біліктілік талаптарына" in staff.text
    assert f"stf:rg:{number}:2" in staff.actions and f"stf:rg:{number}:0" in staff.actions
    await staff.press(f"stf:rg:{number}:2")
    await staff.send("Нет специалиста с опытом три года.")
    assert await status_of(db, number) == "refused"
    payload_text = render_text((await outbox_rows(db))[-1].payload)
    assert "біліктілік талаптарына" in payload_text
    assert "Нет специалиста с опытом три года." in payload_text
    assert "отказ" in payload_text.lower()


async def test_refusal_other_reason_requires_text(env):
    db = env["db"]
    number = await make_application(db, env["storage"], owner_id=APPLICANT)
    staff = env["client"](STAFF)
    for status in ("accepted", "in_review"):
        await staff.press(f"stf:to:{number}:{status}")
    await staff.press(f"stf:ref:{number}")
    await staff.press(f"stf:rg:{number}:0")
    assert f"stf:rgo:{number}" not in staff.actions
    await staff.press(f"stf:rgo:{number}")  # forged "without explanation": no ground, no text
    assert await status_of(db, number) == "in_review"
    await staff.send("Сведения не подтверждены")
    assert await status_of(db, number) == "refused"


async def test_comment_and_document_and_number_prompt(env):
    db = env["db"]
    number = await make_application(db, env["storage"], owner_id=APPLICANT, lang="kk")
    staff = env["client"](STAFF)
    await staff.command("app")
    await staff.send(number.lower().replace("-", " "))
    assert f"stf:cm:{number}" in staff.actions
    docs = [a for a in staff.actions if a.startswith("stf:doc:")]
    assert len(docs) == 2

    await staff.press(docs[0])
    view = staff.turn.views[0]
    assert view.document is not None
    assert await env["storage"].exists(view.document["key"])
    assert view.document["name"] == f"{number}-1.pdf"

    await staff.press(f"stf:cm:{number}")
    await staff.send("Келу уақыты: сейсенбі, 10:00")
    assert "Келу уақыты" in staff.text
    rows = await outbox_rows(db)
    assert rows[-1].kind == "comment"
    assert "Келу уақыты: сейсенбі, 10:00" in render_text(rows[-1].payload)
    assert await status_of(db, number) == "submitted"


async def test_queue_oldest_first_with_overdue_mark_and_overdue_report(env):
    db = env["db"]
    old = await make_application(
        db, env["storage"], owner_id=APPLICANT, now=NOW - timedelta(days=40), seed=1
    )
    new = await make_application(db, env["storage"], owner_id=APPLICANT + 1, seed=2)
    staff = env["client"](STAFF)
    await staff.command("queue")
    text = staff.text
    assert text.index(old) < text.index(new)
    old_line = next(line for line in text.splitlines() if old in line)
    new_line = next(line for line in text.splitlines() if new in line)
    assert "ПРОСРОЧЕНО" in old_line and "ПРОСРОЧЕНО" not in new_line

    await staff.command("overdue")
    assert old in staff.text and new not in staff.text
    env["clock"]["now"] = NOW + timedelta(days=40)  # the new one is overdue too
    await staff.command("overdue")
    assert new in staff.text


async def test_non_staff_is_refused_and_logged(env, caplog):
    db = env["db"]
    number = await make_application(db, env["storage"], owner_id=APPLICANT)
    stranger = env["client"](STRANGER)
    caplog.set_level(logging.WARNING, logger="dialogs.staff.access")
    for command, args in (("queue", ""), ("app", number), ("overdue", "")):
        await stranger.command(command, args)
        assert "только сотрудникам" in stranger.text
        assert number not in stranger.text
    await stranger.press(f"stf:to:{number}:accepted")
    assert "только сотрудникам" in (stranger.toast or "")
    await stranger.press("stf:doc:1")
    assert stranger.turn.views[0].document is None
    assert await status_of(db, number) == "submitted"
    assert await outbox_rows(db) == []
    records = [r.getMessage() for r in caplog.records if r.name == "dialogs.staff.access"]
    assert len(records) == 5
    assert all(str(STRANGER) in r and number not in r for r in records)

    applicant = env["client"](APPLICANT)
    await applicant.command("app", number)  # even the owner does not get the staff card
    assert "stf:" not in " ".join(applicant.actions)


async def test_staff_add_remove_by_admin_only(env):
    staff = env["client"](STAFF)
    await staff.command("staff", f"add {STRANGER}")
    assert "администратор" in staff.text.lower()

    admin = env["client"](ADMIN)
    await admin.command("staff", f"add {STRANGER}")
    stranger = env["client"](STRANGER)
    await stranger.command("queue")
    assert "только сотрудникам" not in stranger.text

    await admin.command("staff", "")
    assert str(STRANGER) in admin.text and str(STAFF) in admin.text
    await admin.command("staff", f"remove {STRANGER}")
    await stranger.command("queue")
    assert "только сотрудникам" in stranger.text
    await admin.command("staff", "promote someone")
    assert "/staff add" in admin.text


async def test_other_document_upload_shows_a_localised_label(env):
    import sqlalchemy as sa

    from domain.applications.models import OTHER_ITEM, Upload

    db = env["db"]
    number = await make_application(db, env["storage"], owner_id=APPLICANT, lang="kk")
    async with db.unit() as s:  # the applicant marked the second file as "another document"
        await s.execute(
            sa.update(Upload).where(Upload.item_id == "charter_copy").values(item_id=OTHER_ITEM)
        )
    staff = env["client"](STAFF)  # Russian
    await staff.command("app", number)
    assert OTHER_ITEM not in staff.text
    assert "2. Другой документ (не из перечня): PNG" in staff.text

    docs = [a for a in staff.actions if a.startswith("stf:doc:")]
    await staff.press(docs[1])
    assert staff.text == f"Заявление {number}, документ 2: Другой документ (не из перечня)"

    admin = env["client"](ADMIN)  # Kazakh; admins are not staff, so grant the role
    async with db.unit() as s:
        await users.grant_role(s, ADMIN, "staff")
    await admin.command("app", number)
    assert OTHER_ITEM not in admin.text
    assert "Басқа құжат (тізбеде жоқ)" in admin.text
