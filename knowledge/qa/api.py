"""``ask`` and ``search_services`` for a loaded :class:`~knowledge.api.KnowledgeBase`.

The search engine is built once per loaded base (``kb.memo``), so an atomic swap of the base
on reload swaps its index too.
"""

from __future__ import annotations

from typing import Any

from knowledge.search.engine import SearchEngine, build_engine
from knowledge.search.lang import detect_language
from knowledge.search.scope import foreign_subject

from .answer import Answer
from .compose import candidates_answer, escalation, service_answer, service_title
from .curated import match_curated
from .facts import asked_cases
from .intent import detect_intents
from .steps import asks_steps

MEMO_KEY = "qa.search_engine"
NO_INTENT_FACTOR = 0.8  # confidence when the question carries no intent cue
# Cases a question may ask about as a whole ("I lost my licence, how do I get a duplicate?"):
# with no sharper intent, the answer gives that case's documents and term.
WHOLE_CASES = frozenset({"duplicate", "reregister"})
CASE_INTENTS = ("documents", "deadline")


def engine_for(kb: Any) -> SearchEngine:
    return kb.memo(MEMO_KEY, lambda: build_engine(kb.data))


def search_services(kb: Any, text: str, lang: str | None = None, limit: int = 8
                    ) -> list[tuple[str, float]]:
    return engine_for(kb).search_services(text, lang=lang, limit=limit)


def ask(kb: Any, question: str, lang: str | None = None, service_id: str | None = None
        ) -> Answer:
    """Answer ``question`` (kk/ru) from the knowledge base; ``service_id`` is the dialog's
    current service, used when the question does not name one."""
    lang = lang if lang in ("kk", "ru") else detect_language(question)
    engine = engine_for(kb)
    query = engine.analyze(question, lang)
    guesses = detect_intents(question)
    intents = [g.name for g in guesses] or ["procedure"]
    extra: tuple[str, ...] = ()
    whole_case = bool(WHOLE_CASES & set(asked_cases(question)))
    if whole_case and intents[0] == "procedure" and not asks_steps(question):
        intents = [*CASE_INTENTS, *(i for i in intents if i not in CASE_INTENTS)]
        extra = CASE_INTENTS[1:]
    elif whole_case and intents[0] not in CASE_INTENTS:
        # "бумажная лицензия испортилась, дубликат в какой срок?": a word describing the
        # licence (form, result) yields to the case's term / documents the question asks for
        asked = [i for i in intents if i in CASE_INTENTS]
        if asked:
            intents = [asked[0], *(i for i in intents if i != asked[0])]
    if foreign_subject(question) is not None:  # a visa, a pension, the weather: not ours
        return escalation(lang, intent=intents[0])
    res = engine.resolve(query, hint=service_id)
    if res.service_id is None and not res.candidates:
        return escalation(lang, intent=intents[0])
    if res.service_id is None:
        return candidates_answer(kb, engine, query, question, lang, res, intents)
    card = kb.services[res.service_id]
    curated = match_curated(card, question, lang)
    confidence = res.confidence * (1.0 if guesses else NO_INTENT_FACTOR)
    if curated is not None:
        return Answer(lang=lang, answer=curated.text, service_id=card.id,
                      service_title=service_title(lang, card), intent=curated.intent or
                      intents[0], confidence=round(max(confidence, 0.8), 3))
    answer = service_answer(kb, engine, query, question, lang, res.service_id, intents,
                            round(confidence, 3), extra_intents=extra)
    return answer
