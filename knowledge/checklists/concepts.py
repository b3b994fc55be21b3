"""Text to concepts: the language-neutral form in which document names and applicants' words meet.

``Analyzer.tokens(text)`` turns "копия устава, нотариально заверенная" and "жарғының
көшірмесі" into the same concept tokens (``charter``, ``copy``, ...). Phrases of
``synonyms.yaml`` are found first, then single words by their stems (a word cut short, "свид",
"квит", counts for the one concept whose stem it begins; a rapidfuzz fallback catches
typos); a word that belongs to no concept is kept as ``~`` plus its first letters.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from .textnorm import normalize

HERE = Path(__file__).parent
RAW_PREFIX = 5
KK_LETTERS = frozenset("әғқңөұүһі")
WEAK_FACTOR = 0.3
ABBREV_MIN = 4  # shortest cut-off word read as an abbreviation of a stem


def _take(found: list[tuple[int, str]], concept: str, match: re.Match[str]) -> str:
    """Record a phrase's concept at its position and blank the phrase out."""
    found.append((match.start(), concept))
    return " " * (match.end() - match.start())


class Analyzer:
    def __init__(self, data: dict):
        self.drop = [re.compile(p) for p in data.get("drop") or []]
        phrases = []
        for concept, patterns in (data.get("phrases") or {}).items():
            for pattern in patterns:
                phrases.append((concept, re.compile(r"(?<!\w)" + pattern)))
        self.phrases = phrases
        stems = []
        for concept, words in (data.get("stems") or {}).items():
            for word in words:
                stems.append((normalize(word), concept))
        self.stems = sorted(stems, key=lambda s: -len(s[0]))
        self.multiword_stems = [(s, c) for s, c in self.stems if " " in s]
        self.weak = frozenset(data.get("weak") or [])
        self.stop = frozenset(normalize(w) for w in data.get("stopwords") or [])

    def _word_concept(self, word: str) -> str | None:
        for stem, concept in self.stems:
            if " " not in stem and word.startswith(stem):
                return concept
        truncated = self._abbreviation(word)
        if truncated:
            return truncated
        if len(word) >= 5 and not KK_LETTERS.intersection(word):
            best, best_score = None, 0.0
            for stem, concept in self.stems:
                if len(stem) < 4 or " " in stem or stem[0] != word[0]:
                    continue
                score = fuzz.ratio(word[: len(stem)], stem)
                if score > best_score:
                    best, best_score = concept, score
            if best_score >= 80:
                return best
        return None

    def _abbreviation(self, word: str) -> str | None:
        """A word cut short ("свид", "квит", "заявл", "нотар"): the one concept whose stems it
        begins."""
        if len(word) < ABBREV_MIN:
            return None
        concepts = {c for stem, c in self.stems if " " not in stem and stem.startswith(word)}
        return concepts.pop() if len(concepts) == 1 else None

    def tokens(self, text: str) -> list[str]:
        """Concept tokens of ``text``, in order, duplicates kept."""
        norm = " " + normalize(text) + " "
        for rx in self.drop:
            norm = rx.sub(" ", norm)
        found: list[tuple[int, str]] = []
        for concept, rx in self.phrases:
            norm = rx.sub(functools.partial(_take, found, concept), norm)
        for stem, concept in self.multiword_stems:
            norm = re.sub(r"(?<!\w)" + re.escape(stem) + r"\w*",
                          functools.partial(_take, found, concept), norm)
        for match in re.finditer(r"\w+", norm):
            word = match.group(0)
            if word in self.stop or word.isdigit() or len(word) < 2:
                continue
            concept = self._word_concept(word)
            if concept is None:
                if len(word) < 3:
                    continue
                concept = "~" + word[:RAW_PREFIX]
            found.append((match.start(), concept))
        found.sort()
        return [c for _, c in found]

    def weight_factor(self, token: str) -> float:
        return WEAK_FACTOR if token in self.weak else 1.0


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    with open(HERE / "synonyms.yaml", encoding="utf-8") as fh:
        return Analyzer(yaml.safe_load(fh))
