from __future__ import annotations

import sqlalchemy as sa
from flow_fakes import Holder, StubFeatureFlow

from domain import users
from domain.feedback import AnswerFeedback


async def started(make_chat, lang="ru", **kw):
    chat = make_chat(hint=lang, **kw)
    await chat.command("start")
    await chat.press(f"lang:set:{lang}")
    return chat


async def rows(database, model):
    async with database.sessionmaker() as session:
        return list((await session.scalars(sa.select(model))).all())


async def test_free_text_is_answered_with_its_citation_and_feedback_buttons(make_chat, kb):
    chat = await started(make_chat)
    await chat.send("Сколько   дней лицензия аптеки?")
    assert kb.calls[0] == ("ask", ("Сколько дней лицензия аптеки?", "ru", None))
    text = chat.text()
    assert "Выдача лицензии на фармацевтическую деятельность: 15 рабочих дней." in text
    assert "Источник: Приказ № 1, Правила, п. 6" in text
    assert chat.actions() == ["qa:fb:1:1", "qa:fb:1:0"]
    assert chat.labels()["qa:fb:1:1"] == "👍 Полезно"


async def test_kazakh_answer_and_kazakh_interface(make_chat):
    chat = await started(make_chat, lang="kk")
    await chat.send("Дәріхана лицензиясы қанша күнде беріледі")
    assert "Дереккөз: № 1 бұйрық, Қағидалар, 6-тармақ" in chat.text()
    assert chat.labels()["qa:fb:1:0"] == "👎 Көмектеспеді"


async def test_feedback_is_stored_once(make_chat, database):
    chat = await started(make_chat)
    await chat.send("аптека сроки")
    await chat.press("qa:fb:1:1")
    assert chat.views[0].parts == []  # only a notice on the button
    assert chat.toast() == "Спасибо за отзыв!"
    [row] = await rows(database, AnswerFeedback)
    assert (row.helpful, row.question, row.service_id, row.lang) == (
        True,
        "аптека сроки",
        "pharmacy",
        "ru",
    )
    await chat.press_stale("qa:fb:1:0")
    assert chat.toast() == "Вы уже оценили этот ответ."
    assert len(await rows(database, AnswerFeedback)) == 1


async def test_not_helpful_is_stored_as_a_gap_and_offers_an_operator(make_chat, database):
    from domain.operators.models import QuestionGap

    op = StubFeatureFlow("operators", "op")
    chat = await started(make_chat, features={"fake_operators_feature": [op]})
    assert "op:start" in chat.actions()  # main menu shows the operator when registered
    await chat.send("аптека сроки")
    await chat.press("qa:fb:1:0")
    assert "Жаль, что ответ не помог." in chat.text()
    assert "op:ask:pharmacy" in chat.actions()
    [row] = await rows(database, AnswerFeedback)
    assert row.helpful is False
    [gap] = await rows(database, QuestionGap)
    assert (gap.kind, gap.text, gap.service_id) == ("not_helpful", "аптека сроки", "pharmacy")
    await chat.press("op:ask:pharmacy")
    assert op.events[-1].action == "op:ask:pharmacy"


async def test_escalation_offers_an_operator_and_records_the_gap(make_chat, database):
    from domain.operators.models import QuestionGap

    op = StubFeatureFlow("operators", "op")
    chat = await started(make_chat, features={"fake_operators_feature": [op]})
    await chat.send("Как получить паспорт?")
    assert "вам поможет оператор" in chat.text()
    assert chat.actions() == ["op:ask"]  # no rating of a non-answer
    [gap] = await rows(database, QuestionGap)
    assert gap.kind == "unanswered"
    # What the operators' flow needs for the ticket is in the state.
    assert chat.turn.data["op_ctx"]["q"] == "Как получить паспорт?"
    assert chat.turn.data["op_ctx"]["esc"] is True


async def test_without_operators_no_operator_button(make_chat):
    chat = await started(make_chat)
    await chat.send("Как получить паспорт?")
    assert chat.actions() == []


async def test_ambiguous_question_lists_candidates(make_chat, kb):
    chat = await started(make_chat)
    await chat.send("сколько стоит лицензия")
    assert "О какой услуге вы спрашиваете?" in chat.text()
    assert chat.actions() == ["qa:pick:1:0", "qa:pick:1:1"]
    assert chat.labels()["qa:pick:1:1"] == "Выдача лицензии на туроператорскую деятельность"
    await chat.press("qa:pick:1:1")
    assert kb.calls[-1] == ("ask", ("сколько стоит лицензия", "ru", "tour_operator"))
    assert "туроператорскую деятельность: 15 рабочих дней" in chat.text()
    assert chat.actions() == ["qa:fb:2:1", "qa:fb:2:0"]


async def test_service_in_context_until_cleared(make_chat, kb):
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.press("cat:open:tourism:0")
    await chat.press("svc:open:tour_operator")
    await chat.press("qa:svc:tour_operator")
    assert "Напишите вопрос об услуге «Выдача лицензии на туроператорскую" in chat.text()
    await chat.send("какой срок")
    assert kb.calls[-1] == ("ask", ("какой срок", "ru", "tour_operator"))
    assert "qa:clear" in chat.actions()
    await chat.press("qa:clear")
    assert chat.text().startswith("Теперь я отвечаю по любой услуге.")
    await chat.send("какой срок")
    assert kb.calls[-2] == ("ask", ("какой срок", "ru", None))


async def test_old_answers_cannot_be_rated(make_chat):
    chat = await started(make_chat)
    for _ in range(4):
        await chat.send("аптека")
    await chat.press_stale("qa:fb:1:1")
    assert chat.toast() == "Этот ответ устарел. Задайте вопрос ещё раз."
    assert [e["n"] for e in chat.turn.data["qa"]["last"]] == [2, 3, 4]


async def test_ask_a_question_button_prompts(make_chat):
    chat = await started(make_chat, lang="kk")
    await chat.press("qa:start")
    assert "Сұрағыңызды өз сөзіңізбен" in chat.text()


async def test_unsupported_inputs_get_a_short_hint(make_chat):
    chat = await started(make_chat)
    await chat.send("а" * 10_000)
    assert chat.text() == (
        "Сообщение слишком длинное. Задайте вопрос коротко, в одном-двух предложениях."
    )
    await chat._run(chat.session.unsupported())
    assert chat.text().startswith("Я понимаю текстовые сообщения и кнопки.")
    await chat.command("nonsense")
    assert chat.text().startswith("Такой команды я не знаю.")
    await chat._run(chat.session.handle(chat.session.event("file")))
    assert chat.text().startswith("Я понимаю текстовые сообщения")


async def test_file_outside_a_step_points_to_the_document_check(make_chat):
    docs = StubFeatureFlow("documents", "docs")
    chat = await started(make_chat, features={"fake_docs_feature2": [docs]})
    await chat._run(chat.session.handle(chat.session.event("file")))
    assert chat.text().startswith("Чтобы отправить документы, сначала выберите услугу")
    assert "docs:start" in chat.actions()


async def test_knowledge_base_not_loaded(make_chat):
    chat = await started(make_chat, holder=Holder(None))
    await chat.send("аптека")
    assert chat.text() == "База знаний сейчас недоступна. Попробуйте позже."


async def test_questions_before_choosing_a_language_detect_it(make_chat, kb, database):
    chat = make_chat(hint="en")
    await chat.send("Сколько дней выдают аптеке?")
    assert kb.calls[0] == ("ask", ("Сколько дней выдают аптеке?", None, None))
    assert "15 рабочих дней" in chat.text()
    assert "Источник:" in chat.text()  # the interface follows the question's language
    async with database.sessionmaker() as session:
        assert await users.get_language(session, 1001) == "ru"  # and keeps following it


async def test_the_detected_language_holds_for_the_following_messages(make_chat, kb, database):
    # Telegram's language_code says Russian, the first message (not /start) is in Kazakh.
    chat = make_chat(hint="ru")
    await chat.send("Аптекаға лицензия қанша күнде беріледі?")
    assert chat.turn.lang == "kk"
    await chat.command("menu")
    assert chat.turn.lang == "kk"
    assert "Басты мәзір" in chat.text() and "Главное меню" not in chat.text()
    await chat.send("аптека")  # the next question is asked in the stored language
    asks = [args for name, args in kb.calls if name == "ask"]
    assert asks[-1] == ("аптека", "kk", None)
    await chat.command("lang")  # and the choice can still be changed
    assert chat.actions()[0] == "lang:set:kk"
    await chat.press("lang:set:ru")
    await chat.command("menu")
    assert "Главное меню" in chat.text()
    async with database.sessionmaker() as session:
        assert await users.get_language(session, 1001) == "ru"


async def test_group_messages_never_reach_the_questions(make_chat, kb):
    chat = await started(make_chat)
    event = chat.session.event("text", text="аптека")
    event.chat_type = "supergroup"
    await chat._run(chat.session.handle(event))
    assert chat.views == [] and kb.calls == []


def test_no_second_source_line_when_the_answer_already_cites():
    from dialogs.questions.views import source_parts

    citation = {
        "act": "Приказ № 1",
        "regulation": "Туристік операторлық қызметті жүзеге асыруға лицензия беру",
        "paragraph": "6",
        "quote": "мемлекеттік қызметті көрсету мерзімі: 15 жұмыс күні",
    }
    cited = {
        "answer": "Срок: 15 рабочих дней (Правила «Туристік операторлық қызметті жүзеге "
        "асыруға лицензия беру», пункт 6).",
        "citations": [citation],
    }
    assert source_parts(cited) == []
    bare = {"answer": "Срок: 15 рабочих дней.", "citations": [citation]}
    [line] = source_parts(bare)
    assert line.params["source"].startswith("Приказ № 1, Туристік")
    assert source_parts({"answer": "Не знаю.", "citations": []}) == []
