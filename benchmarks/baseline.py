"""The plain BM25 baseline: bm25s over the same paragraphs, no stemming, no lexicon.

A question's service is the service of its best paragraph.
"""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
INDEXED_KINDS = frozenset({"paragraph", "subitem", "note"})


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("ё", "е"))


class Bm25Baseline:
    def __init__(self, paragraphs: list[Any]) -> None:
        import bm25s

        docs = [p for p in paragraphs if p.kind in INDEXED_KINDS and p.service_id]
        self.services = [p.service_id for p in docs]
        self.retriever = bm25s.BM25(method="lucene")
        self.retriever.index([tokens(p.text) for p in docs], show_progress=False)

    def top_service(self, question: str) -> str | None:
        query = tokens(question)
        if not query:
            return None
        scores = self.retriever.get_scores(query)
        best = int(scores.argmax())
        return self.services[best] if scores[best] > 0 else None
