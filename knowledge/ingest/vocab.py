"""Word counts of the corpus, used to repair words the PDF extraction broke apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


class Vocabulary:
    """Lower-cased word frequencies of one or more texts."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            for line in text.splitlines():
                # letter-spaced runs would only add single letters; skip them cheaply
                counts.update(w.lower() for w in WORD_RE.findall(line) if len(w) > 1)
        return cls(counts)

    def __contains__(self, word: str) -> bool:
        return self.counts.get(word.lower(), 0) > 0

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)
