"""Intent detection, situation slots and rendering of structured facts (knowledge.qa)."""

from __future__ import annotations

import pytest

from knowledge.qa.intent import anchors, detect_intents, primary_intent
from knowledge.qa.render import format_date, paragraph_label
from knowledge.qa.slots import detect_slots
from knowledge.render import duration


@pytest.mark.parametrize("text, intent", [
    ("лицензияны қанша күнде береді?", "deadline"),
    ("сколько рабочих дней ждать лицензию", "deadline"),
    ("какие справки нужны", "documents"),
    ("қандай құжаттар керек", "documents"),
    ("канша кунде береди", "deadline"),  # typed without Kazakh letters
    ("кужаттар кандай керек", "documents"),
    ("почему могут отказать", "refusal"),
    ("сколько стоит лицензия", "fee"),
    ("регламент әлі күшінде ме?", "validity"),
    ("кто выдаёт эту лицензию", "provider"),
    ("с кем согласовывают заявление", "agencies"),
    ("қызмет электронды түрде көрсетіле ме?", "form"),
    ("где получить готовый результат", "result"),
])
def test_primary_intent(text, intent):
    assert primary_intent(text) == intent


def test_no_cue_means_no_intent_and_cues_rank():
    assert detect_intents("туроператор") == []
    names = [g.name for g in detect_intents("бас тарту жауабы қанша күнде келеді?")]
    assert names[:2] == ["refusal", "deadline"]


def test_anchors_recognise_fact_sentences():
    assert anchors("deadline", "Лицензия беру – 15 (он бес) жұмыс күні ішінде.")
    assert anchors("refusal", "қызмет көрсетуден бас тарту туралы дәлелді жауап")
    assert not anchors("fee", "Мемлекеттік қызмет көрсету нысаны: электрондық.")


@pytest.mark.parametrize("text, applicant, case, channel", [
    ("ЖШС-мыз ХҚКО арқылы алмақ", "legal_entity", None, "center"),
    ("я ИП, хочу переоформить через егов", "individual_entrepreneur", "reregister", "portal"),
    ("потерял лицензию, нужен дубликат", None, "duplicate", None),
    ("второй этап лицензии, какие доки", None, "issue_stage2", None),
    ("жеке тұлғамын", "individual", None, None),
    ("санат берілуіне байланысты қайта ресімдеу", None, "reregister_category", None),
])
def test_slots(text, applicant, case, channel):
    slots = detect_slots(text)
    assert (slots.applicant, slots.case, slots.channel) == (applicant, case, channel)


@pytest.mark.parametrize("lang, value, unit, text", [
    ("ru", 1, "working_days", "1 рабочий день"),
    ("ru", 3, "working_days", "3 рабочих дня"),
    ("ru", 15, "working_days", "15 рабочих дней"),
    ("kk", 15, "working_days", "15 жұмыс күні"),
    ("ru", 30, "minutes", "30 минут"),
    ("kk", 2, "working_hours", "2 жұмыс сағаты"),
    ("ru", 0.5, "hours", "0.5 часа"),
])
def test_duration_is_rendered_in_the_asker_language(lang, value, unit, text):
    assert duration(lang, value, unit) == text


def test_dates_and_paragraph_labels():
    assert format_date("2019-12-25") == "25.12.2019"
    assert paragraph_label("kk", "6", "1") == "6-тармақ, 1)-тармақша"
    assert paragraph_label("ru", "4", None) == "пункт 4"


def test_curated_answers_need_review_and_a_close_question():
    from types import SimpleNamespace

    from knowledge.model import QAEntry
    from knowledge.qa.curated import match_curated

    entry = QAEntry(question_ru="Можно ли подать заявление в выходной день?",
                    answer_ru="Портал принимает заявления круглосуточно.",
                    answer_kk="Портал өтінішті тәулік бойы қабылдайды.", reviewed=True,
                    intent="channel")
    draft = QAEntry(question_ru="Сколько стоит лицензия?", answer_ru="Бесплатно.")
    card = SimpleNamespace(qa=[entry, draft])
    hit = match_curated(card, "можно ли подать заявление в выходной день", "ru")
    assert hit is not None and hit.text.startswith("Портал") and hit.intent == "channel"
    assert match_curated(card, "можно ли подать заявление в выходной день", "kk").text.endswith(
        "қабылдайды.")
    assert match_curated(card, "сколько стоит лицензия?", "ru") is None  # not reviewed
    assert match_curated(card, "какие документы нужны", "ru") is None
