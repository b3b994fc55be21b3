"""Keeping quotes consistent with the facts an answer states.

A stated fact is quoted with its own citation (the sentence carrying the figure). Other
sentences of the regulation that name a duration are, in most regulations, the time of one
procedure step ("the specialist reviews ... within 1 working day"); quoted next to the total
term of the service they read like a contradiction, so they are either dropped (a total term
was stated) or labelled as the time of a single step.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

# number words of the regulations (kk) and of Russian answers, for figures written in words
_WORDS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50,
    "один": 1, "одного": 1, "одна": 1, "два": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3,
    "четыре": 4, "пять": 5, "десять": 10, "пятнадцать": 15, "тридцать": 30,
}
_NUMBER = r"\d+(?:[.,]\d+)?|(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_NUMBER += r"(?:\s+(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r"))?"
_UNITS = (
    ("working_days", r"жұмыс\s+күн\w*|рабоч\w*\s+(?:дн\w*|день)"),
    ("calendar_days", r"күнтізбелік\s+күн\w*|календарн\w*\s+(?:дн\w*|день)"),
    ("working_hours", r"жұмыс\s+сағат\w*|рабоч\w*\s+час\w*"),
    ("hours", r"сағат\w*|час(?:а|ов)?\b"),
    ("minutes", r"минут\w*"),
    ("days", r"күн\w*|дн(?:я|ей)\b|день\b|сут\w*"),
)
_FIGURE = re.compile(
    r"(?<!\w)(" + _NUMBER + r")\s*(?:\([^()]{1,40}\)\s*)?(?:-?\s*)?("
    + "|".join(f"(?P<{name}>{rx})" for name, rx in _UNITS) + r")",
    re.IGNORECASE,
)
SAME_SENTENCE = 90  # partial-ratio of a quote and a fact's citation quote: the same sentence


def _value(token: str) -> float | None:
    token = token.lower().replace(",", ".")
    if token[0].isdigit():
        return float(token)
    total = 0
    for word in token.split():
        if word not in _WORDS:
            return None
        total += _WORDS[word]
    return float(total)


def term_figures(text: str) -> set[tuple[float, str]]:
    """Durations named in ``text``: ``{(3.0, "working_days"), ...}`` (kk source or ru/kk
    answer lines)."""
    out = set()
    for m in _FIGURE.finditer(" ".join((text or "").split())):
        value = _value(m.group(1))
        unit = next((name for name, _ in _UNITS if m.group(name)), None)
        if value is not None and unit is not None:
            out.add((value, unit))
    return out


def fact_quote(lines: list[str], cites: list[Any], stated: set[tuple[float, str]]
               ) -> Any | None:
    """The first fact citation whose quote carries a stated figure (the facts are listed
    asked case first), unless the fact lines already quote it."""
    for c in cites:
        quote = getattr(c, "quote", "") or ""
        if quote and term_figures(quote) & stated:
            return None if any(quote in line for line in lines) else c
    return None


def total_quotes(card: Any) -> list[str]:
    """Citation quotes of the card's total terms: the sentences that state them."""
    out = []
    for case in card.cases:
        for d in case.deadlines:
            if d.scope == "total" and d.citation is not None and d.citation.quote:
                out.append(d.citation.quote)
    return out


def step_duration(quote: str, card: Any) -> bool:
    """``quote`` names a duration that is not one of the card's total terms (the sentence of
    a total term, with no other figure, is not a step)."""
    figures = term_figures(quote)
    if not figures:
        return False
    same = [q for q in total_quotes(card) if fuzz.partial_ratio(quote, q) >= SAME_SENTENCE]
    return not same or not figures <= set().union(*(term_figures(q) for q in same))


def conflicts(quote: str, card: Any, stated: set[tuple[float, str]]) -> bool:
    """``quote`` names a step duration while the answer states a term of the service."""
    return bool(stated) and step_duration(quote, card)
