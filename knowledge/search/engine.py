"""The search engine of a knowledge base: built once per loaded knowledge base.

Ties the stages together (tokenise -> index -> score -> select): :func:`build_engine` indexes
the services and paragraphs of a :class:`~knowledge.model.KnowledgeData`-like object;
:meth:`SearchEngine.analyze` turns a question into a weighted query; :meth:`resolve` picks the
service (or candidates, or nothing); :meth:`passages` finds the paragraphs to quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .index import Vocabulary
from .lang import detect_language
from .lexicon import Lexicon, load_lexicon
from .passages import PassageHit, PassageIndex, PassageText
from .query import Query, analyze
from .resolve import MIN_TOPIC, Resolution, resolve
from .services import ServiceIndex, ServiceText

INDEXED_KINDS = frozenset({"paragraph", "subitem", "note"})
MIN_LISTED = MIN_TOPIC / 2  # a search list may show weaker matches than an answer uses


@dataclass
class SearchEngine:
    services: ServiceIndex
    passages: PassageIndex
    vocab: Vocabulary
    lexicon: Lexicon
    service_acts: dict[str, str] = field(default_factory=dict)

    def analyze(self, text: str, lang: str | None = None) -> Query:
        return analyze(text, lang or detect_language(text), self.vocab, self.lexicon)

    def resolve(self, query: Query, hint: str | None = None) -> Resolution:
        return resolve(self.services, query, hint=hint, acts=self.service_acts)

    def search_services(
        self, text: str, lang: str | None = None, limit: int = 8
    ) -> list[tuple[str, float]]:
        """Services matching free text, best first, with scores in 0..1 (typo tolerant)."""
        query = self.analyze(text, lang)
        hits = [h for h in self.services.rank(query, limit=limit) if h.topic >= MIN_LISTED]
        if not hits:
            return []
        top = hits[0].score or 1.0
        return [(h.service_id, round(h.score / top, 4)) for h in hits]

    def find_passages(
        self, weights: Mapping[str, float], service_id: str | None, k: int = 3
    ) -> list[PassageHit]:
        return self.passages.best(weights, service_id, k=k)


def _service_text(card: Any, act: Any, paragraphs: Iterable[Any]) -> ServiceText:
    syn = [(s, "kk") for vals in (card.synonyms or {}).values() for s in vals]
    fields: dict[str, list[tuple[str, str]]] = {
        "title": [(card.title_kk, "kk"), (card.short_kk or "", "kk"),
                  (card.title_ru or "", "ru"), (card.short_ru or "", "ru")],
        "keywords": [(k, "kk") for k in card.keywords_kk]
        + [(k, "ru") for k in card.keywords_ru] + syn,
        "place": [(card.region_kk or "", "kk"), (card.region_ru or "", "ru"),
                  (card.provider_kk or "", "kk"), (card.provider_ru or "", "ru")],
        "region": region_of(card, act),
        "act": [],
        "body": [(p.text, "kk") for p in paragraphs],
    }
    if act is not None:
        fields["act"] = [(act.issuer or "", "kk"), (act.number or "", "kk"),
                         (act.justice_reg_number or "", "kk"), ((act.date or "")[:4], "kk")]
        for ref in (act.repealed_by, act.replaced_by):
            if ref is not None:
                fields["act"] += [(ref.number or "", "kk"), ((ref.date or "")[:4], "kk")]
    return ServiceText(card.id, fields)


_REGION_RE = re.compile(
    r"((?:[А-ЯӘҒҚҢӨҰҮҺІ][\w-]+\s+){0,2})(облыс|қала|аудан)\w*", re.UNICODE)
_NOT_PLACE = frozenset({"Қазақстан Республикасы", "Республикасы"})


def region_of(card: Any, act: Any) -> list[tuple[str, str]]:
    """The service's region: from the overlay, else the places its act issuer and provider
    name (``Шығыс Қазақстан облысы``, ``Алматы қаласы``)."""
    if card.region_kk or card.region_ru:
        return [(card.region_kk or "", "kk"), (card.region_ru or "", "ru")]
    texts = [getattr(act, "issuer", None) or "", card.provider_kk or ""]
    found = []
    for text in texts:
        for m in _REGION_RE.finditer(text):
            name = m.group(1).strip()
            if name and name not in _NOT_PLACE:
                found.append((f"{name} {m.group(2)}", "kk"))
    return found[:2]


def build_engine(data: Any, lexicon: Lexicon | None = None) -> SearchEngine:
    """Index ``data`` (anything with ``services``, ``acts`` and ``paragraphs``)."""
    lexicon = (lexicon or load_lexicon()).copy()
    by_service: dict[str, list[Any]] = {}
    passages: list[PassageText] = []
    seen: set[tuple[str | None, str]] = set()
    # sub-items first, so a sentence shared with its paragraph is cited at the sub-item
    ordered = sorted(data.paragraphs, key=lambda p: p.kind != "subitem")
    for p in ordered:
        if p.kind not in INDEXED_KINDS:
            continue
        sid = p.service_id
        if sid is not None and p.kind != "subitem":
            by_service.setdefault(sid, []).append(p)
        for n, sentence in enumerate(passage_sentences(p)):
            if (sid, sentence) in seen:
                continue
            seen.add((sid, sentence))
            passages.append(PassageText(f"{p.id}#{n}", sid, sentence, "kk", p.id, n))
    texts = [
        _service_text(card, data.acts.get(card.act_id), by_service.get(sid, []))
        for sid, card in data.services.items()
    ]
    for card in data.services.values():
        for synonyms in (card.synonyms or {}).values():
            if len(synonyms) > 1:
                lexicon.add_group(((s, "kk") for s in synonyms), topic=True)
    service_index = ServiceIndex(texts)
    passage_index = PassageIndex(passages)
    vocab = Vocabulary(
        service_index.vocabulary() | passage_index.vocabulary() | lexicon.vocabulary()
    )
    acts = {sid: card.act_id for sid, card in data.services.items()}
    return SearchEngine(service_index, passage_index, vocab, lexicon, acts)


_SENTENCE_RE = re.compile(r"(?<=[.;:])\s+(?=[«\"(]?[А-ЯӘҒҚҢӨҰҮҺІA-Z0-9а-яәғқңөұүһі])")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text) if len(s.strip()) > 2]


def passage_sentences(p: Any) -> list[str]:
    """Sentences of a paragraph, each logical line (``parts``) split further."""
    lines = [part.text for part in getattr(p, "parts", None) or []] or [p.text]
    return [s for line in lines for s in split_sentences(line)]
