"""Statements about the applicant's situation -> values of the condition vocabulary.

A statement is plain words in either language ("Лицензионный сбор оплачен через платёжный шлюз
электронного правительства", "түпнұсқаларын көрсетемін") with ``holds`` true or false. It is
mapped to the condition whose keywords it hits most (rapidfuzz against the condition's names
and question breaks ties and catches paraphrases); a negated statement ("сбор НЕ оплачен через
шлюз", "төленбеген") flips ``holds``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from .textnorm import normalize
from .vocab import Vocabulary, vocabulary

FUZZY_ONLY = 0.72
_NEG_RU = re.compile(r"(?<!\w)(?:не|нет|нету|без|ни|отсутств\w*)(?!\w)")
# Kazakh: "емес", "жоқ", or a verb with the negative suffix -ма/-ме/-ба/-бе/-па/-пе followed by a
# tense suffix and any personal ending ("төлемегенмін", "төленбеген", "бермеймін", "көрсетпедік")
_NEG_KK = re.compile(
    r"(?<!\w)(?:емес\w*|жоқ\w*)(?!\w)|\w{2,}(?:ма|ме|ба|бе|па|пе)"
    r"(?:ған|ген|ды|ді|й|п)"
    r"(?:мын|мін|мыз|міз|сың|сің|сыз|сіз|быз|біз|пын|пін|пыз|піз|м|қ|к|ң|ды|ді|)(?!\w)")


@dataclass(frozen=True)
class Reading:
    statement: str
    condition: str | None
    value: bool | None
    score: float


_ABSENT = re.compile(
    r"^(?:нет|жоқ)\s|\s(?:нет|жоқ|отсутству\w*|не\s+имеется|не\s+получ\w*|әлі\s+жоқ)$")


def says_absent(item: str) -> bool:
    """An item of the "have" list that says the document is NOT there ("квитанции нет")."""
    return bool(_ABSENT.search(normalize(item)))


def is_negated(text: str) -> bool:
    norm = normalize(text)
    return bool(_NEG_RU.search(norm) or _NEG_KK.search(norm))


def _holds(raw) -> bool:
    if isinstance(raw, str):
        return normalize(raw) not in {"false", "no", "нет", "жоқ", "0", "иә емес"}
    return True if raw is None else bool(raw)


class SituationReader:
    def __init__(self, vocab: Vocabulary | None = None):
        self.vocab = vocab or vocabulary()

    def classify(self, statement: str) -> tuple[str | None, float]:
        norm = normalize(statement)
        best, best_score = None, 0.0
        for cond in self.vocab.conditions.values():
            hits = cond.keywords.weight(statement) + cond.negative_keywords.weight(statement)
            # token_sort_ratio compares whole statements: a lone document name ("өтініш")
            # must not count as a statement about the applicant just because the condition's
            # question happens to contain that word (token_set_ratio would score it 100).
            fuzzy = max(
                fuzz.token_sort_ratio(norm, normalize(text)) / 100.0
                for text in (cond.name_kk, cond.name_ru, cond.question_kk, cond.question_ru)
            )
            score = hits + fuzzy if hits else (fuzzy if fuzzy >= FUZZY_ONLY else 0.0)
            if score > best_score:
                best, best_score = cond.id, score
        return best, best_score

    def read(self, statement: str, holds=True) -> Reading:
        cond, score = self.classify(statement)
        if cond is None:
            return Reading(statement, None, None, 0.0)
        value = _holds(holds)
        if self.vocab.conditions[cond].negative_keywords.hits(statement):
            # words of the opposite fact ("paid at a bank", "a category III licence") decide;
            # a negation beside them ("не через шлюз, в банке") only repeats it
            value = not value
        elif is_negated(statement):
            value = not value
        return Reading(statement, cond, value, round(score, 3))

    def read_all(self, situation: Iterable) -> tuple[dict[str, bool], list[str]]:
        """Condition values and the statements that matched no condition.

        ``situation``: dicts ``{"statement", "holds"}``, plain strings (holding), or a mapping
        condition id -> bool (from menu buttons).
        """
        values: dict[str, bool] = {}
        unknown: list[str] = []
        if isinstance(situation, dict):
            situation = [{"statement": k, "holds": v} for k, v in situation.items()]
        for entry in situation or []:
            if isinstance(entry, str):
                text, holds = entry, True
            else:
                text = str(entry.get("statement") or entry.get("condition") or entry.get("id")
                           or "")
                holds = entry.get("holds", True)
            if text in self.vocab.conditions:
                values[text] = _holds(holds)
                continue
            reading = self.read(text, holds)
            if reading.condition is None or reading.value is None:
                if text.strip():
                    unknown.append(text)
                continue
            values[reading.condition] = reading.value
        return values, unknown
