"""The document catalogue (``documents.yaml``): stable ids, Russian names and synonyms.

``Catalogue.lookup(name_kk)`` attaches a name extracted from a regulation to its entry (fuzzy:
the regulation texts differ in small ways between services and in PDF artefacts). A name with
no entry gets a generated id and a Russian name composed by ``phrasebook.translate``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from .phrasebook import translate
from .textnorm import normalize

HERE = Path(__file__).parent
MIN_SCORE = 90.0


@dataclass(frozen=True)
class Entry:
    id: str
    kk: str
    ru: str
    synonyms: tuple[str, ...]
    slots: dict  # slot name -> {kk phrase: ru phrase}


@dataclass(frozen=True)
class Found:
    id: str
    name_ru: str
    synonyms: tuple[str, ...]
    known: bool
    score: float


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


class Catalogue:
    def __init__(self, data: dict):
        self.entries: list[tuple[str, Entry, dict[str, str], str]] = []
        self.by_id: dict[str, Entry] = {}
        for raw in data.get("documents") or []:
            slots = raw.get("ru_slots") or {}
            entry = Entry(raw["id"], raw["kk"], raw["ru"], tuple(raw.get("synonyms") or []), slots)
            self.by_id.setdefault(entry.id, entry)
            kk_forms = [raw["kk"], *(raw.get("kk_variants") or [])]
            ru_forms = [raw["ru"], *(raw.get("ru_variants") or [])]
            for idx, kk in enumerate(kk_forms):
                ru = ru_forms[idx] if idx < len(ru_forms) else ru_forms[0]
                for values in self._slot_values(slots):
                    kk_values = {k: v[0] for k, v in values.items()}
                    ru_values = {k: v[1] for k, v in values.items()}
                    self.entries.append(
                        (normalize(_fill(kk, kk_values)), entry, ru_values, ru))

    @staticmethod
    def _slot_values(slots: dict) -> list[dict[str, tuple[str, str]]]:
        combos: list[dict[str, tuple[str, str]]] = [{}]
        for name, table in slots.items():
            combos = [{**c, name: (kk, ru)} for c in combos for kk, ru in table.items()]
        return combos

    def lookup(self, name_kk: str) -> Found:
        norm = normalize(name_kk)
        best = None
        best_score = 0.0
        for kk_norm, entry, ru_values, ru in self.entries:
            score = fuzz.ratio(norm, kk_norm)
            if score > best_score:
                best, best_score = (entry, ru_values, ru), score
        if best is not None and best_score >= MIN_SCORE:
            entry, ru_values, ru = best
            return Found(entry.id, _fill(ru, ru_values), entry.synonyms, True, best_score)
        digest = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
        return Found("doc_" + digest, translate(name_kk), (), False, best_score)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    with open(HERE / "documents.yaml", encoding="utf-8") as fh:
        return Catalogue(yaml.safe_load(fh))
