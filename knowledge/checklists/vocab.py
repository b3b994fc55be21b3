"""The checklist vocabulary: conditions, applicant types, channels, cases, re-registration reasons.

Loaded once from ``vocabulary.yaml`` beside this module. ``Keywords`` matches what an applicant
or a menu says, in either language, against the keyword lists of the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .textnorm import normalize

HERE = Path(__file__).parent
EFFECTS = ("exempts", "requires", "form")


class Keywords:
    """Keyword list of one vocabulary entry, matched against normalised free text.

    An entry written in capitals (``ТОО``, ``ИП``) is an abbreviation: it must be a whole word.
    Any other entry matches at the start of a word (``юридическ`` matches ``юридическое``); an
    entry with spaces is a phrase whose last word may be a word start.
    """

    def __init__(self, entries: list[str]):
        self.entries = list(entries)
        parts = []
        for entry in entries:
            text = normalize(entry)
            if not text:
                continue
            words = [re.escape(w) for w in text.split()]
            if entry.strip().isupper() and len(entry.strip()) <= 6:
                parts.append(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
            else:
                parts.append(r"(?<!\w)" + r"\w*\s+".join(words))
        self._res = [re.compile(p) for p in parts]

    def hits(self, text: str) -> int:
        """Number of distinct entries found in ``text`` (already normalised or not)."""
        norm = normalize(text)
        return sum(1 for rx in self._res if rx.search(norm))

    def weight(self, text: str) -> float:
        """Like ``hits`` but longer (more specific) entries weigh more."""
        norm = normalize(text)
        return sum(1.0 + 0.1 * len(rx.pattern) / 10 for rx in self._res if rx.search(norm))


@dataclass(frozen=True)
class Condition:
    id: str
    effect: str
    name_kk: str
    name_ru: str
    question_kk: str
    question_ru: str
    text_kk: str
    text_ru: str
    why_kk: str = ""
    why_ru: str = ""
    text_true_kk: str = ""
    text_true_ru: str = ""
    text_false_kk: str = ""
    text_false_ru: str = ""
    assume: bool | None = None
    patterns: tuple[re.Pattern[str], ...] = ()
    keywords: Keywords = field(default_factory=lambda: Keywords([]), compare=False)
    negative_keywords: Keywords = field(default_factory=lambda: Keywords([]), compare=False)


@dataclass(frozen=True)
class Term:
    """An applicant type, channel, case or re-registration reason."""

    id: str
    name_kk: str
    name_ru: str
    patterns: tuple[re.Pattern[str], ...] = ()
    keywords: Keywords = field(default_factory=lambda: Keywords([]), compare=False)
    weak_keywords: Keywords = field(default_factory=lambda: Keywords([]), compare=False)
    group: str = ""
    condition: str = ""
    only_kk: str = ""
    only_ru: str = ""


@dataclass(frozen=True)
class Vocabulary:
    conditions: dict[str, Condition]
    applicant_types: dict[str, Term]
    channels: dict[str, Term]
    cases: dict[str, Term]
    reasons: dict[str, Term]


def _patterns(raw: list[str] | None) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in raw or [])


def _terms(raw: dict | None) -> dict[str, Term]:
    out = {}
    for key, entry in (raw or {}).items():
        out[key] = Term(
            id=key,
            name_kk=entry["name_kk"],
            name_ru=entry["name_ru"],
            patterns=_patterns(entry.get("patterns")),
            keywords=Keywords(entry.get("keywords") or []),
            weak_keywords=Keywords(entry.get("weak_keywords") or []),
            group=entry.get("group", ""),
            condition=entry.get("condition", ""),
            only_kk=entry.get("only_kk", ""),
            only_ru=entry.get("only_ru", ""),
        )
    return out


def parse_vocabulary(data: dict) -> Vocabulary:
    conditions = {}
    for key, entry in (data.get("conditions") or {}).items():
        if entry.get("effect") not in EFFECTS:
            raise ValueError(f"condition {key}: effect must be one of {EFFECTS}")
        plain = {k: entry.get(k, "") for k in (
            "name_kk", "name_ru", "question_kk", "question_ru", "text_kk", "text_ru", "why_kk",
            "why_ru", "text_true_kk", "text_true_ru", "text_false_kk", "text_false_ru")}
        conditions[key] = Condition(
            id=key,
            effect=entry["effect"],
            assume=entry.get("assume"),
            patterns=_patterns(entry.get("patterns")),
            keywords=Keywords(entry.get("keywords") or []),
            negative_keywords=Keywords(entry.get("negative_keywords") or []),
            **plain,
        )
    return Vocabulary(
        conditions=conditions,
        applicant_types=_terms(data.get("applicant_types")),
        channels=_terms(data.get("channels")),
        cases=_terms(data.get("cases")),
        reasons=_terms(data.get("reregister_reasons")),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    with open(HERE / "vocabulary.yaml", encoding="utf-8") as fh:
        return parse_vocabulary(yaml.safe_load(fh))
