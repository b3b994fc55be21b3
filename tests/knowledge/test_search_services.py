"""Service resolution on a small hand-made knowledge base (knowledge.search.services/resolve)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from knowledge.model import Act, Paragraph, ServiceCard
from knowledge.search.engine import build_engine
from knowledge.search.query import muted_words
from knowledge.search.tokenize import words

SERVICES = {
    "tour_pvl": ("Туристік операторлық қызметті жүзеге асыруға лицензия беру",
                 "Выдача лицензии на туроператорскую деятельность", "Павлодар облысы",
                 "Павлодарская область"),
    "tour_kst": ("Туристік операторлық қызметті жүзеге асыруға лицензия беру",
                 "Выдача лицензии на туроператорскую деятельность", "Қостанай облысы",
                 "Костанайская область"),
    "grain": ("Астық қолхаттарын беру арқылы қойма қызметіне лицензия беру",
              "Лицензия на складскую деятельность с выпуском зерновых расписок",
              "Павлодар облысы", "Павлодарская область"),
    "cotton": ("Мақта қолхаттарын беру арқылы қойма қызметіне лицензия беру",
               "Лицензия на складскую деятельность с выпуском хлопковых расписок",
               "Түркістан облысы", "Туркестанская область"),
    "medical": ("Медициналық қызметке лицензия беру", "Лицензия на медицинскую деятельность",
                "Алматы қаласы", "город Алматы"),
    # two regions whose compound names stem alike ("ұлы" + "дала" / "ұлы" + "тау")
    "vet_a": ("Ветеринария саласындағы қызметке лицензия беру", "Ветеринарная лицензия",
              "Ұлыдала облысы", "Ұлыдала облысы"),
    "vet_b": ("Ветеринария саласындағы қызметке лицензия беру", "Ветеринарная лицензия",
              "Ұлытау облысы", "Ұлытау облысы"),
}
KEYWORDS = {  # overlay keywords, as every curated service has them
    "tour_pvl": ["туроператор", "турфирма"], "tour_kst": ["туроператор", "турфирма"],
    "grain": ["астық қолхаты", "зерновые расписки", "элеватор"],
    "cotton": ["мақта қолхаты", "хлопковые расписки"],
    "medical": ["медициналық қызмет", "медицинская деятельность", "клиника"],
    "vet_a": ["ветеринария"], "vet_b": ["ветеринария"],
}
BODY = [
    "Мемлекеттік көрсетілетін қызмет нысаны: электрондық және қағаз түрінде.",
    "Лицензия беру мерзімі – 15 (он бес) жұмыс күні.",
    "Өтініш Мемлекеттік корпорация немесе портал арқылы беріледі.",
]


@pytest.fixture(scope="module")
def engine():
    services, paragraphs = {}, []
    for n, (sid, (kk, ru, region_kk, region_ru)) in enumerate(SERVICES.items()):
        services[sid] = ServiceCard(
            id=sid, title_kk=kk, title_ru=ru, act_id=f"a{n}", regulation_id=f"r{n}",
            source="x.txt", region_kk=region_kk, region_ru=region_ru,
            provider_kk=f"{region_kk} кәсіпкерлік басқармасы",
            keywords_kk=KEYWORDS[sid], keywords_ru=KEYWORDS[sid])
        for i, text in enumerate(BODY + [f"Қызметті {region_kk} басқармасы көрсетеді."], 1):
            paragraphs.append(Paragraph(id=f"{sid}:p{i}", kind="paragraph", source="x.txt",
                                        act_id=f"a{n}", service_id=sid, number=str(i),
                                        text=text, lines=(i, i)))
    acts = {f"a{n}": Act(id=f"a{n}", source="x.txt", number=str(100 + n))
            for n in range(len(SERVICES))}
    return build_engine(SimpleNamespace(services=services, paragraphs=paragraphs, acts=acts))


def resolve(engine, text, hint=None):
    return engine.resolve(engine.analyze(text), hint=hint)


@pytest.mark.parametrize("text", [
    "какая погода в Павлодаре?", "паспорт қалай ауыстырамын", "расскажи анекдот",
    "лицензия алу үшін қандай құжат керек?",  # names no activity
])
def test_questions_without_a_topic_resolve_to_nothing(engine, text):
    res = resolve(engine, text)
    assert res.service_id is None and res.candidates == []


def test_same_service_of_two_regions_needs_the_region(engine):
    res = resolve(engine, "лицензия туроператора сколько дней")
    assert res.service_id is None
    assert set(res.candidates) == {"tour_pvl", "tour_kst"}
    assert resolve(engine, "лицензия туроператора в Костанайской области").service_id == "tour_kst"
    assert resolve(engine, "Павлодар облысында туроператорға лицензия").service_id == "tour_pvl"


def test_excluded_and_compared_activities_do_not_choose(engine):
    assert resolve(engine, "склад с хлопковыми расписками (не зерновыми)").service_id == "cotton"
    assert resolve(engine, "мақта қолхаттары бойынша, астықтағыдай ма?").service_id == "cotton"
    assert muted_words(words("лицензия на склад, не зерновой")) >= {"зерновой"}


def test_typos_and_keyboard_without_kazakh_letters(engine):
    assert resolve(engine, "лицензия на медицинскую деятельнсть").service_id == "medical"
    assert resolve(engine, "мақта колхаттары лицензия").service_id == "cotton"


def test_dialog_hint_is_used_when_the_question_names_no_service(engine):
    res = resolve(engine, "сколько дней рассматривают?", hint="medical")
    assert res.service_id == "medical" and res.reason == "hint"
    # the hint breaks a tie between its own service and another
    assert resolve(engine, "лицензия туроператора", hint="tour_kst").service_id == "tour_kst"


def test_search_services_ranks_with_scores(engine):
    found = engine.search_services("хлопок расписки склад")
    assert found[0][0] == "cotton" and found[0][1] == 1.0
    assert all(0 < score <= 1 for _, score in found)
    assert engine.search_services("прогноз погоды") == []


def test_region_as_written_tells_apart_names_that_stem_alike(engine):
    assert resolve(engine, "ветеринария лицензиясы Ұлыдала облысында").service_id == "vet_a"
    assert resolve(engine, "ветеринарная лицензия, Ұлытау облысы").service_id == "vet_b"


def test_unknown_compounds_are_split_into_known_words(engine):
    from knowledge.search.query import decompound

    assert decompound("абракадабраш", engine.vocab) == []  # no known parts
    head, tail = "мак", "колхат"
    assert head in engine.vocab and tail in engine.vocab
    assert decompound(head + tail, engine.vocab) == [head, tail]
