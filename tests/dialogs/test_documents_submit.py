"""Submission from the document check (no Telegram): details validated with localised errors
(IIN/BIN check digit, name, phone by the contact button or typed), confirmation, the
application created by the applications domain, and the receipt with number, documents and the
statutory deadline (a due date when the regulation gives a figure, else the standard)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from documents_harness import (  # noqa: F401
    OVERLAY_SERVICE,
    Holder,
    World,
    incoming,
    overlay_kb_fixture,
    pdf,
    world_fixture,
)

from domain.applications.messages import error_message
from domain.applications.models import Application
from domain.calendar import default_calendar
from domain.i18n import t
from domain.identity import IdentityChecksumError, IdentityKindError, check_digit

DESIGN = "design_licence"
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday, 11:00 in Almaty


def valid(first11: str) -> str:
    return first11 + str(check_digit(first11))


BIN = valid("08094000001")
IIN = valid("95070240000")


def err(lang: str, error: Exception) -> str:
    msgid, params = error_message(error)
    return t(lang, msgid, **params)


async def application(world: World, owner: int) -> Application:
    async with world.db.sessionmaker() as s:
        return (await s.scalars(sa.select(Application).where(Application.owner_id == owner))).one()


async def complete_design_check(a) -> int:
    await a.press(f"docs:svc:{DESIGN}", anywhere=True)
    draft = a.state["docs"]["draft"]
    await a.press(f"docs:case:{draft}:issue")
    await a.press(f"docs:who:{draft}:legal_entity")
    await a.press(f"docs:ch:{draft}:center")
    await a.send("оригиналы для сверки предъявлю")
    await a.send("сбор оплачен через платёжный шлюз электронного правительства")
    await a.press(f"docs:cond:{draft}:foreign_applicant:0")
    assert a.step == "docs.check"
    await a.files(
        incoming(pdf(1), "ustav.pdf", caption="устав"),
        incoming(pdf(2), "zayavlenie.pdf", caption="заявление"),
    )
    await a.send(
        "справка о государственной регистрации юридического лица\n"
        "свидетельство о постановке на учёт в налоговом органе\nформа сведений"
    )
    return draft


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_submit_a_complete_set_with_validated_details(world: World, lang):
    owner = 7100 + len(lang)
    a = world.applicant(user_id=owner, hint=lang)
    draft = await complete_design_check(a)
    assert t(lang, "✅ The set is complete: every required document is there.") in a.text
    await a.press(f"docs:submit:{draft}")
    assert t(lang, "Send the organisation's BIN (12 digits).") in a.text

    await a.send(BIN[:-1] + str((int(BIN[-1]) + 1) % 10))
    assert err(lang, IdentityChecksumError()) in a.text
    await a.send(IIN)  # an IIN where the organisation's BIN is expected
    assert err(lang, IdentityKindError()) in a.text
    await a.send(BIN)
    await a.send("1")
    assert t(lang, error_message(_invalid("name"))[0]) in a.text
    await a.send("ТОО «Жоба-Сервис»")
    assert a.turn.views[-1].request_contact  # the share-my-phone button
    await a.send("12-34")
    assert t(lang, error_message(_invalid("phone"))[0]) in a.text
    await a.contact("77011234567")
    assert a.step == "docs.confirm"
    assert BIN not in a.text and BIN[:4] in a.text and "ТОО «Жоба-Сервис»" in a.text
    assert "+77011234567" in a.text

    await a.press(f"docs:send:{draft}")
    number = re.search(r"LIC-\d{4}-\d{6}", a.text).group(0)
    assert (
        t(lang, "Your application has been submitted. Number: {number}.", number=number) in a.text
    )
    assert "ustav.pdf" in a.text and "zayavlenie.pdf" in a.text
    # The regulation defers the deadline to the standard: said so, with the citation.
    assert "384/НҚ" in a.text and " 4" in a.text
    assert "apps:list:0" in a.actions
    assert "who" not in a.state.get("docs", {})  # personal details are not kept in the state

    app = await application(world, owner)
    assert app.number == number and app.status == "submitted" and not app.known_gap
    assert app.identity_number == BIN and app.phone == "+77011234567" and app.lang == lang
    assert app.due_date is None and app.case_id == "issue" and app.channel == "center"
    assert len(await world.uploads(application_id=app.id)) == 2
    assert await world.drafts(owner) == []


async def test_known_gap_is_confirmed_and_recorded(world: World, real_kb):
    a = world.applicant(user_id=7200, hint="ru")
    await a.press(f"docs:svc:{DESIGN}", anywhere=True)
    draft = a.state["docs"]["draft"]
    await a.press(f"docs:case:{draft}:reregister")
    await a.press(f"docs:rsn:{draft}:entity_name_address")
    await a.press(f"docs:who:{draft}:individual_entrepreneur")
    await a.press(f"docs:ch:{draft}:center")
    while a.step == "docs.cond":
        await a.press(next(x for x in a.actions if x.endswith(":0")))
    await a.files(incoming(pdf(3), "app.pdf", caption="заявление"))
    await a.press(f"docs:submit:{draft}")
    assert f"docs:gap:{draft}" in a.actions and a.step == "docs.check"
    await a.press(f"docs:gap:{draft}")
    await a.send(IIN)
    await a.send("Серікова Айгүл Маратқызы")
    await a.send("8 701 123 45 67")  # typed instead of shared
    assert "+77011234567" in a.text
    assert (
        t("ru", "Missing documents (recorded in the application): {value}").split("{")[0] in a.text
    )
    await a.press(f"docs:send:{draft}")
    app = await application(world, 7200)
    expected = real_kb.checklist(
        {
            "service": DESIGN,
            "case": "reregister",
            "applicant": "individual_entrepreneur",
            "channel": "center",
            "have": ["application"],
            "situation": {"licence_in_state_systems": False, "fee_paid_via_gateway": False},
        }
    )
    assert app.known_gap
    assert [m["id"] for m in app.missing_items] == [m["id"] for m in expected["missing"]]
    assert (
        t("ru", "Submitted knowing that these documents are missing: {names}.").split("{")[0]
        in a.text
    )
    # The re-registration reason is recorded in the application's history.
    await a.press(f"apps:open:{app.number}", anywhere=True)
    assert "Изменение наименования" in a.text


async def test_due_date_from_the_regulations_figure(settings, db, overlay_kb):
    """A service whose list comes from the overlay and whose regulation states 15 working
    days: the receipt gives the due date computed with the working-day calendar."""
    world = World(settings, db, Holder(overlay_kb), clock=lambda: NOW)
    a = world.applicant(user_id=7300, hint="ru")
    await a.press(f"docs:svc:{OVERLAY_SERVICE}", anywhere=True)
    draft = a.state["docs"]["draft"]
    assert a.step == "docs.check"
    await a.send("заявление\nдоговор страхования гражданско-правовой ответственности")
    await a.press(f"docs:submit:{draft}")
    await a.send(IIN)
    await a.send("Иванов Иван")
    await a.contact("+7 701 000 00 00")
    await a.press(f"docs:send:{draft}")
    deadline = overlay_kb.deadline(OVERLAY_SERVICE, "issue")
    due = default_calendar().due(NOW, deadline.value, deadline.unit).date
    assert due.strftime("%d.%m.%Y") in a.text
    assert "15 рабочих дней" in a.text
    app = await application(world, 7300)
    assert app.due_date == due and app.deadline_unit == "working_days"


def _invalid(field: str):
    from domain.applications.errors import InvalidDetails

    return InvalidDetails(field=field)
