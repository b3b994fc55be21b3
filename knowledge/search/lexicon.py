"""Kazakh <-> Russian domain lexicon: groups of terms that mean the same to an applicant.

``lexicon.yaml`` beside this module holds the groups; overlay synonyms can be added with
:meth:`Lexicon.add_group`. A term matches a query when all of its word keys occur in the query;
the other terms of its group are then added to the query with a lower weight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .stem import key_kk, key_ru
from .tokenize import content_words, has_kk_letters

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
EXPANSION_WEIGHT = 0.6


Term = tuple[frozenset[str], ...]  # per word: the keys it may appear under


def term_keys(term: str, lang: str) -> Term:
    """Per-word key alternatives of a (possibly multi-word) term written in ``lang``.

    A word's own reading comes first; a Cyrillic word is also read the other way, since Kazakh
    questions carry Russian loan words (``клиникаға``) and Russian questions Kazakh ones.
    """
    readings = []
    for word in content_words(term):
        if lang == "kk":
            alts = {key_kk(word), key_ru(word)} if not has_kk_letters(word) else {key_kk(word)}
        else:
            alts = {key_ru(word), key_kk(word)}
        readings.append(frozenset(alts))
    return tuple(readings)


def _matches(term: Term, present: set[str]) -> bool:
    return all(alts & present for alts in term)


@dataclass
class Lexicon:
    groups: list[list[Term]] = field(default_factory=list)
    topic: list[bool] = field(default_factory=list)  # may the group choose a service?
    weight: list[float] = field(default_factory=list)
    _by_key: dict[str, list[tuple[int, Term]]] = field(default_factory=lambda: defaultdict(list))
    _seen: set[tuple[frozenset[Term], bool, float]] = field(default_factory=set)

    def copy(self) -> Lexicon:
        return Lexicon(
            list(self.groups), list(self.topic), list(self.weight),
            defaultdict(list, {k: list(v) for k, v in self._by_key.items()}), set(self._seen),
        )

    def add_group(
        self, terms: Iterable[tuple[str, str]], topic: bool = False,
        weight: float = EXPANSION_WEIGHT,
    ) -> None:
        """Add a group of ``(term, lang)`` pairs."""
        found = [k for k in (term_keys(t, lang) for t, lang in terms) if k]
        unique = list(dict.fromkeys(found))
        if len(unique) < 2:
            return
        signature = (frozenset(unique), topic, weight)
        if signature in self._seen:  # the same synonyms repeated by many services
            return
        self._seen.add(signature)
        gid = len(self.groups)
        self.groups.append(unique)
        self.topic.append(topic)
        self.weight.append(weight)
        for term in unique:
            for k in {k for alts in term for k in alts}:
                self._by_key[k].append((gid, term))

    def matched_groups(self, keys: Iterable[str]) -> set[int]:
        present = set(keys)
        found: set[int] = set()
        for k in present:
            for gid, term in self._by_key.get(k, ()):
                if gid not in found and _matches(term, present):
                    found.add(gid)
        return found

    def expand(self, keys: Iterable[str]) -> dict[str, tuple[float, bool]]:
        """Keys of the other terms of every group a term of ``keys`` belongs to.

        Returns ``{key: (weight, topic)}`` for keys not in ``keys``.
        """
        present = set(keys)
        extra: dict[str, tuple[float, bool]] = {}
        for gid in sorted(self.matched_groups(present)):
            weight, topic = self.weight[gid], self.topic[gid]
            for term in self.groups[gid]:
                # the words of a multi-word term share the weight of the one word it replaces
                share = weight / len(term)
                for alts in term:
                    for k in alts:
                        if k in present:
                            continue
                        old_w, old_t = extra.get(k, (0.0, False))
                        extra[k] = (max(old_w, share), old_t or topic)
        return extra

    def vocabulary(self) -> set[str]:
        return set(self._by_key)


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    return _load_cached(str(path))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Lexicon:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or []
    lexicon = Lexicon()
    for group in data:
        terms = [(str(t), lang) for lang in ("kk", "ru", "any") for t in group.get(lang, []) or []]
        lexicon.add_group(
            terms, topic=bool(group.get("topic", False)),
            weight=float(group.get("weight", EXPANSION_WEIGHT)),
        )
    return lexicon
