"""Telegram-level tests: the real dispatcher talks HTTP to the Bot API emulator.

/start -> language -> menu -> category -> service card -> question -> answer with citation, in
both languages, by long polling and by webhook; a restart in the middle of a dialog; a
redelivered update processed once.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from domain.i18n import t
from tests.e2e.client import TgUser
from tests.e2e.harness import running_bot, until

QUESTIONS = {
    "kk": "Лицензия қанша жұмыс күнінде беріледі?",
    "ru": "За сколько рабочих дней выдают лицензию?",
}


def _tourism_service(kb) -> tuple[str, str]:
    """A category and a service whose regulation states the deadline, answered with a citation
    (taken from the knowledge base, not hard-coded)."""
    candidates = []
    for category in kb.categories():
        for sid in category.service_ids:
            answer = kb.ask(QUESTIONS["ru"], lang="ru", service_id=sid)
            if answer.citations and not answer.escalate:
                deadline = kb.deadline(sid, "issue")
                stated = deadline is not None and deadline.value is not None
                candidates.append((not stated, category.id, sid))
    assert candidates, "no service answers the deadline question with a citation"
    _, category_id, service_id = min(candidates)
    return category_id, service_id


async def _walk(user: TgUser, kb, lang: str) -> None:
    other = "ru" if lang == "kk" else "kk"
    # /start: the language choice, preselected from Telegram's language_code.
    replies = await user.say("/start")
    assert len(replies) == 1
    choice = replies[0]
    assert t("kk", "Choose the language of our conversation.") in choice.text
    assert t("ru", "Choose the language of our conversation.") in choice.text
    assert choice.actions == [f"lang:set:{lang}", f"lang:set:{other}"]
    assert choice.button_labels[0].startswith("✅")

    # The language -> the main menu, in place of the choice.
    replies = await user.press(data=f"lang:set:{lang}")
    menu = replies[-1]
    assert menu.edited and menu.message_id == choice.message_id
    assert t(lang, "Main menu. Choose what you need:") in menu.text
    assert "cat:home" in menu.actions

    category_id, service_id = _tourism_service(kb)
    replies = await user.press(data="cat:home")
    categories = replies[-1]
    names = {c.id: (c.name_kk if lang == "kk" else c.name_ru) for c in kb.categories()}
    assert any(names[category_id] in label for label in categories.button_labels)

    replies = await user.press(data=categories.find_button(names[category_id])["callback_data"])
    services = replies[-1]
    action = f"svc:open:{service_id}"
    assert action in services.actions

    replies = await user.press(data=action)
    card = replies[-1]
    title = kb.services[service_id].title_kk if lang == "kk" else kb.services[service_id].title_ru
    assert (title or kb.services[service_id].title_kk) in card.text
    assert f"qa:svc:{service_id}" in card.actions

    await user.press(data=f"qa:svc:{service_id}")
    replies = await user.say(QUESTIONS[lang])
    answer_msg = replies[-1]
    expected = kb.ask(QUESTIONS[lang], lang=lang, service_id=service_id)
    assert any(
        c.act in answer_msg.text and c.paragraph in answer_msg.text for c in expected.citations
    ), answer_msg.text
    assert any(a.startswith("qa:fb:") for a in answer_msg.actions)  # helpful / not helpful
    # Everything the user saw is in their language: no English msgid leaked.
    for message in user.bot_messages()[1:]:
        assert "Choose" not in message.text and "Main menu" not in message.text


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_start_to_cited_answer_by_polling(settings, emulator, kb_holder, real_kb, lang):
    async with running_bot(settings, emulator, knowledge=kb_holder):
        user = TgUser(emulator, 5000 + len(lang), language_code=lang)
        await _walk(user, real_kb, lang)
        # The command menu is registered in both languages.
        assert {"kk", "ru"} <= set(emulator.commands)
        ru = {c["command"]: c["description"] for c in emulator.commands["ru"]}
        kk = {c["command"]: c["description"] for c in emulator.commands["kk"]}
        assert ru["start"] != kk["start"] and "start" in ru and "lang" in kk


async def test_start_to_cited_answer_by_webhook(settings, emulator, kb_holder, real_kb):
    async with running_bot(settings, emulator, knowledge=kb_holder, mode="webhook") as app:
        assert emulator.webhook["secret_token"] == "test-secret"
        user = TgUser(emulator, 6001, language_code="ru")
        await _walk(user, real_kb, "ru")
        assert emulator.webhook_responses and set(emulator.webhook_responses) == {200}
        assert not any(c.method == "getUpdates" for c in emulator.calls)
        # A request without the secret header is refused and changes nothing.
        cursor = user.cursor()
        url = emulator.webhook["url"]
        update = {"update_id": 99, "message": user.message(text="/start")}
        async with aiohttp.ClientSession() as http, http.post(url, json=update) as resp:
            assert resp.status == 401
        await asyncio.sleep(0.5)
        assert user.cursor() == cursor
        assert app.settings.webhook_mode


async def test_restart_in_the_middle_of_a_dialog(settings, emulator, kb_holder, real_kb):
    user = TgUser(emulator, 7001, language_code="en")
    async with running_bot(settings, emulator, knowledge=kb_holder):
        await user.say("/start")
        await user.press(data="lang:set:ru")
        categories = (await user.press(data="cat:home"))[-1]
        # Browsing the catalogue: typed words are a service search (step "cat.search").
    async with running_bot(settings, emulator, knowledge=kb_holder):
        replies = await user.say("туроператор")
        found = replies[-1]
        assert any(a.startswith("svc:open:") for a in found.actions), found.text
        assert "tour" in " ".join(found.actions)
        # The old message's buttons still work after the restart, in the chosen language.
        replies = await user.press(data=categories.actions[0], message=categories)
        assert t("ru", "🏠 Main menu") in replies[-1].button_labels


async def test_redelivered_update_is_processed_once(settings, emulator, kb_holder):
    user = TgUser(emulator, 8001, language_code="ru")
    async with running_bot(settings, emulator, knowledge=kb_holder) as app:
        # Two copies in one batch (processed concurrently) ...
        cursor = user.cursor()
        update = user.send_text("/start")
        emulator.redeliver(update)
        replies = await user.replies(cursor)
        assert len(replies) == 1
        # ... and a copy delivered again later.
        cursor = user.cursor()
        emulator.redeliver(update)
        await until(lambda: not emulator._forced, what="redelivery fetched")
        await asyncio.sleep(0.6)
        assert user.cursor() == cursor
        sends = [
            c
            for c in emulator.calls
            if c.method == "sendMessage" and c.params.get("chat_id") == user.chat_id
        ]
        assert len(sends) == 1
        assert app.inflight.count == 0


async def test_redelivered_webhook_update_is_processed_once(settings, emulator, kb_holder):
    user = TgUser(emulator, 8002, language_code="kk")
    async with running_bot(settings, emulator, knowledge=kb_holder, mode="webhook"):
        cursor = user.cursor()
        update = user.send_text("/start")
        emulator.redeliver(update)
        emulator.redeliver(update)
        await user.replies(cursor)
        await until(lambda: len(emulator.webhook_responses) == 3, what="three deliveries")
        await asyncio.sleep(0.3)
        sends = [c for c in emulator.calls if c.method == "sendMessage"]
        assert len(sends) == 1


async def test_dialog_restart_and_dedup_on_postgres(settings, emulator, kb_holder, postgres_url):
    pg = settings.model_copy(update={"database_url": postgres_url})
    user = TgUser(emulator, 9001, language_code="ru")
    async with running_bot(pg, emulator, knowledge=kb_holder) as app:
        assert app.runtime.db.url.startswith("postgresql+asyncpg://")
        cursor = user.cursor()
        update = user.send_text("/start")
        emulator.redeliver(update)  # a concurrent duplicate
        assert len(await user.replies(cursor)) == 1
        await user.press(data="lang:set:ru")
        await user.press(data="cat:home")
    async with running_bot(pg, emulator, knowledge=kb_holder):
        replies = await user.say("туроператор")
        assert any(a.startswith("svc:open:") for a in replies[-1].actions)
