"""Scoring functions: BM25 over an :class:`~knowledge.search.index.InvertedIndex`.

Pure functions of an index and a weighted query (``{term key: weight}``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .index import InvertedIndex


def bm25(index: InvertedIndex, query: Mapping[str, float]) -> np.ndarray:
    """BM25 score of every document for a weighted bag of query keys."""
    scores = np.zeros(index.n_docs, dtype=np.float32)
    for key, weight in query.items():
        posting = index.postings.get(key)
        if posting is None or weight <= 0:
            continue
        ids, tw = posting
        scores[ids] += tw * (weight * index.idf[key])
    return scores


def bm25_subset(
    index: InvertedIndex, query: Mapping[str, float], doc_ids: np.ndarray
) -> np.ndarray:
    """BM25 scores restricted to ``doc_ids`` (sorted int array), in that order."""
    scores = np.zeros(len(doc_ids), dtype=np.float32)
    for key, weight in query.items():
        posting = index.postings.get(key)
        if posting is None or weight <= 0:
            continue
        ids, tw = posting
        pos = np.searchsorted(ids, doc_ids)
        pos[pos >= len(ids)] = 0
        hit = ids[pos] == doc_ids
        scores[hit] += tw[pos[hit]] * (weight * index.idf[key])
    return scores


def matched_keys(index: InvertedIndex, query: Mapping[str, float], doc_id: int) -> list[str]:
    """Query keys that occur in document ``doc_id``."""
    out = []
    for key in query:
        posting = index.postings.get(key)
        if posting is None:
            continue
        ids = posting[0]
        i = int(np.searchsorted(ids, doc_id))
        if i < len(ids) and ids[i] == doc_id:
            out.append(key)
    return out


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Indices and scores of the ``k`` best positive scores, best first."""
    if len(scores) == 0:
        return []
    k = min(k, len(scores))
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return [(int(i), float(scores[i])) for i in idx if scores[i] > 0]
