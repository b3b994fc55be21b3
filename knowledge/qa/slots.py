"""Details a question states about the applicant's situation: case, applicant type, channel.

Conservative cue lists (both languages); ``None`` when the question does not say. Ids follow
the checklist vocabulary (``knowledge/checklists/vocabulary.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.search.stem import fold
from knowledge.search.tokenize import normalize

_APPLICANT = [
    ("individual_entrepreneur", r"\bжк\b|\bип\b|кәсіпкер|предпринимател"),
    ("foreign", r"шетелдік|шетел азамат|иностран|нерезидент"),
    ("legal_entity", r"заңды тұлға|\bжшс\b|\bтоо\b|\bао\b|\bақ\b|юрлиц|юр\.? ?лиц|юридическ|"
                     r"компания|компани[яию]|фирм|серіктестік|организаци"),
    ("individual", r"жеке тұлға|физлиц|физ\.? ?лиц|физическ|гражданин|азаматпын"),
]
_CASE = [
    ("issue_stage2", r"екінші кезең|втор\w* этап|2[- ]?(?:й|ой)? этап|ii этап"),
    ("issue_stage1", r"бірінші кезең|перв\w* этап|1[- ]?(?:й|ый)? этап|i этап"),
    ("reregister_category", r"санат беріл|присвоени\w* категори|категори\w* присв"),
    ("duplicate", r"телнұсқа|дубликат|жоғалт|потерял|утерял|утер|испор[тч]|поврежд|бүлін"),
    ("reregister", r"қайта ресімде|қайта рәсімде|переоформ|перерегистр|қайта тіркел"),
]
_CHANNEL = [
    ("center", r"хқко|\bцон\b|халыққа қызмет|мемлекеттік корпорация|госкорпорац|орталыққа"),
    ("portal", r"портал|egov|e-gov|егов|elicense|онлайн|электронн\w* правительств|интернет"),
    ("provider", r"кеңсе|канцеляр|департамент(?:ке|ке)|услугодател"),
]


@dataclass(frozen=True)
class Slots:
    applicant: str | None = None
    case: str | None = None
    channel: str | None = None


def _first(rules: list[tuple[str, str]], text: str) -> str | None:
    for value, pattern in rules:
        if re.search(fold(pattern), text):
            return value
    return None


def detect_slots(question: str) -> Slots:
    text = fold(normalize(question))  # cues match with or without Kazakh letters
    return Slots(_first(_APPLICANT, text), _first(_CASE, text), _first(_CHANNEL, text))
