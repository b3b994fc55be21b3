"""Service resolution: which service (regulation) a question is about.

Every service is described by a few fields, each indexed over all services (BM25 with
service-level document frequencies, so words shared by every regulation weigh nothing):

* ``title``: Kazakh title from the text, Russian and short titles from the overlay;
* ``keywords``: overlay keywords and synonyms in both languages;
* ``place``: region and provider (tells apart the same service of different regions);
* ``region``: the region alone (a question naming a region prefers that region's service);
* ``act``: the approving act (title, number, date, registration number);
* ``body``: the regulation's whole text (details only one service mentions).

A service is a candidate only when the question names its *topic* (title, keywords or act
number); region or body words alone never choose a service, so a question about weather in
Almaty or about passports is not answered with an Almaty licence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .index import InvertedIndex
from .query import MUTED_WEIGHT as MUTED
from .query import Query
from .scoring import bm25
from .stem import fold, key_kk, key_ru
from .tokenize import content_words, words

FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.5, "place": 0.8, "act": 1.0, "body": 0.5,
                 "region": 0.0}
TOPIC_FIELDS = ("title", "keywords")
DISCRIMINATING_FIELDS = {"region": 3.0, "body": 1.0}
GENERIC_SHARE = 0.5  # a key in more than this share of titles names no topic
MIN_PLACE_WORD = 4
_PLACE_KINDS = ("облыс", "кала", "аудан", "област", "город", "район", "республик", "казакстан",
                "казахстан", "барлык", "все", "регион", "онир")  # folded
WRITTEN_PLACE_BONUS = 3.0
NUMBER_TOPIC = 5.0  # weight of an act number named in the question, as topic evidence
COMMON_SHARE = 0.75  # nor does a key in more than this share of regulation texts
# Compound prepositions of titles ("за счет привлечения денег", "ақшасын тарту есебінен",
# "в области здравоохранения"): their nouns name no activity, so "открыть счет" or "облыс"
# never names a service through them.
TITLE_FUNCTION_PHRASES = re.compile(
    r"(?<!\w)(?:за сч[её]т|в связи с|в сфере|в области|в части|в целях|на основании|"
    r"в рамках|по вопросам)(?!\w)|(?<!\w)есебінен(?!\w)", re.IGNORECASE)


def title_text(text: str) -> str:
    """A title without its compound prepositions (see ``TITLE_FUNCTION_PHRASES``)."""
    return TITLE_FUNCTION_PHRASES.sub(" ", text or "")


@dataclass(frozen=True)
class ServiceText:
    """What the resolver knows about one service, as (text, language) pairs per field."""

    service_id: str
    fields: Mapping[str, list[tuple[str, str]]]


@dataclass
class ServiceHit:
    service_id: str
    score: float
    topic: float  # evidence from title/keywords/act number only


def bag(pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for text, lang in pairs:
        if not text:
            continue
        keyf = key_kk if lang == "kk" else key_ru
        out.update(keyf(w) for w in content_words(text))
    return out


class ServiceIndex:
    def __init__(self, services: list[ServiceText]) -> None:
        self.ids = [s.service_id for s in services]
        self.position = {sid: i for i, sid in enumerate(self.ids)}
        self.fields: dict[str, InvertedIndex] = {}
        self.title_keys: list[frozenset[str]] = []
        # (key, service position) -> the multi-word topic phrases holding the key; a key that
        # is also a phrase of its own ("лом", "аптека") is absent (see ``_fragments``)
        self.phrases: dict[tuple[str, int], list[frozenset[str]]] = {}
        self._index_phrases(services)
        for name in FIELD_WEIGHTS:
            pairs = [s.fields.get(name, []) for s in services]
            if name == "title":
                pairs = [[(title_text(t), lang) for t, lang in p] for p in pairs]
            docs = [bag(p) for p in pairs]
            self.fields[name] = InvertedIndex(docs)
            if name == "title":
                self.title_keys = [frozenset(d) for d in docs]
        # place names as written (folded, unstemmed): stemming may cut compound toponyms
        # ("Ұлыдала", "Ұлытау") to the same stem; the written form tells them apart
        self.region_words = [
            frozenset(fold(w) for text, _ in s.fields.get("region", []) for w in words(text)
                      if len(w) >= MIN_PLACE_WORD and not fold(w).startswith(_PLACE_KINDS))
            for s in services
        ]
        n = max(len(services), 1)
        generic: set[str] = set()
        for name in TOPIC_FIELDS:
            idx = self.fields[name]
            generic |= {k for k in idx.postings if idx.df(k) / n > GENERIC_SHARE}
        body = self.fields["body"]
        generic |= {k for k in body.postings if body.df(k) / n > COMMON_SHARE}
        self.generic = generic

    def _index_phrases(self, services: list[ServiceText]) -> None:
        alone: set[tuple[str, int]] = set()
        for i, s in enumerate(services):
            for name in TOPIC_FIELDS:
                for text, lang in s.fields.get(name, []):
                    text = title_text(text) if name == "title" else text
                    keys = frozenset(bag([(text, lang)]))
                    if len(keys) == 1:
                        alone |= {(k, i) for k in keys}
                    elif keys:
                        for k in keys:
                            self.phrases.setdefault((k, i), []).append(keys)
        for pair in alone:
            self.phrases.pop(pair, None)

    def _fragments(self, keys: Mapping[str, float]) -> dict[str, list[int]]:
        """Services each key names only as one word of a longer phrase that the question
        does not otherwise match ("үй" of "тұрғын үй құрылысы" in "жеке үй салу"): a lone
        generic word of a multi-word keyword is no evidence for the service."""
        asked = set(keys)
        out: dict[str, list[int]] = {}
        for key in keys:
            for name in TOPIC_FIELDS:
                posting = self.fields[name].postings.get(key)
                if posting is None:
                    continue
                for i in map(int, posting[0]):
                    phrases = self.phrases.get((key, i))
                    if phrases and all(len(p & asked) < 2 for p in phrases):
                        out.setdefault(key, []).append(i)
        return {k: sorted(set(v)) for k, v in out.items()}

    def vocabulary(self) -> set[str]:
        keys: set[str] = set()
        for idx in self.fields.values():
            keys |= set(idx.postings)
        return keys

    def is_topic_key(self, key: str) -> bool:
        if key in self.generic:
            return False
        return any(key in self.fields[f] for f in TOPIC_FIELDS) or (
            key.isdigit() and key in self.fields["act"]
        )

    def scores(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """(total score, topic score) of every service."""
        weights = query.topic_weights()
        muted = {k: w * MUTED for k, w in query.weights.items() if k in query.muted}
        other = {**query.weights, **muted}
        total = np.zeros(len(self.ids), dtype=np.float32)
        for name, w in FIELD_WEIGHTS.items():
            if w:
                total += w * bm25(self.fields[name], weights if name in TOPIC_FIELDS else other)
        topical = {k: v for k, v in weights.items() if k not in self.generic}
        topic = np.zeros(len(self.ids), dtype=np.float32)
        for name in TOPIC_FIELDS:
            topic += FIELD_WEIGHTS[name] * bm25(self.fields[name], topical)
        for key, ids in self._fragments(topical).items():
            lone = sum(FIELD_WEIGHTS[n] * bm25(self.fields[n], {key: topical[key]})
                       for n in TOPIC_FIELDS)
            topic[ids] = np.maximum(topic[ids] - lone[ids], 0.0)
        numbers = {k: v for k, v in topical.items() if k.isdigit() and len(k) >= 2}
        if numbers:  # an act named by its number names its services
            topic += NUMBER_TOPIC * bm25(self.fields["act"], numbers)
        return total, topic

    def rank(self, query: Query, limit: int = 8) -> list[ServiceHit]:
        total, topic = self.scores(query)
        order = np.argsort(-total, kind="stable")[:limit]
        return [
            ServiceHit(self.ids[i], float(total[i]), float(topic[i]))
            for i in order
            if total[i] > 0
        ]

    def contains(self, field_name: str, key: str, service_id: str) -> bool:
        posting = self.fields[field_name].postings.get(key)
        if posting is None:
            return False
        i = self.position[service_id]
        ids = posting[0]
        j = int(np.searchsorted(ids, i))
        return j < len(ids) and int(ids[j]) == i

    def discriminating(self, query: Query, service_ids: list[str]) -> dict[str, float]:
        """Evidence each service has that the other ``service_ids`` lack (region, details).

        Scored over the region and body fields with the query's own (unmuted) weights, so the
        same service of two regions is told apart by the region named, or by a word only one of
        the two texts uses.
        """
        out = {sid: 0.0 for sid in service_ids}
        for name, factor in DISCRIMINATING_FIELDS.items():
            idx = self.fields[name]
            for key, weight in query.weights.items():
                if key in query.muted or key in self.generic or weight < 0.5:
                    continue
                having = [sid for sid in service_ids if self.contains(name, key, sid)]
                if having and len(having) < len(service_ids):
                    for sid in having:
                        out[sid] += factor * weight * idx.idf[key]
        return out

    def place_scores(self, query: Query, service_ids: list[str]) -> dict[str, float]:
        """How well each service's region matches the places the question names."""
        idx = self.fields["region"]
        n = max(len(self.ids), 1)
        out = {sid: 0.0 for sid in service_ids}
        for key, weight in query.weights.items():
            if weight < 0.5 or key in query.muted or key not in idx.postings:
                continue
            if idx.df(key) == n:
                continue
            for sid in service_ids:
                if self.contains("region", key, sid):
                    out[sid] += weight * idx.idf[key]
        written = [fold(w) for w in query.words if len(w) >= MIN_PLACE_WORD]
        for sid in service_ids:
            names = self.region_words[self.position[sid]]
            if any(w.startswith(name) for w in written for name in names):
                out[sid] += WRITTEN_PLACE_BONUS  # the place as written, inflected or not
        return out
