"""Durations as written in Kazakh regulations: ``15 (он бес) жұмыс күні``, ``отыз минут``."""

from __future__ import annotations

import re
from typing import Literal

from ..model import Unit

NUMBER_WORDS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
    "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100,
}
_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_WORDS_RE = rf"(?<![\w-])(?:(?:{_WORD})\s+){{0,2}}(?:{_WORD})[^\W\d_]{{0,4}}"
_VALUE_RE = rf"(?P<num>\d+(?:[,.]\d+)?)(?:\s*\((?P<paren>[^)]{{1,30}})\))?|(?P<words>{_WORDS_RE})"
_UNIT_RE = (
    r"(?P<unit>жұмыс\s+күн[^\W\d_]*|күнтізбелік\s+күн[^\W\d_]*|жұмыс\s+сағат[^\W\d_]*|"
    r"сағат[^\W\d_]*|минут[^\W\d_]*|митнут[^\W\d_]*|мин\.|күн[^\W\d_]*|ай[^\W\d_]*)"
)
DURATION_RE = re.compile(rf"(?<![\w-])(?:{_VALUE_RE})\s+{_UNIT_RE}", re.IGNORECASE)


def words_to_number(text: str) -> int | None:
    total = 0
    found = False
    for word in text.lower().split():
        for stem, value in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
            if word.startswith(stem) and len(word) - len(stem) <= 4:
                total += value
                found = True
                break
    return total if found else None


def unit_of(text: str) -> Unit | Literal["months"] | None:
    t = text.lower()
    if t.startswith("жұмыс") and "күн" in t:
        return "working_days"
    if t.startswith("күнтізбелік"):
        return "calendar_days"
    if t.startswith("жұмыс") and "сағат" in t:
        return "working_hours"
    if t.startswith("сағат"):
        return "hours"
    if t.startswith(("мин", "митнут")):
        return "minutes"
    if t.startswith("күн"):
        return "days"
    if t.startswith("ай"):
        return "months"
    return None


def find_durations(text: str) -> list[tuple[float, Unit, re.Match[str]]]:
    """Every (value, unit, match) in ``text``."""
    out = []
    for m in DURATION_RE.finditer(text):
        found = unit_of(m.group("unit"))
        if found is None or found == "months":
            continue
        unit: Unit = found
        if m.group("num"):
            value = float(m.group("num").replace(",", "."))
        else:
            number = words_to_number(m.group("words"))
            if number is None:
                continue
            value = float(number)
        if unit == "days" and re.match(r"күні\b", m.group("unit")) and value > 31:
            continue
        out.append((value, unit, m))
    return out
