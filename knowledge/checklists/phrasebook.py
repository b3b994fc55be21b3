"""Fallback Russian names for documents that the catalogue does not know yet.

Kazakh names are head-final genitive chains ("X туралы анықтаманың көшірмесі"), Russian names
head-first ("копия справки о X"). The phrase table ``phrases_ru.yaml`` maps whole Kazakh
phrases; ``translate`` peels the known heads off the end of a name, translates the phrases it
knows and keeps the rest in Kazakh (marked), so a maintainer sees at once what to curate.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .textnorm import normalize

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _table() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[str, str]]]:
    with open(HERE / "phrases_ru.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    heads = [(re.compile(r"(?:^|\s)" + p + r"$"), ru) for p, ru in (data.get("heads") or {}).items()]
    phrases = sorted((data.get("phrases") or {}).items(), key=lambda kv: -len(kv[0]))
    return heads, [(normalize(k), v) for k, v in phrases]


def _phrases(text: str) -> str:
    _, phrases = _table()
    norm = normalize(text)
    for kk, ru in phrases:
        if norm == kk:
            return ru
    return ""


def translate(name_kk: str) -> str:
    """Best-effort Russian name; untranslated rest stays in Kazakh after "(каз.)"."""
    heads, _ = _table()
    rest = normalize(name_kk)
    prefix: list[str] = []
    changed = True
    while changed and rest:
        changed = False
        for rx, ru in heads:
            match = rx.search(rest)
            if match:
                prefix.append(ru)
                rest = rest[: match.start()].strip()
                changed = True
                break
    whole = _phrases(rest) if rest else ""
    words = " ".join(prefix)
    if whole:
        return (words + " " + whole).strip()
    if not rest:
        return words
    return (words + " (каз.) " + rest).strip() if words else "(каз.) " + rest
