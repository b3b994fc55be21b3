"""General causes fixed by K5: abbreviations of activities, incidental title words, whole-case
questions (duplicate), refusal answers with formal grounds before processing messages."""

from __future__ import annotations

import pytest

from knowledge.search.services import title_text


def test_title_compound_prepositions_name_no_activity():
    assert "счет" not in title_text("строительства жилых зданий за счет привлечения денег")
    assert "есебінен" not in title_text("ақшасын тарту есебінен тұрғын жайлар")
    assert "жилых" in title_text("строительства жилых зданий за счет привлечения денег")


@pytest.mark.parametrize("question", ["как открыть счет в банке", "банкте шот қалай ашамын"])
def test_everyday_question_with_title_word_escalates(qa_kb, question):
    answer = qa_kb.ask(question)
    assert answer.escalate and answer.service_id is None


@pytest.mark.parametrize("question, service", [
    ("мед лицензию переоформить за сколько дней", "medical_licence_almaty"),
    ("вет лицензия кто выдает", "veterinary_licence_almaty"),
    ("турлицензияны қай мекеме береді", "tour_operator_vko"),
])
def test_activity_abbreviations_resolve(qa_kb, question, service):
    assert qa_kb.ask(question).service_id == service


def test_refusal_puts_formal_grounds_before_processing_messages(qa_kb):
    answer = qa_kb.ask("ветеринария лицензиясынан қандай негізде бас тартады", "kk").answer
    pointer = answer.find("10-тармағында")
    process = answer.find("үдеріс") if "үдеріс" in answer else answer.find("хабарлама")
    assert pointer != -1
    assert process == -1 or pointer < process
    assert len(answer) <= 2000


def test_duplicate_question_gets_the_case_documents_and_term(qa_kb):
    answer = qa_kb.ask("құрылыс-монтаж лицензиясын жоғалттым, телнұсқасын қалай аламын?", "kk")
    assert answer.service_id == "construction_works_licence"
    assert answer.intent == "documents"
    assert "өтініш" in answer.answer.lower()
    assert "4-тармағ" in answer.answer  # the term: the standard's paragraph 4
