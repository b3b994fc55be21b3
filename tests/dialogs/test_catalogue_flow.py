from __future__ import annotations

from flow_fakes import LONG_ID, StubFeatureFlow

from dialogs.core import MAX_ACTION_BYTES


async def started(make_chat, lang="ru", **kw):
    chat = make_chat(hint=lang, **kw)
    await chat.command("start")
    await chat.press(f"lang:set:{lang}")
    return chat


async def test_categories_are_paginated_with_ids_not_labels(make_chat):
    chat = await started(make_chat)
    await chat.press("cat:home")
    actions = chat.actions()
    assert actions[:8] == [
        "cat:open:health:0",
        "cat:open:pharmacy:0",
        "cat:open:tourism:0",
        "cat:open:transport:0",
        "cat:open:agriculture:0",
        "cat:open:construction:0",
        "cat:open:education:0",
        "cat:open:energy:0",
    ]
    assert "cat:page:1" in actions and "menu:show" in actions
    assert chat.labels()["cat:open:health:0"] == "Здравоохранение (7)"
    assert "Страница 1 из 2" in chat.text()
    await chat.press("cat:page:1")
    assert chat.views[0].edit
    assert chat.actions() == ["cat:open:ecology:0", "cat:page:0", "menu:show"]
    assert "Страница 2 из 2" in chat.text()


async def test_services_of_a_category_paginate_and_open_a_card(make_chat):
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.press("cat:open:health:0")
    assert "«Здравоохранение»" in chat.text()
    services = [a for a in chat.actions() if a.startswith("svc:open:")]
    assert len(services) == 6
    await chat.press("cat:open:health:1")
    assert [a for a in chat.actions() if a.startswith("svc:")] == ["svc:open:medical_7"]
    assert "cat:open:health:0" in chat.actions()  # previous page
    await chat.press("svc:open:medical_7")
    assert chat.turn.step is None
    assert "Медицинская услуга 7" in chat.text()
    # Back returns to the page the user came from.
    assert "cat:open:health:1" in chat.actions()


async def test_card_in_both_languages_with_repealed_warning_and_next_steps(make_chat):
    for lang, title, warning in (
        ("ru", "Выдача лицензии на фармацевтическую деятельность", "утратил силу"),
        ("kk", "Фармацевтикалық қызметке лицензия беру", "күші жойылған"),
    ):
        chat = await started(make_chat, lang=lang, user_id=hash(lang) % 1000)
        await chat.press("cat:home")
        await chat.press("cat:open:pharmacy:0")
        await chat.press("svc:open:pharmacy")
        text = chat.text()
        assert text.startswith(title) and warning in text
        assert chat.actions() == ["qa:svc:pharmacy", "cat:open:pharmacy:0", "menu:show"]


async def test_unknown_status_warns_and_in_force_does_not(make_chat):
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.press("cat:open:tourism:0")
    await chat.press("svc:open:tour_operator")
    assert "неизвестно, действует ли" in chat.text()
    await chat.press("cat:open:tourism:0")  # back to the list
    await chat.press("cat:home")
    await chat.press("cat:open:transport:0")
    [action] = [a for a in chat.actions() if a.startswith("svc:open:")]
    await chat.press(action)
    assert "Внимание" not in chat.text()


async def test_card_offers_document_check_when_that_flow_is_registered(make_chat):
    docs = StubFeatureFlow("documents", "docs")
    chat = await started(make_chat, features={"fake_documents_feature": [docs]})
    assert "docs:start" in chat.actions()  # main menu
    await chat.press("cat:home")
    await chat.press("cat:open:pharmacy:0")
    await chat.press("svc:open:pharmacy")
    assert chat.actions()[0] == "docs:svc:pharmacy"
    assert chat.labels()["docs:svc:pharmacy"] == "✅ Проверить документы"
    await chat.press("docs:svc:pharmacy")
    assert docs.events[-1].action == "docs:svc:pharmacy"


async def test_long_service_ids_become_short_tokens(make_chat):
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.press("cat:open:transport:0")
    [action] = [a for a in chat.actions() if a.startswith("svc:open:")]
    assert LONG_ID not in action and action.startswith("svc:open:~")
    await chat.press(action)
    assert "Услуга с очень длинным идентификатором" in chat.text()
    assert all(len(a.encode()) <= MAX_ACTION_BYTES for a in chat.actions())
    [ask] = [a for a in chat.actions() if a.startswith("qa:svc:")]
    await chat.press(ask)
    assert chat.turn.data["svc"] == LONG_ID


async def test_typed_words_search_services(make_chat, kb):
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.send("аптека")
    assert ("search", "аптека") in kb.calls
    assert chat.actions()[0] == "svc:open:pharmacy"
    assert "qa:pending" in chat.actions()
    assert chat.turn.step == "cat.search"  # the user may refine the words
    await chat.send("турфирма")
    assert chat.actions()[0] == "svc:open:tour_operator"
    # "Ask it as a question" sends the last words to the knowledge base.
    await chat.press("qa:pending")
    assert [c for c in kb.calls if c[0] == "ask"] == [("ask", ("турфирма", "ru", None))]
    assert "15 рабочих дней" in chat.text()


async def test_nothing_found_says_so(make_chat):
    chat = await started(make_chat, lang="kk")
    await chat.press("cat:home")
    await chat.send("zzzz")
    assert "Бұл сөздер бойынша қызмет табылмады" in chat.text()
    assert "cat:home" in chat.actions()


async def test_a_question_typed_while_browsing_goes_to_the_knowledge_base(make_chat, kb):
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.send("Сколько дней оформляют лицензию на аптеку?")
    assert [c[0] for c in kb.calls] == ["ask", "search"]  # no service search
    assert chat.turn.step is None
    assert "Источник:" in chat.text()


async def test_stale_buttons_after_a_knowledge_reload(make_chat, kb):
    chat = await started(make_chat)
    await chat.press_stale("svc:open:removed_service")
    assert chat.text().startswith("Этой услуги больше нет в базе знаний.")
    await chat.press_stale("cat:open:removed:0")
    assert chat.text().startswith("Этой категории больше нет")
    await chat.press_stale("cat:page:99")  # clamped to the last page
    assert "Страница 2 из 2" in chat.text()


async def test_services_command_opens_the_catalogue(make_chat):
    chat = await started(make_chat)
    await chat.command("services")
    assert chat.actions()[0] == "cat:open:health:0"
    assert not chat.views[0].edit


async def test_buttons_use_the_short_name_and_region(make_chat, kb):
    card = kb.services["medical_1"]
    card.short_ru, card.region_ru = "Лицензия на медицинскую деятельность", "город Алматы"
    chat = await started(make_chat)
    await chat.press("cat:home")
    await chat.press("cat:open:health:0")
    label = chat.labels()["svc:open:medical_1"]
    assert label == "Лицензия на медицинскую деятельность (город Алматы)"
    assert chat.labels()["svc:open:medical_2"] == "Медицинская услуга 2"  # no short name: title
