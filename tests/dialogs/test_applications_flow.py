"""``/my`` through the dialogs (no Telegram): only the applicant's own applications and drafts,
an application's history, uploading documents staff requested (status stays for staff to
move), withdrawing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from documents_harness import World, incoming, pdf, world_fixture  # noqa: F401

from dialogs.common.ids import token
from domain.applications import drafts, status, submit
from domain.applications.models import Outbox
from domain.i18n import t
from domain.identity import check_digit

IIN = "95070240000" + str(check_digit("95070240000"))
SERVICE = "design_licence"
TITLES = {"kk": "Жобалау қызметіне лицензия", "ru": "Лицензия на проектную деятельность"}


async def submitted(world: World, owner: int, lang: str = "ru", seed: int = 0) -> str:
    """An application made by the applications domain (as the documents flow does)."""
    async with world.db.unit() as s:
        draft = await drafts.create_draft(
            s,
            owner_id=owner,
            service_id=SERVICE,
            case_id="issue",
            applicant_type="legal_entity",
            channel="center",
        )
        await drafts.add_upload(
            s,
            world.storage,
            owner_id=owner,
            draft=draft,
            item_id="application",
            chunks=_chunks(pdf(100 + seed)),
            original_name="заявление.pdf",
        )
        app = await submit.submit_draft(
            s,
            draft,
            owner_id=owner,
            identity=IIN,
            name="Айгүл",
            phone="+77011234567",
            chat_id=owner,
            lang=lang,
            service_title=TITLES,
        )
        return app.number


async def _chunks(data: bytes):
    yield data


async def staff_requests(world: World, number: str, items: list[dict]) -> None:
    from domain.applications.queries import get_by_number

    async with world.db.unit() as s:
        app = await get_by_number(s, number)
        for to in ("accepted", "in_review"):
            await status.change_status(s, app, to, actor=status.Actor.staff(1))
        await status.change_status(
            s, app, "needs_documents", actor=status.Actor.staff(1), items=items
        )


async def test_my_lists_only_own_applications_and_drafts(world: World):
    a = world.applicant(user_id=8100, hint="ru")
    await a.command("my")
    assert (
        t(
            "ru",
            "You have no applications or drafts yet. Start with a document check: I will "
            "tell you what to prepare and help you submit the application.",
        )
        in a.text
    )
    assert "docs:start" in a.actions

    mine = await submitted(world, 8100)
    theirs = await submitted(world, 8101, seed=1)
    await a.press(f"docs:svc:{SERVICE}", anywhere=True)  # a draft too
    draft = a.state["docs"]["draft"]
    await a.command("my")
    assert mine in a.text and theirs not in a.text
    assert f"apps:open:{mine}" in a.actions and f"docs:open:{draft}" in a.actions
    assert t("ru", "Submitted") in a.text  # the status, in the applicant's language

    await a.press(f"apps:open:{theirs}", anywhere=True)
    assert theirs not in a.text  # not found, nothing shown
    await a.press(f"apps:open:{mine}", anywhere=True)
    assert "заявление.pdf" in a.text and t("ru", "History:") in a.text
    assert f"apps:wd:{mine}" in a.actions


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_upload_requested_documents_to_the_application(world: World, lang):
    owner = 8200 + len(lang)
    number = await submitted(world, owner, lang)
    world.settings.staff_chat_id = -100777
    items = [
        {"id": "charter_copy", "name_kk": "жарғының көшірмесі", "name_ru": "копия устава"},
        {"id": "information_form", "name_kk": "мәліметтер нысаны", "name_ru": "форма сведений"},
        {
            "id": "tax_registration_certificate_copy",
            "name_kk": "салық органында есепке қою туралы куәліктің көшірмесі",
            "name_ru": "копия свидетельства о постановке на учёт в налоговом органе",
        },
    ]
    await staff_requests(world, number, items)
    a = world.applicant(user_id=owner, hint=lang)
    await a.command("my")
    assert t(lang, "Documents requested") in a.text
    await a.press(f"apps:open:{number}")
    assert t(lang, "The agency asks you to upload:") in a.text
    up = [x for x in a.actions if x.startswith(f"apps:up:{number}:")]
    assert up == [f"apps:up:{number}:{token(i['id'], room=30)}" for i in items]
    # The document the applicant tapped.
    await a.press(up[0])
    await a.files(incoming(pdf(5), "ustav.pdf"))
    assert f"apps:up:{number}:charter_copy" not in a.actions
    # No caption, two documents still requested: the bot asks which one.
    await a.files(incoming(pdf(6), "scan.pdf"))
    assert t(lang, "Which requested document is “{file}”?", file="scan.pdf") in a.text
    await a.press(next(x for x in a.actions if x.endswith(":information_form")))
    # A caption names the last one.
    await a.files(
        incoming(
            pdf(7), "nalog.pdf", caption="свидетельство о постановке на учёт в налоговом органе"
        )
    )
    assert (
        t(
            lang,
            "All requested documents have been uploaded. The agency will continue "
            "reviewing your application.",
        )
        in a.text
    )

    from domain.applications.queries import get_by_number, outstanding_requested

    async with world.db.sessionmaker() as s:
        app = await get_by_number(s, number)
        assert app.status == "needs_documents"  # staff moves it on
        assert await outstanding_requested(s, app) == []
        ups = await drafts.list_uploads(s, application_id=app.id)
        assert [u.item_id for u in ups] == ["application", *(i["id"] for i in items)]
        rows = list(await s.scalars(sa.select(Outbox).where(Outbox.chat_id == -100777)))
    assert rows and number in str(rows[0].payload)


async def test_delete_a_file_added_after_the_request(world: World):
    number = await submitted(world, 8300)
    await staff_requests(
        world, number, [{"id": "charter_copy", "name_kk": "жарғы", "name_ru": "устав"}]
    )
    a = world.applicant(user_id=8300, hint="ru")
    await a.press(f"apps:open:{number}", anywhere=True)
    await a.files(incoming(pdf(9), "ustav.pdf"))
    delete = [x for x in a.actions if x.startswith("apps:del:")]
    assert len(delete) == 1  # only the new file; the submitted ones are locked
    (added,) = [
        u for u in await world.uploads_of_application(number) if u.item_id == "charter_copy"
    ]
    await a.press(delete[0])
    assert t("ru", "The file has been deleted.") in a.text
    assert f"apps:up:{number}:charter_copy" in a.actions
    await a.press(f"apps:open:{number}", anywhere=True)  # the next event removes the file
    assert not await world.storage.exists(added.storage_key)


async def test_withdraw_after_confirmation(world: World):
    number = await submitted(world, 8400)
    a = world.applicant(user_id=8400, hint="kk")
    await a.press(f"apps:open:{number}", anywhere=True)
    await a.press(f"apps:wd:{number}")
    assert f"apps:wdok:{number}" in a.actions and f"apps:open:{number}" in a.actions
    await a.press(f"apps:wdok:{number}")
    assert t("kk", "Application {number} has been withdrawn.", number=number) in a.text
    assert f"apps:wd:{number}" not in a.actions
    assert t("kk", "Withdrawn") in a.text
    # Another applicant cannot withdraw it (nor see it).
    b = world.applicant(user_id=8401, hint="kk")
    other = await submitted(world, 8401, seed=3)
    await b.press(f"apps:wdok:{number}", anywhere=True)
    await a.press(f"apps:wdok:{other}", anywhere=True)
    from domain.applications.queries import get_by_number

    async with world.db.sessionmaker() as s:
        assert (await get_by_number(s, other)).status == "submitted"


async def test_long_list_pages_and_typed_words_go_to_questions(world: World):
    numbers = [await submitted(world, 8500, seed=10 + i) for i in range(9)]
    a = world.applicant(user_id=8500, hint="ru")
    await a.command("my")
    assert numbers[-1] in a.text and numbers[0] not in a.text  # newest first
    await a.press("apps:page:1")
    assert numbers[0] in a.text and a.turn.views[0].edit
    await a.press(f"apps:open:{numbers[0]}")
    assert a.step == "apps.app"
    await a.send("Сколько стоит лицензия?")
    assert a.step != "apps.app"
