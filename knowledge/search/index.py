"""Inverted index with BM25 statistics, and the vocabulary used to resolve unknown words.

Documents are bags of term keys (see ``stem.py``). Per-posting BM25 term weights are computed
once at build time, so scoring a query is a handful of numpy gathers (``scoring.py``).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz

K1 = 1.2
B = 0.75


class InvertedIndex:
    """BM25 index over ``docs`` (each a Counter of term keys)."""

    def __init__(self, docs: Sequence[Counter[str]], k1: float = K1, b: float = B) -> None:
        self.n_docs = len(docs)
        lengths = np.array([sum(d.values()) for d in docs], dtype=np.float32)
        self.avgdl = float(lengths.mean()) if len(docs) else 1.0
        ids: dict[str, list[int]] = defaultdict(list)
        tfs: dict[str, list[float]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for k, count in doc.items():
                ids[k].append(i)
                tfs[k].append(count)
        norm = k1 * (1 - b + b * lengths / max(self.avgdl, 1e-6))
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.idf: dict[str, float] = {}
        for k, doc_ids in ids.items():
            arr = np.array(doc_ids, dtype=np.int32)
            tf = np.array(tfs[k], dtype=np.float32)
            self.postings[k] = (arr, (tf * (k1 + 1) / (tf + norm[arr])).astype(np.float32))
            df = len(doc_ids)
            self.idf[k] = math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def df(self, key: str) -> int:
        posting = self.postings.get(key)
        return 0 if posting is None else len(posting[0])

    def __contains__(self, key: str) -> bool:
        return key in self.postings


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Vocabulary:
    """Known term keys; finds close keys for words the index does not know.

    Two kinds of closeness: prefix (a loan word cut differently by the two stemmers:
    ``лиценз`` / ``лицензия``) and character trigram similarity (typos: ``лицензя``).
    """

    MIN_PREFIX = 5
    MIN_FUZZY_LEN = 4
    FUZZY_CUTOFF = 84.0
    MAX_EXPANSIONS = 4

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = sorted(set(keys))
        self._set = set(self.keys)
        self._grams: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            if len(k) >= self.MIN_FUZZY_LEN and not k.isdigit():
                for g in _trigrams(k):
                    self._grams[g].append(i)

    def __contains__(self, key: str) -> bool:
        return key in self._set

    def prefix_related(self, key: str) -> list[str]:
        """Known keys that extend ``key`` or that ``key`` extends (at least 5 letters shared)."""
        if len(key) < self.MIN_PREFIX or key.isdigit():
            return []
        out: list[str] = []
        i = bisect.bisect_left(self.keys, key)
        while i < len(self.keys) and self.keys[i].startswith(key) and len(out) < 8:
            if self.keys[i] != key and len(self.keys[i]) - len(key) <= 2:
                out.append(self.keys[i])
            i += 1
        for n in range(len(key) - 1, self.MIN_PREFIX - 1, -1):
            if key[:n] in self._set and len(key) - n <= 4:
                out.append(key[:n])
                break
        return out

    def fuzzy(self, key: str) -> list[tuple[str, float]]:
        """Known keys similar to ``key`` by characters: ``(key, similarity 0..1)``, best first."""
        if len(key) < self.MIN_FUZZY_LEN or key.isdigit():
            return []
        grams = _trigrams(key)
        counts: Counter[int] = Counter()
        for g in grams:
            counts.update(self._grams.get(g, ()))
        need = max(2, int(len(grams) * 0.4))
        scored = []
        for i, shared in counts.most_common(50):
            if shared < need:
                break
            cand = self.keys[i]
            if cand[0] != key[0]:
                continue  # typos rarely hit the first letter
            score = fuzz.ratio(key, cand)
            if score >= self.FUZZY_CUTOFF:
                scored.append((cand, score / 100.0))
        scored.sort(key=lambda x: -x[1])
        return scored[: self.MAX_EXPANSIONS]
