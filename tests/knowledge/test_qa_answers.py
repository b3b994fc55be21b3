"""Answers of the real knowledge base to questions that are not in the eval sets.

Facts are checked against the seed texts: deadlines of seed 000 paragraph 6, the pointers to
the service standard of seed 003, the document lists of seed 004, the repeal notes of the acts.
"""

from __future__ import annotations

import io
import json

import pytest

from knowledge.qa.cli import main as cli_main


def test_russian_answer_renders_deadlines_in_russian_and_cites(qa_kb):
    a = qa_kb.ask("за сколько дней переоформят лицензию туроператора?")
    assert a.lang == "ru" and a.intent == "deadline" and a.service_id == "tour_operator_vko"
    assert "3 рабочих дня" in a.answer
    assert a.citations and all(c.act and c.paragraph for c in a.citations)
    # seed 000 has no act header: its status is unknown and the answer says so
    assert "не указано, действует ли" in a.answer


def test_kazakh_answer_quotes_the_source(qa_kb):
    a = qa_kb.ask("туроператорлық лицензияны беру мерзімі қанша?")
    assert a.lang == "kk" and a.service_id == "tour_operator_vko"
    assert "15 жұмыс күні" in a.answer
    assert "-тармақ" in a.answer  # "6-тармақ ..." locator in the text


def test_pointer_to_the_standard_is_said_not_invented(qa_kb):
    a = qa_kb.ask("аптекаға лицензияға қандай құжаттар керек?")
    assert a.service_id == "pharmacy_licence_almaty" and a.intent == "documents"
    assert "9-тармағына" in a.answer and "стандарт" in a.answer
    ru = qa_kb.ask("сколько дней выдают лицензию на медицинскую деятельность?")
    assert ru.service_id == "medical_licence_almaty"
    assert "пункт 4 стандарта" in ru.answer


def test_repealed_act_is_warned_about_with_the_repealing_act(qa_kb):
    a = qa_kb.ask("лицензия на пестициды через портал можно подать?")
    assert a.service_id == "pesticides_licence_almaty"
    assert "утратил силу" in a.answer and "2/190" in a.answer
    v = qa_kb.ask("жобалау лицензиясының регламенті күшінде ме?")
    assert v.intent == "validity" and "223" in v.answer and "күшін жойған" in v.answer


def test_documents_follow_applicant_and_channel(qa_kb):
    a = qa_kb.ask("лицензия на изыскательскую деятельность через ЦОН для ТОО какие документы")
    assert a.service_id == "survey_licence"
    assert "устав" in a.answer and "налогов" in a.answer
    person = qa_kb.ask("іздестіру лицензиясы, жеке тұлғамын, орталыққа не апарамын?")
    assert "жеке басын куәландыратын" in person.answer and "жарғы" not in person.answer


def test_ties_return_candidates_instead_of_guessing(qa_kb):
    a = qa_kb.ask("лицензия на перевозку пассажиров автобусами: срок выдачи")
    assert a.service_id is None and not a.escalate
    assert {c.service_id for c in a.candidates} == {"passenger_bus_licence_atyrau",
                                                    "passenger_bus_licence_almaty"}
    one = qa_kb.ask("лицензия на перевозку пассажиров автобусами в Атырау: срок выдачи")
    assert one.service_id == "passenger_bus_licence_atyrau"


@pytest.mark.parametrize("question", [
    "как получить водительские права?", "лицензия на продажу алкоголя, документы",
    "жүргізуші куәлігін қалай аламын", "салық шегерімін қалай аламын?", "привет, как дела",
])
def test_out_of_scope_escalates(qa_kb, question):
    a = qa_kb.ask(question)
    assert a.escalate and a.service_id is None and a.confidence == 0.0
    assert "оператор" in a.answer.lower()


def test_dialog_context_service_is_a_hint(qa_kb):
    a = qa_kb.ask("а сколько дней рассматривают?", service_id="design_licence")
    assert a.service_id == "design_licence" and a.intent == "deadline"


def test_search_services_is_typo_tolerant(qa_kb):
    assert qa_kb.search_services("аптека")[0][0] == "pharmacy_licence_almaty"
    assert qa_kb.search_services("ветеринарй")[0][0] == "veterinary_licence_almaty"
    assert qa_kb.search_services("погода") == []


def test_cli_batch_writes_one_contract_record_per_line(qa_kb, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "question": "хлопковые расписки лицензия срок", "lang": None},
                   ensure_ascii=False) + "\n"
        + json.dumps({"id": 7, "question": "мақта қолхаты лицензиясы", "lang": "ru"},
                     ensure_ascii=False) + "\nnot json\n",
        encoding="utf-8")
    out = io.StringIO()
    status = cli_main(["ask", "--batch", str(batch), "--json"], kb=qa_kb, out=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 1 and len(rows) == 3 and "error" in rows[2]
    keys = ["id", "lang", "answer", "service_id", "service_title", "intent", "citations",
            "confidence", "escalate", "candidates"]
    assert list(rows[0]) == keys and list(rows[1]) == keys
    assert rows[0]["id"] == "a" and rows[0]["lang"] == "ru"
    assert rows[1]["lang"] == "ru" and rows[1]["service_id"] == "cotton_warehouse_almaty"
    assert set(rows[0]["citations"][0]) >= {"act", "regulation", "paragraph", "quote"}


def test_cli_text_answer(qa_kb):
    out = io.StringIO()
    assert cli_main(["ask", "мақта қолхаты лицензиясы қанша күнде?", "--lang", "kk"],
                    kb=qa_kb, out=out) == 0
    assert "Қызмет:" in out.getvalue() and "intent=deadline" in out.getvalue()
