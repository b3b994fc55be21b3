"""The document check through the dialogs (no Telegram), on the real knowledge base and a real
SQLite database; every step's dialog state goes through JSON and the database.

Expected lists are computed with ``kb.checklist`` (the same function the CLI uses) for the same
choices, never written down here.
"""

from __future__ import annotations

import pytest
from documents_harness import (  # noqa: F401
    OVERLAY_SERVICE,
    Holder,
    World,
    overlay_kb_fixture,
    world_fixture,
)

from dialogs.common.ids import token
from domain.i18n import t

DESIGN = "design_licence"
SHARED = "shared_construction_licence"
REFERENCE_ONLY = "medical_licence_almaty"


def expected(kb, service, case, applicant, channel, situation, have=()):
    return kb.checklist(
        {
            "service": service,
            "case": case,
            "applicant": applicant,
            "channel": channel,
            "situation": situation,
            "have": list(have),
        }
    )


async def walk(a, service, *, case=None, reason=None, applicant=None, channel=None, answers=None):
    """From the service card's button to the checklist, answering with buttons."""
    await a.press(f"docs:svc:{token(service)}", anywhere=True)
    for verb, value in (("case", case), ("rsn", reason), ("who", applicant), ("ch", channel)):
        prefix = f"docs:{verb}:"
        if any(x.startswith(prefix) for x in a.actions):
            assert value is not None, f"unexpected question {verb}: {a.text}"
            await a.press(
                next(
                    x for x in a.actions if x.startswith(prefix) and x.endswith(":" + token(value))
                )
            )
    answers = answers or {}
    while a.step == "docs.cond":
        cid = a.actions[0].split(":")[3]
        assert cid in answers, f"unexpected condition {cid}"
        await a.press(next(x for x in a.actions if x.endswith(f":{cid}:{answers[cid]}")))
    assert a.step == "docs.check", a.text


async def test_full_check_in_russian_matches_the_knowledge_base(world: World, real_kb):
    a = world.applicant(hint="ru")
    await a.press(f"docs:svc:{DESIGN}", anywhere=True)
    # The case: exactly the cases the regulation distinguishes for this service.
    options = real_kb.checklist_options(DESIGN)
    assert [x.split(":")[3] for x in a.actions if x.startswith("docs:case:")] == [
        c["id"] for c in options["cases"]
    ]
    await a.press(f"docs:case:{a.state['docs']['draft']}:issue")
    assert t("ru", "Who is the applicant?") in a.text
    assert {x.split(":")[3] for x in a.actions if x.startswith("docs:who:")} == {
        x["id"] for x in options["applicant_types"]
    }
    draft = a.state["docs"]["draft"]
    await a.press(f"docs:who:{draft}:legal_entity")
    await a.press(f"docs:ch:{draft}:center")
    # Conditions that matter: yes/no buttons, or the situation in the applicant's own words.
    assert a.step == "docs.cond"
    assert "оригиналы" in a.text and f"docs:cond:{draft}:originals_presented:1" in a.actions
    await a.send("Оригиналы для сверки не предъявляю")
    assert "Для сверки предъявляются оригиналы документов — нет" in a.text
    assert f"docs:cond:{draft}:fee_paid_via_gateway:0" in a.actions
    await a.press(f"docs:cond:{draft}:fee_paid_via_gateway:0")
    await a.send("нет")  # the foreign-applicant question
    assert a.step == "docs.check"

    situation = {
        "originals_presented": False,
        "fee_paid_via_gateway": False,
        "foreign_applicant": False,
    }
    reference = expected(real_kb, DESIGN, "issue", "legal_entity", "center", situation)
    required = [m["id"] for m in reference["missing"]]
    items = [x.split(":")[3] for x in a.actions if x.startswith(f"docs:it:{draft}:")]
    assert items == [token(i) for i in required]
    text = a.text
    for m in reference["missing"]:
        assert m["name_ru"][1:40] in text
        if m["condition_ru"]:
            assert m["condition_ru"] in text  # the condition in plain words
    assert "384/НҚ" in text and "пункт 10" in text  # the citation
    for nr in reference["not_required"]:
        assert nr["name_ru"][1:40] in text  # the foreign applicant's document: not needed
    assert t("ru", "Still missing: {names}.").split("{")[0] in text

    # Tick two documents with buttons and describe one in words: the missing list shrinks.
    await a.press(f"docs:it:{draft}:application")
    assert "Стандарт" in a.text and "пункт 10, подпункт 4)" in a.text
    await a.press(f"docs:tk:{draft}:application")
    await a.press(f"docs:list:{draft}")
    await a.send("копия устава, нотариально заверенная\nбилет на концерт")
    assert "копия устава" in a.text.casefold()
    assert "билет на концерт" in a.text  # reported as not matched
    now = expected(
        real_kb,
        DESIGN,
        "issue",
        "legal_entity",
        "center",
        situation,
        have=["application", "charter_copy"],
    )
    assert len(now["missing"]) == len(required) - 2
    summary = a.text.split(t("ru", "Still missing: {names}.").split("{")[0])[1]
    assert "устава" not in summary and "заявление" not in summary.casefold()

    # Complete only when every unconditional document is there.
    await a.send("\n".join(m["name_ru"] for m in now["missing"]))
    assert t("ru", "✅ The set is complete: every required document is there.") in a.text


async def test_kazakh_check_with_open_conditions_and_automatic_choices(world: World, real_kb):
    a = world.applicant(user_id=5151, hint="kk")
    await a.press(f"docs:svc:{SHARED}", anywhere=True)
    draft = a.state["docs"]["draft"]
    # One applicant type and one channel only: never asked.
    await a.press(f"docs:case:{draft}:issue_stage1")
    assert a.step == "docs.cond" and not any(x.startswith("docs:who:") for x in a.actions)
    # "I don't know yet" leaves a condition open: its documents stay conditional.
    while a.step == "docs.cond":
        await a.press(next(x for x in a.actions if x.endswith(":x")))
    assert t("kk", "Needed only in some situations:") in a.text
    reference = expected(real_kb, SHARED, "issue_stage1", "legal_entity", "provider_or_center", {})
    assert reference["open_conditions"]
    conditional = {
        d for c in reference["open_conditions"] for d in c["documents"] if c["effect"] != "form"
    }
    assert conditional and all(f"docs:it:{draft}:{token(d)}" in a.actions for d in conditional)
    # Everything the regulation requires unconditionally, ticked: complete, though the
    # conditional documents are not there.
    for m in reference["missing"]:
        await a.press(f"docs:tk:{draft}:{token(m['id'])}", anywhere=True)
    await a.press(f"docs:list:{draft}")
    assert t("kk", "✅ The set is complete: every required document is there.") in a.text
    assert "Still" not in a.text and "Tap" not in a.text  # no English left


async def test_reregistration_reason_is_asked_and_shown(world: World, real_kb):
    a = world.applicant(user_id=5252, hint="ru")
    await walk(
        a,
        DESIGN,
        case="reregister",
        reason="reorganisation",
        applicant="legal_entity",
        channel="portal",
        answers={"licence_in_state_systems": "1", "fee_paid_via_gateway": "1"},
    )
    assert "Причина: Реорганизация юридического лица" in a.text
    reference = expected(
        real_kb,
        DESIGN,
        "reregister",
        "legal_entity",
        "portal",
        {"licence_in_state_systems": True, "fee_paid_via_gateway": True},
    )
    draft = a.state["docs"]["draft"]
    assert [x for x in a.actions if x.startswith("docs:it:")] == [
        f"docs:it:{draft}:{token(m['id'])}" for m in reference["missing"]
    ]
    # Changing the answers starts the questions again; the draft stays the same.
    await a.press(f"docs:redo:{draft}")
    assert a.step == "docs.choice" and any(x.startswith(f"docs:case:{draft}:") for x in a.actions)


async def test_service_without_its_own_list_invents_nothing(world: World, real_kb):
    a = world.applicant(user_id=5353, hint="ru")
    await a.press(f"docs:svc:{REFERENCE_ONLY}", anywhere=True)
    options = real_kb.checklist_options(REFERENCE_ONLY)
    ref = options["reference"]
    assert options["source"] == "standard_reference"
    assert (
        f"пункт {ref['standard_paragraph']}" in a.text or str(ref["standard_paragraph"]) in a.text
    )
    assert ref["quote"][:40] in a.text and "2/279" in a.text  # cited, with the act
    assert not any(x.startswith("docs:it:") for x in a.actions)  # no list at all
    assert f"op:ask:{token(REFERENCE_ONLY)}" in a.actions
    assert await world.drafts(5353) == []


async def test_overlay_list_is_marked_as_the_maintainers(settings, db, overlay_kb):
    world = World(settings, db, Holder(overlay_kb))
    a = world.applicant(user_id=5454, hint="ru")
    await walk(a, OVERLAY_SERVICE, answers={})
    source = t(
        "ru",
        "Source of the list: the regulation refers to the service standard "
        "({citation}); this list was entered from the standard by the maintainers of "
        "the knowledge base and is not quoted from the regulation.",
    )
    assert source.split("(")[0] in a.text and source.split(")")[-1] in a.text
    assert "Перечень по стандарту государственной услуги." in a.text  # the maintainers' note
    assert "заявление по форме" in a.text.casefold() and "страхования" in a.text
    draft = a.state["docs"]["draft"]
    await a.press(f"docs:it:{draft}:insurance_contract_copy")
    assert "Стандарттың 9-тармағының 3) тармақшасы" in a.text


async def test_open_drafts_are_offered_first(world: World):
    a = world.applicant(user_id=5555, hint="ru")
    await walk(
        a,
        DESIGN,
        case="duplicate",
        applicant="individual",
        answers={"licence_in_state_systems": "0", "fee_paid_via_gateway": "0"},
    )
    draft = a.state["docs"]["draft"]
    await a.command("start")
    await a.press("docs:start", anywhere=True)
    assert f"docs:open:{draft}" in a.actions and "docs:pick:0" in a.actions
    await a.press(f"docs:open:{draft}")
    assert a.step == "docs.check" and f"docs:it:{draft}:application" in a.actions
    # The same service again resumes this draft rather than starting a second one.
    await a.press(f"docs:svc:{DESIGN}", anywhere=True)
    assert a.state["docs"]["draft"] == draft
    assert len(await world.drafts(5555)) == 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_typed_service_name_finds_the_service(world: World, lang):
    a = world.applicant(user_id=5656, hint=lang)
    await a.press("docs:start", anywhere=True)
    assert a.step == "docs.service"
    await a.send("жобалау қызметі" if lang == "kk" else "проектная деятельность")
    assert f"docs:svc:{DESIGN}" in a.actions
