from __future__ import annotations

from domain import users


async def test_new_user_gets_language_choice_preselected_from_telegram(make_chat):
    chat = make_chat(hint="ru-RU")
    await chat.command("start")
    assert chat.actions() == ["lang:set:ru", "lang:set:kk"]
    labels = chat.labels()
    assert labels["lang:set:ru"] == "✅ Русский"
    assert labels["lang:set:kk"] == "Қазақша"
    # The prompt is in both languages, the suggested one first.
    assert chat.text().splitlines() == ["Выберите язык общения.", "Сөйлесу тілін таңдаңыз."]


async def test_other_telegram_languages_suggest_kazakh(make_chat):
    chat = make_chat(hint="en")
    await chat.command("start")
    assert chat.actions() == ["lang:set:kk", "lang:set:ru"]
    assert chat.labels()["lang:set:kk"] == "✅ Қазақша"


async def test_choosing_a_language_remembers_it_and_shows_the_menu(make_chat, database):
    chat = make_chat(hint="ru")
    await chat.command("start")
    await chat.press("lang:set:kk")
    async with database.sessionmaker() as session:
        assert await users.get_language(session, 1001) == "kk"
    view = chat.views[0]
    assert view.edit  # replaces the language question
    assert chat.turn.lang == "kk"
    assert "Сәлеметсіз бе!" in chat.text()
    assert chat.actions() == ["cat:home", "qa:start", "lang:choose"]
    assert chat.labels()["cat:home"] == "📋 Қызметті таңдау"

    # A second /start does not ask again: the choice is remembered.
    await chat.command("start")
    assert "lang:set:kk" not in chat.actions()
    assert "Басты мәзір" in chat.text()


async def test_lang_command_changes_the_language(make_chat, database):
    chat = make_chat(hint="kk")
    await chat.command("start")
    await chat.press("lang:set:kk")
    await chat.command("lang")
    assert chat.labels()["lang:set:kk"] == "✅ Қазақша"  # the current language is marked
    await chat.press("lang:set:ru")
    assert chat.turn.lang == "ru"
    assert chat.text().startswith("Язык изменён.")
    assert "Главное меню" in chat.text()
    async with database.sessionmaker() as session:
        assert await users.get_language(session, 1001) == "ru"


async def test_menu_button_and_command_reset_the_step(make_chat):
    chat = make_chat()
    await chat.command("start")
    await chat.press("lang:set:ru")
    await chat.press("cat:home")
    assert chat.turn.step == "cat.search"
    await chat.command("menu")
    assert chat.turn.step is None
    assert chat.actions()[0] == "cat:home"
    await chat.press("cat:home")
    await chat.press("menu:show")
    assert chat.turn.step is None


async def test_help_lists_the_registered_commands(make_chat):
    chat = make_chat()
    await chat.command("start")
    await chat.press("lang:set:ru")
    await chat.command("help")
    text = chat.text()
    assert "/menu — Главное меню" in text
    assert "/services — Выбрать услугу" in text
    assert "/lang — Сменить язык" in text
    assert text.index("/menu") < text.index("/services") < text.index("/start")
    assert "оператор" not in text  # no operators' flow registered here


async def test_start_forgets_the_conversation_context(make_chat):
    chat = make_chat()
    await chat.command("start")
    await chat.press("lang:set:ru")
    await chat.press("cat:home")
    await chat.press("cat:open:pharmacy:0")
    await chat.press("svc:open:pharmacy")
    await chat.press("qa:svc:pharmacy")
    assert chat.turn.data["svc"] == "pharmacy"
    await chat.command("start")
    assert "svc" not in chat.turn.data and "cat" not in chat.turn.data


async def test_changing_the_language_while_browsing_leaves_the_search_step(make_chat):
    chat = make_chat()
    await chat.command("start")
    await chat.press("lang:set:ru")
    await chat.press("cat:home")
    assert chat.turn.step == "cat.search"
    await chat.press_stale("lang:choose")
    await chat.press("lang:set:kk")
    assert chat.turn.step is None
