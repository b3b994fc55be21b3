"""Matching what applicants say they have to the documents of a checklist.

Each document is known by several names: its Kazakh name from the regulation, its Russian name
and the synonyms of the catalogue. An item ("копия устава, нотариально заверенная") is scored
against every name by (1) the weighted overlap of their concepts (``concepts.Analyzer``; a
concept found in few documents of the checklist weighs more) and (2) rapidfuzz similarity of the
plain texts; the best name counts. The optimal one-to-one assignment (``assign``) then decides:
one item never counts for two documents and two items never satisfy one document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .assign import best_assignment
from .concepts import Analyzer, analyzer
from .textnorm import normalize

THRESHOLD = 0.45
UNKNOWN_WEIGHT = 1.0
PLAIN_FLOOR = 0.5  # plain-text similarity of unrelated names of this alphabet is about 0.4


@dataclass(frozen=True)
class Candidate:
    """A document that items may be matched to; ``bonus`` prefers documents that matter."""

    id: str
    names: tuple[str, ...]
    bonus: float = 0.0


@dataclass(frozen=True)
class Match:
    item: str
    doc_id: str
    score: float


class Scorer:
    def __init__(self, candidates: Sequence[Candidate], an: Analyzer | None = None):
        self.an = an or analyzer()
        self.candidates = list(candidates)
        self.name_tokens = [
            [(name, set(self.an.tokens(name))) for name in cand.names if name]
            for cand in self.candidates
        ]
        df: Counter[str] = Counter()
        for names in self.name_tokens:
            seen: set[str] = set()
            for _, tokens in names:
                seen |= tokens
            df.update(seen)
        total = max(1, len(self.candidates))
        self.weights = {
            tok: math.log(1.0 + total / count) * self.an.weight_factor(tok)
            for tok, count in df.items()
        }

    def weight(self, token: str) -> float:
        if token in self.weights:
            return self.weights[token]
        return UNKNOWN_WEIGHT * self.an.weight_factor(token)

    def score(self, item: str, index: int) -> float:
        if item.strip() == self.candidates[index].id:
            return 1.0  # a document id (a ticked checklist item)
        item_tokens = set(self.an.tokens(item))
        item_norm = normalize(item)
        item_weight = sum(self.weight(t) for t in item_tokens)
        best = 0.0
        for name, tokens in self.name_tokens[index]:
            concept = 0.0
            if item_weight > 0 and tokens:
                common = sum(self.weight(t) for t in item_tokens & tokens)
                name_weight = sum(self.weight(t) for t in tokens)
                concept = 0.65 * common / item_weight + 0.35 * common / name_weight
            plain = fuzz.token_sort_ratio(item_norm, normalize(name)) / 100.0
            best = max(best, concept, max(0.0, (plain - PLAIN_FLOOR) / (1.0 - PLAIN_FLOOR)))
        return best

    def matrix(self, items: Sequence[str]) -> list[list[float]]:
        rows = []
        for item in items:
            row = []
            for j, cand in enumerate(self.candidates):
                value = self.score(item, j)
                row.append(value + cand.bonus if value else 0.0)
            rows.append(row)
        return rows


def match_items(items: Sequence[str], candidates: Sequence[Candidate],
                threshold: float = THRESHOLD) -> tuple[list[Match], list[str]]:
    """Optimal one-to-one matches of ``items`` to ``candidates`` and the unmatched items."""
    items = [i for i in items if i and i.strip()]
    if not items or not candidates:
        return [], list(items)
    scorer = Scorer(candidates)
    scores = scorer.matrix(items)
    pairs = best_assignment(scores, threshold)
    matches = [Match(items[i], candidates[j].id, round(min(1.0, scores[i][j]), 3))
               for i, j in pairs]
    matched = {i for i, _ in pairs}
    unmatched = [item for i, item in enumerate(items) if i not in matched]
    return sorted(matches, key=lambda m: items.index(m.item)), unmatched
