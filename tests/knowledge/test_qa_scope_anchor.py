"""A question with no administrative anchor and no dialog service is not about a licence.

Questions written for this test (not from the eval sets): everyday errands that reuse an
activity word of a covered service, and applicants' questions that name a licence, a document,
a term or a fee, in both languages.
"""

from __future__ import annotations

import pytest

from knowledge.search.scope import has_admin_anchor


@pytest.mark.parametrize("text", [
    "аптекаға лицензия алу үшін қандай құжаттар керек",
    "сколько дней рассматривают заявление на переоформление",
    "туроператор ашып жатырмыз, мемлекеттік баж қанша",
    "pesticid litsenziyasy kerek pe",
    "в ЦОН можно подать?",
])
def test_administrative_words_are_anchors(text):
    assert has_admin_anchor(text)


@pytest.mark.parametrize("text", [
    "в аптеке на углу продают тонометры?",
    "металл сынықтарын қай жерде қабылдайды",
    "а онлайн можно?",
])
def test_everyday_wording_has_no_anchor(text):
    assert not has_admin_anchor(text)


def test_anchored_question_still_answers(qa_kb):
    answer = qa_kb.ask("металлолом қабылдау пунктіне лицензия қанша күнде беріледі")
    assert not answer.escalate
    assert answer.service_id == "scrap_metal_licence_almaty"


@pytest.mark.parametrize("question", [
    "в аптеке на углу продают тонометры?",
    "металл сынықтарын қай жерде қабылдайды",
])
def test_unanchored_everyday_question_escalates(qa_kb, question):
    answer = qa_kb.ask(question)
    assert answer.escalate and answer.service_id is None


def test_lone_activity_word_still_names_its_service(qa_kb):
    assert qa_kb.ask("туроператор").service_id == "tour_operator_vko"


@pytest.mark.parametrize("question", ["а сроки?", "а онлайн можно?"])
def test_follow_up_in_a_dialog_service_still_answers(qa_kb, question):
    answer = qa_kb.ask(question, "ru", service_id="pharmacy_licence_almaty")
    assert not answer.escalate
    assert answer.service_id == "pharmacy_licence_almaty"


def test_same_follow_up_without_a_dialog_service_escalates(qa_kb):
    assert qa_kb.ask("а онлайн можно?", "ru").escalate
