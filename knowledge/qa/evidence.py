"""Evidence for an answer: the paragraphs of the chosen service that carry the asked fact,
narrowed to the sentences worth quoting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from knowledge.search.engine import SearchEngine
from knowledge.search.query import Query
from knowledge.search.stem import fold, key_kk
from knowledge.search.tokenize import content_words, normalize

from .intent import EVIDENCE_WORDS, anchors, folded
from .slots import Slots
from .slots import detect_slots as question_slots

MAX_QUOTE = 420
RELATIVE_FLOOR = 0.5  # a second quote must score at least this share of the first
SECOND_FLOOR = 0.25  # ... unless it answers the question's second intent
SLOT_BOOST = 0.3  # sentences about the applicant type / channel the question names
ANCHOR_BOOST = 0.6  # sentences that state the asked kind of fact
TITLE_WEIGHT = 0.3  # words of the service title are everywhere in its text
INTENT_WEIGHT = (0.45, 0.3)  # evidence words of the first / second intent
WEAK_INTENTS = frozenset({"procedure"})  # too general to steer retrieval much


@dataclass
class Evidence:
    paragraph: Any  # knowledge.model.Paragraph
    quote: str
    score: float


def retrieval_weights(
    engine: SearchEngine, query: Query, service_id: str, intents: list[str]
) -> dict[str, float]:
    weights = dict(query.weights)
    title_keys = _title_keys(engine, service_id)
    for k in weights:
        if k in title_keys:
            weights[k] *= TITLE_WEIGHT
    for rank, intent in enumerate(intents[:2]):
        weight = INTENT_WEIGHT[rank] * (0.5 if intent in WEAK_INTENTS else 1.0)
        for word in content_words(EVIDENCE_WORDS.get(intent, "")):
            k = key_kk(word)
            weights[k] = max(weights.get(k, 0.0), weight)
    return weights


def _title_keys(engine: SearchEngine, service_id: str) -> frozenset[str]:
    pos = engine.services.position.get(service_id)
    return frozenset() if pos is None else engine.services.title_keys[pos]


def gather(
    engine: SearchEngine, kb: Any, query: Query, service_id: str, intents: list[str], k: int = 2
) -> list[Evidence]:
    """Up to ``k`` quotes from the best sentences of ``service_id`` for this question.

    Sentences that look like a statement of the asked fact (``intent.ANCHORS``) are preferred;
    with two intents the second one gets a quote of its own when the first did not cover it.
    """
    weights = retrieval_weights(engine, query, service_id, intents)
    hits = engine.find_passages(weights, service_id, k=max(12, k * 6))
    slot_rx = slot_anchor(question_slots(query.text))
    ranked = sorted(hits, key=lambda h: -_boosted(h, intents, slot_rx))
    chosen: list[Evidence] = []
    used: set[str] = set()
    wanted = intents[:2]
    for intent in wanted:
        if len(chosen) >= k:
            break
        if chosen and any(anchors(intent, e.quote) for e in chosen):
            continue
        for hit in ranked:
            if hit.paragraph_id in used or not hit.paragraph_id:
                continue
            floor = RELATIVE_FLOOR if intent == wanted[0] else SECOND_FLOOR
            if chosen and _boosted(hit, intents, slot_rx) < floor * chosen[0].score:
                break
            if intent != wanted[0] and not anchors(intent, hit.text):
                continue
            para = kb.paragraph(hit.paragraph_id)
            if para is None:
                continue
            quote = _with_context(engine, kb, para, hit)
            used.add(hit.paragraph_id)
            chosen.append(Evidence(para, shorten(quote, weights), _boosted(hit, intents, slot_rx)))
            break
    for hit in ranked:  # fill up with the next best sentences
        if len(chosen) >= k:
            break
        if hit.paragraph_id in used or not hit.paragraph_id:
            continue
        if _boosted(hit, intents, slot_rx) < RELATIVE_FLOOR * chosen[0].score:
            break
        para = kb.paragraph(hit.paragraph_id)
        if para is None:
            continue
        used.add(hit.paragraph_id)
        chosen.append(Evidence(para, shorten(_with_context(engine, kb, para, hit), weights),
                               _boosted(hit, intents, slot_rx)))
    return chosen


def _boosted(hit: Any, intents: list[str], slot_rx: re.Pattern[str] | None = None) -> float:
    boost = 1.0
    strong = [i for i in intents[:2] if i not in WEAK_INTENTS]
    if strong and strong[0] == intents[0] and anchors(intents[0], hit.text):
        boost += ANCHOR_BOOST
    if len(intents) > 1 and intents[1] in strong and anchors(intents[1], hit.text):
        boost += ANCHOR_BOOST / 2
    if slot_rx is not None and slot_rx.search(folded(hit.text)):
        boost += SLOT_BOOST
    return hit.score * boost


_SLOT_ANCHORS = {
    "legal_entity": r"заңды тұлға", "individual": r"жеке тұлға", "foreign": r"шетелдік",
    "individual_entrepreneur": r"кәсіпкер|заңды тұлға",
    "center": r"орталық|корпорация|хқко", "portal": r"портал|эүп", "provider": r"кеңсе",
}


def slot_anchor(slots: Slots) -> re.Pattern[str] | None:
    """Sentences about the applicant type or channel the question names."""
    parts = [_SLOT_ANCHORS[v] for v in (slots.applicant, slots.channel) if v in _SLOT_ANCHORS]
    return re.compile(fold("|".join(parts))) if parts else None


def _with_context(engine: SearchEngine, kb: Any, para: Any, hit: Any) -> str:
    """The hit sentence, after the heading line it belongs to (``...негізі:``, ``...кезде:``)."""
    text = hit.text
    heading = None
    siblings = engine.passages.sentences_of(hit.paragraph_id)
    for s in reversed([s for s in siblings if s.position < hit.position]):
        if s.text.endswith(":"):
            heading = s
            break
    if heading is None and para.kind == "subitem" and hit.position == 0:
        parent = kb.paragraph(para.id.rsplit(".", 1)[0])
        first = parent.parts[0].text if parent is not None and parent.parts else ""
        if first.endswith(":") and len(first) < MAX_QUOTE // 2:
            return f"{first} … {text}"
    if heading is not None and len(heading.text) + len(text) < MAX_QUOTE:
        gap = " … " if heading.position < hit.position - 1 else " "
        return f"{heading.text}{gap}{text}"
    return text


def shorten(text: str, weights: dict[str, float], limit: int = MAX_QUOTE) -> str:
    """Cut ``text`` to ``limit`` characters around its first matching word."""
    if len(text) <= limit:
        return text
    tokens = list(re.finditer(r"\w+", text))
    start = 0
    for m in tokens:
        key = key_kk(m.group(0).lower())
        if weights.get(key, 0.0) >= 0.6:
            start = max(0, m.start() - limit // 3)
            break
    end = min(len(text), start + limit)
    start = max(0, end - limit)
    cut = text[start:end]
    if start > 0:
        cut = "…" + cut[cut.find(" ") + 1 :]
    if end < len(text):
        cut = cut[: cut.rfind(" ")] + "…"
    return cut


_RECIPIENTS_RE = re.compile(
    r"(?:жеке және заңды|заңды|жеке) тұлғалар\w*\s*\(бұдан әрі\s*[-–]\s*(?:көрсетілетін )?"
    r"қызмет\w* алушы|(?:жеке және заңды|заңды|жеке) тұлғаларға көрсетеді"
)


def recipients(engine: SearchEngine, kb: Any, service_id: str) -> Evidence | None:
    """The sentence that says who may receive the service (legal entities, individuals)."""
    ids = engine.passages.by_service.get(service_id)
    if ids is None:
        return None
    for i in ids:
        item = engine.passages.items[int(i)]
        if _RECIPIENTS_RE.search(normalize(item.text)) and item.paragraph_id:
            para = kb.paragraph(item.paragraph_id)
            if para is not None:
                return Evidence(para, shorten(item.text, {}), 0.0)
    return None
