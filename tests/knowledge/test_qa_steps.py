"""Procedure questions answered from the card's extracted steps; cases asked as a whole."""

from __future__ import annotations

import pytest

from knowledge.qa.api import ask
from knowledge.qa.intent import primary_intent
from knowledge.qa.steps import asks_steps, procedure_steps

STEP_QUESTIONS = [
    ("ru", "по шагам: как рассматривают заявку на международный сертификат техосмотра?"),
    ("kk", "халықаралық техбайқау сертификаты бойынша кім не істейді?"),
    ("ru", "какие этапы у выдачи сертификата техосмотра в Атырау"),
    ("kk", "техбайқау сертификатын беру рәсімі қалай жүреді"),
]


@pytest.mark.parametrize("lang, question", STEP_QUESTIONS)
def test_steps_question_gets_ordered_summary(qa_kb, lang, question):
    answer = ask(qa_kb, question, lang)
    assert answer.intent == "procedure"
    assert answer.service_id == "intl_inspection_certificate_atyrau"
    text = answer.answer
    # ordered, with actors and durations rendered in the asker's language
    assert "1. " in text and "2. " in text and text.index("1. ") < text.index("2. ")
    if lang == "ru":
        assert "Услугодатель" in text and "30 минут" in text and "1 рабочий день" in text
    else:
        assert "Қызмет беруші" in text and "1 жұмыс күні" in text
    assert answer.citations and answer.citations[0].paragraph == "5"
    assert len(text) < 1800


def test_steps_for_channel_named_in_question(qa_kb):
    card = qa_kb.services["medical_licence_almaty"]
    centre, _ = procedure_steps("ru", card, "какие этапы при подаче через ЦОН?")
    portal, _ = procedure_steps("ru", card, "какие этапы при подаче онлайн через портал?")
    assert any("Оператор Госкорпорации" in line for line in centre)
    assert not any("Оператор Госкорпорации" in line for line in portal)


def test_no_summary_without_steps_cue(qa_kb):
    card = qa_kb.services["tour_operator_vko"]
    assert procedure_steps("ru", card, "туроператор лицензия") == ([], [])
    assert not asks_steps("қайта рәсімдеу қанша күн?")  # re-registering is not "procedure"
    assert primary_intent("туроператор лицензиясын қайта рәсімдеу қанша күн?") == "deadline"


def test_steps_cue_outranks_channel_and_form_words():
    assert primary_intent("какие этапы проходит онлайн-заявка на лицензию") == "procedure"
    assert primary_intent("өтінішпен кім не істейді, порталда ма?") == "procedure"
    # but a stage of the service is not the procedure: "второй этап ... какие доки"
    assert primary_intent("второй этап лицензии на долевку — какие доки нести?") == "documents"


@pytest.mark.parametrize("question, lang", [
    ("как получить дубликат лицензии на пестициды?", "ru"),
    ("пестицид лицензиясының телнұсқасын қалай аламын?", "kk"),
])
def test_duplicate_is_a_case_not_the_result(qa_kb, question, lang):
    answer = ask(qa_kb, question, lang)
    assert answer.service_id == "pesticides_licence_almaty"
    assert answer.intent in ("documents", "deadline")
    text = answer.answer.lower()
    assert "дубликат" in text or "телнұсқ" in text
    assert "пункт 4" in text or "4-тармағ" in text or "4 тармағ" in text


def test_case_term_wins_over_a_word_describing_the_licence(qa_kb):
    answer = ask(qa_kb, "бумажная лицензия на пестициды испортилась, дубликат в какой срок?", "ru")
    assert answer.intent == "deadline"
    assert "дубликат" in answer.answer.lower()
