"""The public eval sets through the real batch path (``python -m knowledge ask --batch``).

Bars (issue 3): dev_qa >= 90% overall and >= 85% per language; out_of_scope >= 90% escalate.
An answer passes when, for every ``expect_any`` group, one alternative occurs in it
(case-insensitive, ё = е, whitespace collapsed, "15 (пятнадцати) рабочих" reads as
"15 рабочих"). The rates are printed (``pytest -s``) and written to the test report.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml

from knowledge.qa.cli import run_batch

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"
if not EVAL_DIR.is_dir():  # the shared folder sits beside the repository
    EVAL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def _load(name: str) -> list[dict]:
    path = EVAL_DIR / name
    if not path.exists():
        pytest.skip(f"eval set {path} not present")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def norm(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"(\d+)\s*\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text)


def passes(answer: str, expect_any: list[list[str]]) -> bool:
    text = norm(answer)
    return all(any(norm(alt) in text for alt in group) for group in expect_any)


def _ask_batch(kb, items: list[dict]) -> dict:
    lines = [json.dumps({"id": q["id"], "question": q["question"], "lang": q.get("lang")},
                        ensure_ascii=False) for q in items]
    out = io.StringIO()
    assert run_batch(kb, lines, out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    return {row["id"]: row for row in rows}


def test_norm_reads_spelled_out_numbers():
    assert passes("Мерзімі – 15 (он бес) жұмыс күні", [["15 жұмыс"]])
    assert passes("срок 15 (пятнадцати)  рабочих дней", [["15 рабочих"], ["срок"]])
    assert not passes("срок 5 рабочих дней", [["15 рабочих"]])


def test_dev_qa_bars(qa_kb, record_property):
    items = _load("dev_qa.yaml")
    rows = _ask_batch(qa_kb, items)
    per_lang: dict[str, list[int]] = {}
    failed = []
    for q in items:
        ok = passes(rows[q["id"]]["answer"], q["expect_any"])
        per_lang.setdefault(q["lang"], [0, 0])
        per_lang[q["lang"]][0] += ok
        per_lang[q["lang"]][1] += 1
        if not ok:
            failed.append(q["id"])
    total = sum(v[0] for v in per_lang.values()) / sum(v[1] for v in per_lang.values())
    rates = {lang: v[0] / v[1] for lang, v in per_lang.items()}
    print(f"\ndev_qa: {total:.1%} overall; " + ", ".join(
        f"{lang} {r:.1%} ({per_lang[lang][0]}/{per_lang[lang][1]})" for lang, r in rates.items())
        + f"; failed: {failed}")
    record_property("dev_qa_rate", round(total, 4))
    assert total >= 0.90, failed
    assert all(r >= 0.85 for r in rates.values()), rates


def test_out_of_scope_bar(qa_kb, record_property):
    items = _load("out_of_scope.yaml")
    rows = _ask_batch(qa_kb, items)
    escalated = [q["id"] for q in items if rows[q["id"]]["escalate"]]
    rate = len(escalated) / len(items)
    print(f"\nout_of_scope: {rate:.1%} escalate ({len(escalated)}/{len(items)})")
    record_property("out_of_scope_rate", round(rate, 4))
    assert rate >= 0.90
    for q in items:  # an escalation never carries a confident service
        if rows[q["id"]]["escalate"]:
            assert rows[q["id"]]["service_id"] is None


# Questions written for this test (not from the eval sets), shaped like the held-out ones:
# another wording, the other language, typos, no service named.
OWN_HELD_OUT = [
    ("ru", "лицензия туроператора: сколько дней выдают, если подать в Госкорпорацию?",
     [["15 рабоч", "15 жұмыс"], ["туроператор", "туристск"]]),
    ("kk", "астық қолхаттары лицензиясын қайта ресімдеуге қандай құжат керек?",
     [["9-тармағ", "9 тармағ"], ["астық"]]),
    ("ru", "фармлицензия: кто подписывает бумажную лицензию?",
     [["уәкілетті", "уполномоч", "басшы"], ["фармацевт"]]),
    ("kk", "кужаттар толык болмаса астык коймасына лицензия бермей ме?",
     [["бас тарт", "отказ"], ["астық"]]),
    ("ru", "лицензия на металлолом: документы в каком пункте стандарта?",
     [["пункт 9", "9-тармағ", "9 тармағ"], ["металл"]]),
    ("ru", "международный техосмотр сертификат — действует ли регламент?",
     [["утратил", "күшін жой", "күші жойыл"], ["304"]]),
    ("kk", "жобалау лицензиясын кім береді?", [["комитет"], ["департамент"]]),
    ("ru", "пестициды: лицензию можно оформить онлайн?", [["портал", "egov"], ["пестицид"]]),
    ("kk", "металл сынықтары лицензиясын ЖК ала ала ма?", [["заңды тұлға"], ["металл"]]),
    ("ru", "изыскательская лицензия: сколько минут обрабатывают запрос в ЦОН?",
     [["15 минут"], ["іздестіру", "изыскат"]]),
    ("kk", "мақта қолхаттарына лицензия нәтижесі қандай түрде беріледі?",
     [["электрон"], ["мақта"]]),
]


@pytest.mark.parametrize("lang, question, expect_any", OWN_HELD_OUT)
def test_own_held_out_questions(qa_kb, lang, question, expect_any):
    answer = qa_kb.ask(question)
    assert answer.lang == lang
    assert passes(answer.answer, expect_any), answer.answer


# K4's held-out style set (tests/knowledge/data/): 67 questions over all 16 services and all
# kinds, informal, with typos, Russian about Kazakh text, some asked as dialog follow-ups
# (``context_service``), and 24 out-of-scope questions, several reusing a covered word.
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("name", ["heldout_qa", "heldout2_qa", "heldout3_qa", "heldout4_qa"])
def test_heldout_qa_bars(qa_kb, record_property, name):
    # heldout2 (K5) was written before its answers were looked at: abbreviations, typos,
    # Russian mixed with Kazakh, very short follow-ups; measured first at 80.3%.
    # heldout3 (K7), likewise written first: descriptions instead of service names, duplicates,
    # step-by-step questions; measured first at 83.0% (ru 84.0%, kk 81.8%).
    # heldout4 (K9), likewise written first: long messages about the applicant's business, the
    # region or act number instead of the service, Kazakh typed without its letters or in Latin;
    # measured first at 95.7% (ru 23/24, kk 21/22); its oos set first escalated 8/18 (44%).
    items = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert len({q["service_id"] for q in items}) == len(qa_kb.services)
    per_lang: dict[str, list[int]] = {}
    failed = []
    for q in items:
        answer = qa_kb.ask(q["question"], q["lang"], service_id=q.get("context_service"))
        ok = passes(answer.answer, q["expect_any"]) and not answer.escalate
        per_lang.setdefault(q["lang"], [0, 0])
        per_lang[q["lang"]][0] += ok
        per_lang[q["lang"]][1] += 1
        if not ok:
            failed.append(q["id"])
    total = sum(v[0] for v in per_lang.values()) / sum(v[1] for v in per_lang.values())
    rates = {lang: v[0] / v[1] for lang, v in per_lang.items()}
    print(f"\n{name}: {total:.1%} overall; " + ", ".join(
        f"{lang} {r:.1%} ({per_lang[lang][0]}/{per_lang[lang][1]})" for lang, r in rates.items())
        + f"; failed: {failed}")
    record_property(f"{name}_rate", round(total, 4))
    assert total >= 0.90, failed
    assert all(r >= 0.85 for r in rates.values()), rates


@pytest.mark.parametrize("name", ["heldout_oos", "heldout2_oos", "heldout3_oos", "heldout4_oos"])
def test_heldout_out_of_scope_bar(qa_kb, record_property, name):
    items = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    rows = _ask_batch(qa_kb, items)
    missed = [q["id"] for q in items if not rows[q["id"]]["escalate"]]
    rate = 1 - len(missed) / len(items)
    print(f"\n{name}: {rate:.1%} escalate; missed: {missed}")
    record_property(f"{name}_rate", round(rate, 4))
    # heldout4_oos first escalated 8/18, then 15/18 after household subjects were listed in
    # scope.py; the administrative-anchor rule (resolve.py: no licence/documents/term/fee/
    # provider/act word and no dialog service -> escalate) brought it to 18/18. It is no longer a
    # fresh measure: the rule was evaluated on it, so the bar is the 90%.
    assert rate >= 0.90, missed


def test_lone_word_of_a_multiword_keyword_names_no_service(qa_kb):
    # "үй" is one word of "тұрғын үй құрылысы": alone it names no service ...
    assert qa_kb.ask("жеке үй салуға рұқсат қалай аламын", "kk").escalate
    # ... while the whole phrase still does
    answer = qa_kb.ask("тұрғын үй құрылысына үлескерлер ақшасын тарту лицензиясын кім береді", "kk")
    assert answer.service_id == "shared_construction_licence"
