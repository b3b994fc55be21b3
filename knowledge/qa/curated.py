"""Curated questions and answers from the overlay (``qa:`` entries of a service's YAML).

An entry is used only when it was reviewed and the question is close to it (rapidfuzz
token-set similarity) or carries all of its keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from knowledge.search.tokenize import normalize

MIN_SIMILARITY = 88.0


@dataclass
class Curated:
    text: str
    intent: str | None


def match_curated(card: Any, question: str, lang: str) -> Curated | None:
    q = normalize(question)
    best: tuple[float, Any] | None = None
    for entry in getattr(card, "qa", []) or []:
        if not entry.reviewed:
            continue
        answer = entry.answer_ru if lang == "ru" else entry.answer_kk
        answer = answer or entry.answer_kk or entry.answer_ru
        if not answer:
            continue
        score = 0.0
        for asked in (entry.question_kk, entry.question_ru):
            if asked:
                score = max(score, fuzz.token_set_ratio(q, normalize(asked)))
        keywords = [normalize(k) for k in entry.keywords]
        if keywords and all(k in q for k in keywords):
            score = max(score, MIN_SIMILARITY)
        if score >= MIN_SIMILARITY and (best is None or score > best[0]):
            best = (score, Curated(answer, entry.intent))
    return best[1] if best else None
