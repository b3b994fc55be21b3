"""Passage retrieval inside one service: the evidence an answer quotes and cites.

Passages are sentences (or list lines) of the regulation's paragraphs and sub-items, so the
best match is a quotable statement, not a page-long paragraph; each keeps its paragraph id and
position for citing and for quoting neighbours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .index import InvertedIndex
from .scoring import bm25_subset
from .services import bag


@dataclass(frozen=True)
class PassageText:
    id: str
    service_id: str | None
    text: str
    lang: str = "kk"
    paragraph_id: str | None = None
    position: int = 0  # sentence number inside its paragraph


@dataclass
class PassageHit:
    id: str
    score: float
    paragraph_id: str | None = None
    position: int = 0
    text: str = ""


class PassageIndex:
    def __init__(self, passages: list[PassageText]) -> None:
        self.ids = [p.id for p in passages]
        self.items = passages
        self.index = InvertedIndex([bag([(p.text, p.lang)]) for p in passages])
        groups: dict[str | None, list[int]] = defaultdict(list)
        self._by_paragraph: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(passages):
            groups[p.service_id].append(i)
            if p.paragraph_id:
                self._by_paragraph[p.paragraph_id].append(i)
        self.by_service = {sid: np.array(ids, dtype=np.int32) for sid, ids in groups.items()}

    def vocabulary(self) -> set[str]:
        return set(self.index.postings)

    def best(
        self, weights: Mapping[str, float], service_id: str | None, k: int = 3
    ) -> list[PassageHit]:
        doc_ids = self.by_service.get(service_id)
        if doc_ids is None or not len(doc_ids):
            return []
        scores = bm25_subset(self.index, weights, doc_ids)
        order = np.argsort(-scores, kind="stable")[:k]
        out = []
        for i in order:
            if scores[i] <= 0:
                break
            item = self.items[doc_ids[i]]
            out.append(PassageHit(item.id, float(scores[i]), item.paragraph_id, item.position,
                                  item.text))
        return out

    def sentences_of(self, paragraph_id: str) -> list[PassageText]:
        return [self.items[i] for i in self._by_paragraph.get(paragraph_id, ())]
