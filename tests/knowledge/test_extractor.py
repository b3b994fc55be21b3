"""Extractor: spot-checked facts per service and act, each with a citation into the text."""

from __future__ import annotations

import re

import pytest
from _k1_support import seed_kb  # noqa: F401  (fixture)

from knowledge.ingest.acts import parse_date
from knowledge.validate import _citations

ALMATY = ["medical_licence_almaty", "pharmacy_licence_almaty", "narcotics_licence_almaty",
          "scrap_metal_licence_almaty", "pesticides_licence_almaty", "cotton_warehouse_almaty",
          "passenger_bus_licence_almaty", "veterinary_licence_almaty"]


def test_services_per_seed(seed_kb):  # noqa: F811
    by_source: dict[str, list[str]] = {}
    for card in seed_kb.services.values():
        by_source.setdefault(card.source[:3], []).append(card.id)
    assert {k: len(v) for k, v in by_source.items()} == {
        "000": 1, "001": 1, "002": 2, "003": 8, "004": 4}
    assert sorted(by_source["003"]) == sorted(ALMATY)


def test_every_citation_points_at_its_text(seed_kb):  # noqa: F811
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).replace(" …", "").strip()

    checked = 0
    for card in seed_kb.services.values():
        for where, cit in _citations(card):
            para = seed_kb.paragraph(cit.paragraph_id)
            assert para is not None, (card.id, where)
            quote = norm(cit.quote)[:120]
            assert quote in norm(para.text), (card.id, where, quote)
            assert para.lines[0] <= cit.lines[0] <= cit.lines[1] <= para.lines[1]
            checked += 1
    assert checked > 300


# --- seed 000 (no act header) --------------------------------------------------------------

def test_tour_operator_deadlines_and_status(seed_kb):  # noqa: F811
    kb = seed_kb
    d = kb.deadline("tour_operator_vko", "reregister")
    assert (d.value, d.unit, d.scope) == (3, "working_days", "total")
    assert d.citation.paragraph == "6" and d.citation.lines == (199, 199)
    assert "3 (үш) жұмыс күні" in d.citation.quote
    issue = kb.deadline("tour_operator_vko", "issue")
    assert (issue.value, issue.unit) == (15, "working_days")
    reorg = kb.deadline("tour_operator_vko", "reregister_reorg")
    assert (reorg.value, reorg.unit) == (15, "working_days")
    card = kb.services["tour_operator_vko"]
    assert card.status == "unknown" and kb.acts[card.act_id].status == "unknown"
    assert [c.id for c in card.channels] == ["state_corporation", "portal_egov", "elicense"]
    assert card.documents.standard_reference == "9" and not card.documents.listed
    assert any(f.kind == "personal_cabinet" for f in card.result_delivery)


def test_tour_operator_refusal_grounds(seed_kb):  # noqa: F811
    grounds = [g for g in seed_kb.refusal_grounds("tour_operator_vko") if g.kind == "ground"]
    assert len(grounds) == 8
    assert [g.citation.subitem for g in grounds] == [str(i) for i in range(1, 9)]
    assert "лицензиялық алымның енгізілмеуі" in grounds[1].text
    assert "бөлінуі" in grounds[7].text and grounds[7].citation.lines == (100, 104)


# --- seed 001 ------------------------------------------------------------------------------

def test_grain_warehouse(seed_kb):  # noqa: F811
    kb = seed_kb
    card = kb.services["grain_warehouse_vko"]
    refusal = [g for g in card.refusal_grounds if g.kind == "deadline:2:working_days"]
    assert len(refusal) == 1
    assert refusal[0].citation.lines == (226, 228)
    assert "екі жұмыс күні ішінде" in refusal[0].text
    assert [c.id for c in card.channels] == ["portal_egov", "provider_office"]
    assert card.form == ["electronic", "partially_automated", "paper"]
    assert any("ЭҮТШ" in f.text for f in card.payment)
    act = kb.acts[card.act_id]
    assert (act.issuer, act.kind, act.number, act.date) == (
        "Шығыс Қазақстан облысы әкімдігінің", "қаулы", "71", "2014-03-27")
    assert (act.justice_reg_number, act.justice_reg_date) == ("3304", "2014-05-11")
    assert act.status == "repealed"
    assert (act.repealed_by.number, act.repealed_by.date) == ("233", "2015-09-14")
    assert act.notes[0].lines == (11, 13)


# --- seed 002 ------------------------------------------------------------------------------

def test_atyrau_act_repealed_by_resolution_304(seed_kb):  # noqa: F811
    act = seed_kb.acts["qauly_2017_307"]
    assert act.status == "repealed" and act.status_source == "text"
    assert act.repealed_by.issuer == "Атырау облысы әкімдігінің"
    assert (act.repealed_by.number, act.repealed_by.date, act.repealed_by.kind) == (
        "304", "2019-12-25", "қаулы")
    # the note writes the date the other way: both parse to the same act
    assert act.notes[0].act.number == "304" and act.notes[0].act.date == "2019-12-25"
    assert len(act.regulation_ids) == 2


def test_atyrau_services(seed_kb):  # noqa: F811
    kb = seed_kb
    cert = kb.services["intl_inspection_certificate_atyrau"]
    assert cert.result_form == ["paper"]
    assert any(f.kind == "personal_cabinet" for f in cert.result_delivery)
    bus = kb.services["passenger_bus_licence_atyrau"]
    review = {c.id: (c.deadlines[0].value, c.deadlines[0].scope) for c in bus.cases}
    assert review == {"issue": (14, "step"), "reregister": (2, "step"), "duplicate": (1, "step")}
    assert "Жолаушылар көлігі және автомобиль жолдары басқармасы" in bus.provider_kk


# --- seed 003: the eight Almaty licences differ -------------------------------------------

AGENCIES = {
    "medical_licence_almaty": {"health_department", "consumer_protection_department"},
    "pharmacy_licence_almaty": {"health_department", "consumer_protection_department"},
    "narcotics_licence_almaty": {"consumer_protection_department", "emergency_department"},
    "scrap_metal_licence_almaty": set(),
    "pesticides_licence_almaty": {"agriculture_department", "consumer_protection_department"},
    "cotton_warehouse_almaty": {"agriculture_department"},
    "passenger_bus_licence_almaty": {"passenger_transport_department"},
    "veterinary_licence_almaty": {"agriculture_department"},
}
CENTRE = {"medical_licence_almaty", "narcotics_licence_almaty", "cotton_warehouse_almaty",
          "passenger_bus_licence_almaty"}
LEGAL_ONLY = {"narcotics_licence_almaty", "cotton_warehouse_almaty", "scrap_metal_licence_almaty"}


@pytest.mark.parametrize("sid", ALMATY)
def test_almaty_differences(seed_kb, sid):  # noqa: F811
    card = seed_kb.services[sid]
    assert {a.id for a in card.agencies} == AGENCIES[sid]
    assert ("state_corporation" in {c.id for c in card.channels}) == (sid in CENTRE)
    assert card.legal_entities_only == (sid in LEGAL_ONLY)
    # what they share: the standard's paragraphs for deadlines, documents and the fee
    assert card.deadline_reference.standard_reference == "4"
    assert card.documents.standard_reference == "9"
    assert any(f.kind == "licence_fee:standard:7" for f in card.fees)
    assert seed_kb.deadline(sid, "issue").standard_reference == "4"


def test_medical_licence_consults_health_and_consumer_protection(seed_kb):  # noqa: F811
    card = seed_kb.services["medical_licence_almaty"]
    health = next(a for a in card.agencies if a.id == "health_department")
    assert health.name_kk.startswith("Алматы қаласы Денсаулық сақтау басқармасы")
    assert health.citation.paragraph == "5" and health.citation.subitem == "10"
    assert 218 <= health.citation.lines[0] <= 223
    assert "annex" in {c.id for c in card.cases}
    assert [f.kind for f in card.fees] == ["licence_fee:standard:7"]


def test_forms_differ_where_the_text_differs(seed_kb):  # noqa: F811
    assert "paper" not in seed_kb.services["scrap_metal_licence_almaty"].form
    assert "paper" in seed_kb.services["medical_licence_almaty"].form


# --- seed 004 ------------------------------------------------------------------------------

def test_construction_services_list_their_documents(seed_kb):  # noqa: F811
    cards = [c for c in seed_kb.services.values() if c.source.startswith("004")]
    assert len(cards) == 4
    for card in cards:
        assert card.documents.listed
        assert len(card.documents.paragraph_ids) == 1
        assert card.documents.paragraph_ids[0].endswith(":p10.4")
        para = seed_kb.paragraph(card.documents.paragraph_ids[0])
        assert para.text.startswith("4) мемлекеттік көрсетілетін қызметті алу үшін")
        assert seed_kb.acts[card.act_id].repealed_by.number == "223"


def test_construction_cases_and_reasons(seed_kb):  # noqa: F811
    shared = seed_kb.services["shared_construction_licence"]
    assert {"issue_stage1", "issue_stage2"} <= {c.id for c in shared.cases}
    stage2 = shared.case("issue_stage2")
    assert stage2.citation.lines[0] == 938
    design = seed_kb.services["design_licence"]
    assert "reregister_category" in {c.id for c in design.cases}
    reasons = design.case("reregister").reasons
    assert any("тегі, аты, әкесінің аты өзгеруіне" in r.text for r in reasons)
    survey = seed_kb.services["survey_licence"]
    assert {"legal_entity", "individual", "individual_entrepreneur", "foreign"} <= set(
        survey.applicants)
    assert survey.deadline_reference.standard_reference == "4"


def test_act_repealed_by_order_223(seed_kb):  # noqa: F811
    act = seed_kb.acts["buiryq_2013_384-nq"]
    assert (act.kind, act.number, act.date) == ("бұйрық", "384/НҚ", "2013-12-20")
    assert act.issuer == "Қазақстан Республикасы Өңірлік даму министрінің м.а."
    assert (act.repealed_by.number, act.repealed_by.date, act.repealed_by.kind) == (
        "223", "2016-05-27", "бұйрық")
    amendments = [n for n in act.notes if n.regulation_id]
    assert len(amendments) == 8 and {n.act.number for n in amendments if n.act} == {"186/НҚ"}


@pytest.mark.parametrize(("text", "iso"), [
    ("2016 жылғы 12 мамырдағы № 2/190", "2016-05-12"),
    ("12.05.2016 № 2/190", "2016-05-12"),
    ("2014 жылы 05 ақпанда № 9129", "2014-02-05"),
    ("2014 жылғы \" 27 \"_наурыздағы", "2014-03-27"),
])
def test_date_forms(text, iso):
    assert parse_date(text) == iso
