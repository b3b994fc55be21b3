"""General causes behind wrong answers (K4): time units, dialog context, scope, intents,
fee without an amount, candidates that each answer."""

from __future__ import annotations

import pytest

from knowledge.qa.intent import primary_intent
from knowledge.search.query import unit_words
from knowledge.search.scope import foreign_subject
from knowledge.search.tokenize import words


@pytest.mark.parametrize("text, unit", [
    ("неше жұмыс күнінде беріледі", "жұмыс"),
    ("сколько рабочих дней", "рабочих"),
    ("5 календарных дней", "календарных"),
])
def test_two_word_time_units_are_found(text, unit):
    assert unit in unit_words(words(text))


def test_activity_word_is_not_a_unit():
    assert unit_words(words("құрылыс-монтаж жұмыстарына лицензия")) == set()


def test_working_day_words_do_not_choose_a_service(qa_engine):
    q = qa_engine.analyze("неше жұмыс күнінде беріледі", "kk")
    assert not any(k.startswith("жұмыс") for k in q.topic)


def test_dialog_service_wins_over_a_stray_title_word(qa_kb):
    answer = qa_kb.ask("Бұл лицензия неше жұмыс күнінде беріледі?", "kk",
                       service_id="medical_licence_almaty")
    assert answer.service_id == "medical_licence_almaty"
    assert answer.intent == "deadline"


def test_a_question_naming_another_service_leaves_the_dialog_service(qa_kb):
    answer = qa_kb.ask("а лицензия на аптеку сколько стоит?", "ru",
                       service_id="medical_licence_almaty")
    assert answer.service_id == "pharmacy_licence_almaty"


@pytest.mark.parametrize("question", [
    "туристическая виза в Турцию", "сколько стоит ОСМС медицинское страхование",
    "көлікті басқа адамға қалай сатамын", "жеке куәлікті ауыстыру", "погода завтра",
])
def test_foreign_subjects(question):
    assert foreign_subject(question) is not None


@pytest.mark.parametrize("question", [
    "лицензия туроператора сколько дней", "медициналық лицензия мерзімі",
    "сертификат техосмотра где получить", "ИП может получить лицензию на хлопковый склад?",
])
def test_domain_questions_are_not_foreign(question):
    assert foreign_subject(question) is None


def test_visa_question_reusing_a_covered_word_escalates(qa_kb):
    answer = qa_kb.ask("туристическая виза в Турцию нужна?", "ru")
    assert answer.escalate and answer.service_id is None


@pytest.mark.parametrize("question, intent", [
    ("куда подавать документы на лицензию на ветеринарную деятельность", "channel"),
    ("құжаттарды қайда тапсырамын", "channel"),
    ("какие документы нужны", "documents"),
    ("ветеринарная лицензия платная?", "fee"),
    ("где оплачивать лицензию", "fee"),
    ("какие органы дают заключение", "agencies"),
    ("когда цон передает документы в департамент", "procedure"),
])
def test_intent_cues(question, intent):
    assert primary_intent(question) == intent


def test_fee_without_fee_clause_names_the_refusal_ground_and_where_the_amount_lives(qa_kb):
    answer = qa_kb.ask("сколько стоит лицензия на туроператорскую деятельность?", "ru")
    assert answer.intent == "fee"
    text = answer.answer.lower()
    assert "лицензионный сбор" in text
    assert "налоговый кодекс" in text
    assert "стандарт" in text


def test_fee_of_a_service_whose_regulation_is_silent_says_so(qa_kb):
    answer = qa_kb.ask("халықаралық техбайқау сертификаты ақылы ма?", "kk")
    assert answer.intent == "fee"
    assert "Салық кодекс" in answer.answer
    assert not answer.escalate


def test_refusal_lists_the_formal_grounds_first(qa_kb):
    answer = qa_kb.ask("по каким причинам могут отказать туроператору в лицензии", "ru")
    assert "лицензиялық алымның енгізілмеуі" in answer.answer


def test_candidates_that_each_answer_are_answered_by_name(qa_kb):
    answer = qa_kb.ask("лицензия на автобусы через цон — как я получу результат?", "ru")
    assert len(answer.candidates) == 2
    assert "Атырауская область" in answer.answer and "город Алматы" in answer.answer
    assert "оператор" in answer.answer
    assert len(answer.answer) < 4096
