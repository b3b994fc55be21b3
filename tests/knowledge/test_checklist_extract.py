"""Extraction of document lists from the regulations (seed 004 lists them; others refer to the
standard)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from knowledge import load_knowledge
from knowledge.checklists.catalogue import catalogue
from knowledge.checklists.extract import Extractor, Unit, extract_checklists, split_segments
from knowledge.checklists.phrasebook import translate

SEED_004 = "004_5ed7abd35358b233.txt"
ROOT = Path(__file__).resolve().parents[2]
DEV_CASES = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")) / "eval" / \
    "dev_checklists.yaml"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_knowledge(tmp_path_factory.mktemp("kb") / "kb.json")


def _by_source(kb, source_prefix):
    return {sid: c for sid, c in kb.services.items() if c.source.startswith(source_prefix)}


def _service(kb, title_start):
    return next(c for c in kb.services.values() if c.title_kk.startswith(title_start))


def _blocks(card):
    return {(b["case"], "_or_".join(b["channels"])): b for b in card.checklist_data["blocks"]}


def test_split_segments_respects_brackets_and_quotes():
    text = ("a (x; y) b; төлем «шлюз; арқылы» c; header: d. www.egov.kz e")
    parts = [(s.text.strip(), s.terminator) for s in split_segments(text)]
    assert parts[0] == ("a (x; y) b", ";")
    assert parts[1] == ("төлем «шлюз; арқылы» c", ";")
    assert parts[2] == ("header", ":")
    assert parts[3][0] == "d"
    assert parts[4][0] == "www.egov.kz e"


def test_document_line_with_two_documents_is_split_and_conditions_attached():
    docs = Extractor().parse_document(
        "заңды тұлға үшін – жарғының көшірмесі (салыстырып тексеру үшін түпнұсқалары "
        "берілмеген жағдайда, нотариалды куәландырылған) және өтініш беруші заңды тұлғаның "
        "мемлекеттік тіркелгені (қайта тіркелгені) туралы анықтама")
    assert [d["name_kk"] for d in docs] == [
        "жарғының көшірмесі",
        "өтініш беруші заңды тұлғаның мемлекеттік тіркелгені (қайта тіркелгені) туралы анықтама"]
    assert docs[0]["conditions"] == ["originals_presented"]
    assert docs[1]["conditions"] == []
    assert all(d["applicant_types"] == ["legal_entity"] for d in docs)


@pytest.mark.parametrize("line", [
    "лицензияның және лицензияға қосымшаның көшірмесі",
    "құрылысты аяқтау үшін толық көлемде меншікті қаражатының бар екені туралы агент-банк "
    "анықтамасының және құрылысты аяқтау үшін жеткілікті инвестиция беру туралы инвестормен "
    "келісімнің көшірмесі",
])
def test_and_inside_one_document_name_is_not_split(line):
    assert len(Extractor().parse_document(line)) == 1


def test_conditions_are_removed_from_the_name():
    ext = Extractor()
    fee = ext.parse_document(
        "төлем «электрондық үкіметтің» төлем шлюзі арқылы жүзеге асырылған жағдайларды "
        "қоспағанда, жекелеген қызмет түрлерімен айналысу құқығы үшін бюджетке лицензиялық "
        "алымның төленгенін растайтын құжаттың көшірмесі")[0]
    assert fee["conditions"] == ["fee_paid_via_gateway"]
    assert fee["name_kk"].startswith("жекелеген қызмет түрлерімен")
    foreign = ext.parse_document(
        "шетелдік тұлға өтініш берген жағдайда, І немесе ІІ санаттағы лицензия алу қажет "
        "болғанда, лицензияның немесе шет мемлекеттің шетелдік тұлғалар үшін жобалау қызметіне "
        "тиісті растамасы бар тиісті рұқсат беру құжатының көшірмесі, ол электронды көшірме "
        "түрінде электрондық сұрауға қоса беріледі")[0]
    assert foreign["conditions"] == ["foreign_applicant", "licence_category_1_2"]
    assert foreign["name_kk"].startswith("лицензияның немесе шет мемлекеттің")
    assert foreign["name_kk"].endswith("құжатының көшірмесі")
    assert foreign["notes_kk"]


@pytest.mark.parametrize("header, case, channels, reasons", [
    ("лицензия алған кезде орталыққа", "issue", ["center"], []),
    ("бірінші кезеңде лицензия алған кезде департаменттерге немесе орталыққа", "issue_stage1",
     ["provider", "center"], []),
    ("санат берілуіне байланысты лицензияны қайта ресімдеген кезде порталға",
     "reregister_category", ["portal"], ["category"]),
    ("заңды тұлға бірігу, қосылу, бөлініп шығу немесе қайта құру нысанында қайта "
     "ұйымдастырылған кезде, заңды тұлғаның атауы және (немесе) заңды мекенжайы өзгерген кезде "
     "орталыққа", "reregister", ["center"], ["reorganisation", "entity_name_address"]),
    ("лицензияның телнұсқасын берген кезде орталыққа", "duplicate", ["center"], []),
])
def test_headers(header, case, channels, reasons):
    parsed = Extractor().parse_header(header)
    assert parsed == {"case": case, "channels": channels, "reasons": reasons}


def test_extract_from_a_plain_unit_keeps_source_lines():
    text = ("4) құжаттардың тізбесін ұсынады: лицензияның телнұсқасын берген кезде орталыққа: "
            "Стандартпен белгіленген нысан бойынша өтініш; жеке басын куәландыратын құжат – "
            "салыстырып тексеру үшін.")
    starts = [(0, 100), (text.index("Стандартпен"), 101), (text.index("жеке"), 102)]
    spec = extract_checklists([Unit(text, "10", "4", starts)], {"source": "x.txt"})
    block = spec["blocks"][0]
    assert [d["id"] for d in block["documents"]] == ["application", "identity_document"]
    assert block["documents"][1]["citation"]["source_lines"] == [102, 102]
    assert block["documents"][0]["citation"]["paragraph"] == "10"


def test_seed_004_lists_per_service(kb):
    services = _by_source(kb, "004")
    assert len(services) == 4
    survey = _blocks(_service(kb, "Іздестіру"))
    shared = _blocks(_service(kb, "Үлескерлердің"))
    design = _blocks(_service(kb, "Жобалау"))
    works = _blocks(_service(kb, "Құрылыс-монтаж"))
    assert set(survey) == set(design) == set(works) == {
        ("issue", "center"), ("reregister", "center"), ("reregister_category", "center"),
        ("duplicate", "center"), ("issue", "portal"), ("reregister", "portal"),
        ("reregister_category", "portal")}
    assert set(shared) == {("issue_stage1", "provider_or_center"),
                           ("issue_stage2", "provider_or_center"),
                           ("reregister", "provider_or_center"),
                           ("duplicate", "provider_or_center")}
    ids = [d["id"] for d in survey[("issue", "center")]["documents"]]
    assert ids == ["application", "charter_copy", "entity_registration_certificate",
                   "identity_document_copy", "entrepreneur_registration_certificate_copy",
                   "tax_registration_certificate_copy", "licence_fee_payment_copy",
                   "information_form", "foreign_permit_copy"]
    # the survey portal list has no foreign permit, construction works' has one
    assert "foreign_permit_copy" not in [d["id"] for d in survey[("issue", "portal")]["documents"]]
    assert "foreign_permit_copy" in [d["id"] for d in works[("issue", "portal")]["documents"]]
    # the second stage repeats the fee line: counted once
    stage2 = [d["id"] for d in shared[("issue_stage2", "provider_or_center")]["documents"]]
    assert stage2.count("licence_fee_payment_copy") == 1 and len(stage2) == 10
    assert [d["id"] for d in shared[("duplicate", "provider_or_center")]["documents"]] == \
        ["application"]
    category = [d["id"] for d in design[("reregister_category", "portal")]["documents"]]
    assert category == ["electronic_request", "licence_copy", "qualification_information_form"]


def test_seed_004_types_and_conditions(kb):
    survey = _blocks(_service(kb, "Іздестіру"))
    docs = {d["id"]: d for d in survey[("issue", "center")]["documents"]}
    assert docs["charter_copy"]["applicant_types"] == ["legal_entity"]
    assert docs["identity_document_copy"]["applicant_types"] == ["individual"]
    assert docs["entrepreneur_registration_certificate_copy"]["applicant_types"] == \
        ["individual_entrepreneur"]
    assert docs["tax_registration_certificate_copy"]["applicant_types"] == []
    assert docs["tax_registration_certificate_copy"]["conditions"] == ["originals_presented"]
    assert docs["licence_fee_payment_copy"]["conditions"] == ["fee_paid_via_gateway"]
    rereg = {d["id"]: d for d in survey[("reregister", "center")]["documents"]}
    assert rereg["licence_copy"]["conditions"] == ["licence_in_state_systems"]
    assert survey[("reregister", "center")]["reasons"] == [
        "name_change", "entrepreneur_reregistered", "entrepreneur_name_address",
        "reorganisation", "entity_name_address"]


def test_citations_point_at_the_eval_source_lines(kb):
    """The public eval gives source lines of the expected documents: ours must agree."""
    with open(DEV_CASES, encoding="utf-8") as fh:
        cases = yaml.safe_load(fh)
    shared = _blocks(_service(kb, "Үлескерлердің"))
    docs = shared[("issue_stage1", "provider_or_center")]["documents"]
    by_lines = {tuple(d["citation"]["source_lines"]): d for d in docs}
    expected = [m for c in cases if c["id"] == "c004-05" for m in c["expected"]["missing"]]
    assert expected
    for item in expected:
        doc = by_lines[tuple(item["source_lines"])]
        assert doc["name_kk"] == item["name_kk"]
        assert doc["citation"]["paragraph"] == "10" and doc["citation"]["subitem"] == "4"
        assert doc["citation"]["source"] == SEED_004


def test_other_seeds_refer_to_the_standard(kb):
    others = [c for c in kb.services.values() if not c.source.startswith("004")]
    assert len(others) == 12
    for card in others:
        spec = card.checklist_data
        assert spec["source"] == "standard_reference", card.id
        assert spec["blocks"] == []
        assert spec["reference"]["standard_paragraph"] == 9, card.id
        assert "құжат" in spec["reference"]["quote"].lower()


def test_every_seed_004_document_is_catalogued_with_russian_name(kb):
    for card in _by_source(kb, "004").values():
        for block in card.checklist_data["blocks"]:
            for doc in block["documents"]:
                assert doc["catalogued"], doc["name_kk"]
                assert doc["name_ru"] and "(каз.)" not in doc["name_ru"]
    works = _blocks(_service(kb, "Құрылыс-монтаж"))
    foreign = [d for d in works[("issue", "center")]["documents"]
               if d["id"] == "foreign_permit_copy"][0]
    assert "строительно-монтажные работы" in foreign["name_ru"]


def test_unknown_document_gets_generated_id_and_marked_fallback_name():
    found = catalogue().lookup("өрт қауіпсіздігі туралы қорытындының көшірмесі")
    assert not found.known and found.id.startswith("doc_")
    assert found.name_ru.startswith("копия заключения")
    assert translate("жарғының көшірмесі") == "копия устава"
