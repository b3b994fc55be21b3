"""Matching applicants' words to documents, one to one; statements to conditions."""

from __future__ import annotations

import pytest

from knowledge.checklists.assign import best_assignment
from knowledge.checklists.concepts import analyzer
from knowledge.checklists.match import Candidate, match_items
from knowledge.checklists.situation import SituationReader, is_negated, says_absent
from knowledge.checklists.vocab import Keywords

CHARTER = Candidate("charter_copy", ("жарғының көшірмесі", "копия устава", "устав"))
REGISTRATION = Candidate("entity_registration_certificate", (
    "өтініш беруші заңды тұлғаның мемлекеттік тіркелгені (қайта тіркелгені) туралы анықтама",
    "справка о государственной регистрации (перерегистрации) юридического лица — заявителя"))
TAX = Candidate("tax_registration_certificate_copy", (
    "өтініш берушіні салық органында есепке қою туралы куәліктің көшірмесі",
    "копия свидетельства о постановке заявителя на учёт в налоговом органе"))
FEE = Candidate("licence_fee_payment_copy", (
    "жекелеген қызмет түрлерімен айналысу құқығы үшін бюджетке лицензиялық алымның төленгенін "
    "растайтын құжаттың көшірмесі",
    "копия документа, подтверждающего уплату в бюджет лицензионного сбора",
    "квитанция", "чек", "түбіртек"))
LAND = Candidate("land_title_copy", (
    "жобалау компаниясына меншік құқығында немесе жер пайдалану құқығында тиесілі жер учаскесіне "
    "құқық белгілеуші құжаттың көшірмесі",
    "копия правоустанавливающего документа на земельный участок", "госакт"))
DOCS = [CHARTER, REGISTRATION, TAX, FEE, LAND]


def test_assignment_is_optimal_not_greedy():
    # greedy would give row 0 -> col 0 (0.9) and leave row 1 with 0.1
    scores = [[0.9, 0.8], [0.85, 0.1]]
    assert sorted(best_assignment(scores, 0.5)) == [(0, 1), (1, 0)]


def test_assignment_rectangular_and_threshold():
    scores = [[0.2, 0.3, 0.95], [0.1, 0.2, 0.9], [0.7, 0.1, 0.1]]
    pairs = dict(best_assignment(scores, 0.5))
    assert pairs[0] == 2 and pairs[2] == 0 and 1 not in pairs
    assert best_assignment([[0.4, 0.3]], 0.5) == []
    assert best_assignment([], 0.5) == []


@pytest.mark.parametrize("item, doc_id", [
    ("копия устава, нотариально заверенная", "charter_copy"),
    ("копия устова", "charter_copy"),
    ("салық органында есепте тұрғаны туралы куәлік көшірмесі", "tax_registration_certificate_copy"),
    ("свидетельство о постановке на учёт в налоговом органе", "tax_registration_certificate_copy"),
    ("чек об оплате сбора в банке", "licence_fee_payment_copy"),
    ("лицензиялық алым төленгені туралы түбіртек", "licence_fee_payment_copy"),
    ("госакт на землю (копия)", "land_title_copy"),
    ("анықтама о гос. регистрации юрлица", "entity_registration_certificate"),
])
def test_items_in_either_language_match_their_document(item, doc_id):
    matches, unmatched = match_items([item], DOCS)
    assert [m.doc_id for m in matches] == [doc_id] and not unmatched


def test_one_item_never_counts_for_two_documents():
    matches, unmatched = match_items(["устав и справка о государственной регистрации"],
                                     [CHARTER, REGISTRATION])
    assert len(matches) == 1 and not unmatched


def test_two_items_never_satisfy_one_document():
    matches, unmatched = match_items(["копия устава", "устав (оригинал)"], [CHARTER, TAX])
    assert [m.doc_id for m in matches] == ["charter_copy"]
    assert len(unmatched) == 1


def test_unrelated_items_are_reported_unrecognised():
    matches, unmatched = match_items(["паспорт директора", "фото 3х4", "копия устава"], DOCS)
    assert [m.doc_id for m in matches] == ["charter_copy"]
    assert unmatched == ["паспорт директора", "фото 3х4"]


def test_analyzer_maps_both_languages_to_the_same_concepts():
    an = analyzer()
    assert {"charter", "copy"} <= set(an.tokens("жарғының көшірмесі"))
    assert {"charter", "copy"} <= set(an.tokens("копия устава"))
    assert "tax_registration" in an.tokens("постановка на налоговый учёт")
    assert "tax_registration" in an.tokens("салық органында есепке қою")
    assert "digital_signature" in an.tokens("запрос с ЭЦП")
    assert "digital_signature" in an.tokens("ЭЦҚ қойылған сұрау")
    # "өтініш беруші" is the applicant, not an application
    assert "application" not in an.tokens("өтініш берушінің куәлігі")


def test_keywords_abbreviations_are_whole_words():
    kw = Keywords(["ИП", "юридическ"])
    assert kw.hits("ИП Иванов") == 1
    assert kw.hits("Типография") == 0
    assert kw.hits("юридическое лицо") == 1


@pytest.mark.parametrize("statement, holds, condition, value", [
    ("Лицензионный сбор оплачен через платёжный шлюз электронного правительства", True,
     "fee_paid_via_gateway", True),
    ("Лицензионный сбор оплачен через платёжный шлюз электронного правительства", False,
     "fee_paid_via_gateway", False),
    ("Сбор не оплачен через шлюз", True, "fee_paid_via_gateway", False),
    ("Алым төлем шлюзі арқылы төленбеген", True, "fee_paid_via_gateway", False),
    ("Для сверки предъявляю оригиналы документов", True, "originals_presented", True),
    ("Түпнұсқаларды көрсетпеймін", True, "originals_presented", False),
    ("Сведения о лицензии есть в государственных информационных системах", True,
     "licence_in_state_systems", True),
    ("Лицензия туралы мәліметтер мемлекеттік ақпараттық жүйелерде бар", True,
     "licence_in_state_systems", True),
    ("Заявитель — иностранное лицо", True, "foreign_applicant", True),
    ("Мен шетелдік тұлға емеспін", True, "foreign_applicant", False),
    ("Нужна лицензия II категории", True, "licence_category_1_2", True),
    ("Нужна лицензия III категории", True, "licence_category_1_2", False),
])
def test_statements_map_to_conditions(statement, holds, condition, value):
    reading = SituationReader().read(statement, holds)
    assert (reading.condition, reading.value) == (condition, value)


def test_situation_accepts_ids_and_reports_unknown_statements():
    values, unknown = SituationReader().read_all([
        {"statement": "fee_paid_via_gateway", "holds": False},
        "Оригиналы предъявляю",
        {"statement": "Погода хорошая", "holds": True},
    ])
    assert values == {"fee_paid_via_gateway": False, "originals_presented": True}
    assert unknown == ["Погода хорошая"]


def test_negation_detection_does_not_fire_on_plain_words():
    assert not is_negated("Лицензиялық алым бюджетке төленді")
    assert not is_negated("Оригиналы документов у меня")
    assert is_negated("оригиналы не предъявлю")
    assert is_negated("түпнұсқалар берілмеген")


@pytest.mark.parametrize("item, absent", [
    ("квитанции нет", True), ("нет справки о регистрации", True), ("түбіртек жоқ", True),
    ("копия устава", False), ("нотариально не заверенная копия устава", False),
])
def test_items_that_say_a_document_is_not_there(item, absent):
    assert says_absent(item) is absent
