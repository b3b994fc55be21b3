"""Quotes printed with deadline answers agree with the terms the answer states.

Seed 000 paragraph 6 names both the total terms (15 / 3 / 15 working days, "порталға өтініш
берген күннің ертеңінде") and the specialist's step durations (9 / 1 / 9 working days); an
answer stating "3 working days" must not quote "1 (бір) жұмыс күн" as its evidence.
"""

from __future__ import annotations

import pytest

from domain.i18n import t
from knowledge.qa.quotes import term_figures

STEP_MSGID = ("Time of a single step of the procedure, not the total term of the service "
              "({where}): «{quote}»")
QUESTIONS = {
    "kk": ("мерзімі қанша жұмыс күні?", "лицензияны қайта ресімдеу қанша күн?"),
    "ru": ("какой срок оказания услуги?", "за сколько дней переоформят лицензию?"),
}


def test_term_figures_read_digits_words_and_russian_units():
    assert term_figures("лицензия беру – 15 (он бес) жұмыс күнінен кешіктірмей;") == {
        (15.0, "working_days")}
    assert term_figures("Орындалу уақыты – екі жұмыс күн ішінде;") == {(2.0, "working_days")}
    assert term_figures("• переоформление лицензии: 3 рабочих дня") == {(3.0, "working_days")}
    assert term_figures("береді 30 (отыз) минут ішінде") == {(30.0, "minutes")}
    assert term_figures("6) 4 үдеріс – төлем шлюзі") == set()


def _split(answer: str, lang: str) -> tuple[list[str], list[str], list[str]]:
    """(fact bullets, plain quotes, quotes labelled as a single step) of an answer."""
    step_prefix = t(lang, STEP_MSGID, where="@@", quote="").split("@@")[0]
    bullets, plain, steps = [], [], []
    for line in answer.splitlines():
        if line.startswith("• "):
            bullets.append(line)
        elif "«" in line:
            quote = line[line.index("«"):]
            (steps if line.startswith(step_prefix) else plain).append(quote)
    return bullets, plain, steps


def _deadline_answers(kb):
    for sid in kb.services:
        for lang, questions in QUESTIONS.items():
            for q in questions:
                a = kb.ask(q, lang=lang, service_id=sid)
                if a.intent == "deadline" and not a.escalate:
                    yield sid, lang, q, a


def test_defect_question_quotes_the_stated_total_not_the_step(qa_kb):
    a = qa_kb.ask("туроператор лицензиясын қайта рәсімдеу қанша күн?")
    assert a.service_id == "tour_operator_vko" and a.intent == "deadline"
    bullets, plain, _ = _split(a.answer, "kk")
    assert "3 жұмыс күні" in bullets[0]
    assert any("3 (үш) жұмыс күні" in q for q in plain)
    assert "1 (бір) жұмыс күн" not in a.answer


def test_deadline_quotes_carry_the_first_stated_term_and_no_other_figure(qa_kb):
    checked = 0
    for sid, lang, q, a in _deadline_answers(qa_kb):
        bullets, plain, steps = _split(a.answer, lang)
        stated = set().union(*(term_figures(b) for b in bullets)) if bullets else set()
        first = term_figures(bullets[0]) if bullets else set()
        where = f"{sid} [{lang}] {q!r}:\n{a.answer}"
        if first:
            quoted = set().union(*(term_figures(x) for x in plain)) if plain else set()
            assert first <= quoted, where
            assert not steps, where  # a stated term is not followed by step durations
            checked += 1
        for quote in plain:  # an unlabelled quote names no term the answer does not state
            assert term_figures(quote) <= stated, where
    assert checked >= 4  # seed 000 (both cases) and the Atyrau bus licence, in both languages


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_step_durations_are_labelled_when_no_term_is_stated(qa_kb, lang):
    q = QUESTIONS[lang][0]
    a = qa_kb.ask(q, lang=lang, service_id="intl_inspection_certificate_atyrau")
    bullets, plain, steps = _split(a.answer, lang)
    assert not any(term_figures(b) for b in bullets)
    assert steps and all(term_figures(s) for s in steps)
    assert not any(term_figures(p) for p in plain)
