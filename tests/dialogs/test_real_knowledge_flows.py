"""The core flows over the real knowledge base built from the seeds (no fakes)."""

from __future__ import annotations

import pytest
from flow_fakes import Holder

from dialogs.common.ids import resolve_service
from dialogs.core import MAX_ACTION_BYTES

# How the knowledge base's card warns that its act is repealed or of unknown status.
STATUS_NOTICE = {"kk": ("⚠", "Назар аударыңыз"), "ru": ("⚠", "Внимание")}


@pytest.fixture(scope="module")
def real_kb():
    from knowledge import load_knowledge

    return load_knowledge()


async def started(make_chat, real_kb, lang):
    chat = make_chat(hint=lang, holder=Holder(real_kb), user_id=300 + len(lang))
    await chat.command("start")
    await chat.press(f"lang:set:{lang}")
    return chat


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_every_service_is_reachable_by_category_and_its_card_renders(
    make_chat, real_kb, lang
):
    chat = await started(make_chat, real_kb, lang)
    await chat.press("cat:home")
    categories = [a for a in chat.actions() if a.startswith("cat:open:")]
    while "cat:page:1" in chat.actions() and len(categories) < 50:
        await chat.press("cat:page:1")
        categories += [a for a in chat.actions() if a.startswith("cat:open:")]
    reached: set[str] = set()
    for category in categories:
        await chat.press_stale(category)
        pages = [category]
        while True:
            services = [a for a in chat.actions() if a.startswith("svc:open:")]
            for service in services:
                await chat.press_stale(service)
                assert chat.turn.step is None
                text = chat.text()
                assert len(text) > 40
                assert all(len(a.encode()) <= MAX_ACTION_BYTES for a in chat.actions())
                [ask] = [a for a in chat.actions() if a.startswith("qa:svc:")]
                reached.add(ask.split(":", 2)[2])
                sid = resolve_service(real_kb, ask.split(":", 2)[2])
                if real_kb.services[sid].status != "in_force":
                    assert any(w in text for w in STATUS_NOTICE[lang]), text
            nxt = [
                a
                for a in chat.actions()
                if a.startswith(category.rsplit(":", 1)[0]) and a not in pages
            ]
            if not nxt or len(pages) > 20:
                break
            pages.append(nxt[-1])
            await chat.press_stale(nxt[-1])
    assert {resolve_service(real_kb, token) for token in reached} == set(real_kb.services)


@pytest.mark.parametrize(
    ("lang", "words"), [("ru", "аптека"), ("kk", "дәріхана"), ("ru", "туроператор")]
)
async def test_typed_words_find_the_service(make_chat, real_kb, lang, words):
    chat = await started(make_chat, real_kb, lang)
    await chat.press("cat:home")
    await chat.send(words)
    services = [a for a in chat.actions() if a.startswith("svc:open:")]
    assert services, chat.text()
    expected = "pharmacy" if words != "туроператор" else "tour_operator"
    assert expected in services[0]


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("ru", "Сколько дней выдают лицензию на туроператорскую деятельность?"),
        ("kk", "Туроператор лицензиясы қанша жұмыс күнінде беріледі?"),
    ],
)
async def test_a_question_gets_an_answer_with_its_citation(make_chat, real_kb, lang, question):
    chat = await started(make_chat, real_kb, lang)
    await chat.send(question)
    text = chat.text()
    assert any(ch.isdigit() for ch in text)
    answer = chat.turn.data["qa"]["last"][-1]
    assert answer["sid"] == "tour_operator_vko"
    assert "qa:fb:1:1" in chat.actions()


async def test_out_of_scope_question_is_not_answered_confidently(make_chat, real_kb):
    chat = await started(make_chat, real_kb, "ru")
    await chat.send("Как получить загранпаспорт?")
    assert "qa:fb:1:1" not in chat.actions()
