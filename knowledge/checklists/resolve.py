"""Resolve the words of a request (service, case, applicant, channel) to ids.

Each field may be an id ("issue", "legal_entity", "center") or the words an applicant or a menu
would use, in either language ("лицензия алу", "заңды тұлға / юридическое лицо", "орталыққа
(ХҚКО / ЦОН)"). Only what the service's regulation distinguishes is offered: a case or channel
the service has no list for resolves to the closest one it has, with a warning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .textnorm import normalize
from .vocab import Vocabulary, vocabulary

WORD_PREFIX = 5
MIN_SERVICE_SCORE = 0.5
WEAK = 0.3
FUZZY_CASE = 0.7


@dataclass
class Resolution:
    value: str | None
    warnings: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def _prefixes(text: str) -> list[str]:
    return [w[:WORD_PREFIX] for w in normalize(text).split() if len(w) > 2]


class ServiceIndex:
    """Distinctive-word scoring of service titles and aliases (IDF over all titles)."""

    def __init__(self, names: dict[str, list[str]]):
        self.names = names
        df: Counter[str] = Counter()
        for texts in names.values():
            df.update({p for t in texts for p in _prefixes(t)})
        total = max(1, len(names))
        self.idf = {p: math.log(1 + total / n) for p, n in df.items()}

    def score(self, query: str, sid: str) -> float:
        words = _prefixes(query)
        if not words:
            return 0.0
        query_weight = sum(self.idf.get(w, 1.0) for w in words)
        best = 0.0
        for text in self.names[sid]:
            have = set(_prefixes(text))
            common = sum(self.idf.get(w, 1.0) for w in words if w in have)
            overlap = common / query_weight
            plain = fuzz.ratio(normalize(query), normalize(text)) / 100.0
            best = max(best, 0.8 * overlap + 0.2 * plain, plain if plain >= 0.9 else 0.0)
        return best

    def rank(self, query: str) -> list[tuple[str, float]]:
        scored = [(sid, self.score(query, sid)) for sid in self.names]
        return sorted(scored, key=lambda kv: -kv[1])


def resolve_service(index: ServiceIndex, text: str, search=None) -> Resolution:
    if not text:
        return Resolution(None, ["service not given"])
    if text in index.names:
        return Resolution(text)
    ranked = index.rank(text)
    if search is not None and ranked:
        hinted = _search_hint(search, text, index)
        if hinted and index.score(text, hinted) >= ranked[0][1] - 0.15:
            ranked = [(hinted, ranked[0][1] + 0.01)] + [kv for kv in ranked if kv[0] != hinted]
    if not ranked or ranked[0][1] < MIN_SERVICE_SCORE:
        return Resolution(None, [f"service not recognised: {text[:60]!r}"])
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - 0.02:
        return Resolution(ranked[0][0], ["service ambiguous; candidates: "
                                         + ", ".join(s for s, _ in ranked[:3])],
                          {"candidates": [s for s, _ in ranked[:3]]})
    return Resolution(ranked[0][0])


def _search_hint(search, text: str, index: ServiceIndex) -> str | None:
    """Top service of the knowledge base's own search, when it is one with checklists."""
    try:
        found = search(text)
    except Exception:  # noqa: BLE001 - the search is only a hint; own ranking stands
        return None
    for sid, _score in found[:1]:
        if sid in index.names:
            return sid
    return None


def resolve_case(blocks: list[dict], text: str, vocab: Vocabulary | None = None) -> Resolution:
    vocab = vocab or vocabulary()
    available = list(dict.fromkeys(b["case"] for b in blocks))
    if not available:
        return Resolution(None, ["no cases"])
    if text in available:
        return Resolution(text)
    if not text:
        return Resolution(available[0], [f"case not given; using {available[0]}"])
    norm = normalize(text)
    scores: dict[str, float] = {}
    keyword_score: dict[str, float] = {}
    for case_id in available:
        case = vocab.cases.get(case_id)
        if case is None:
            scores[case_id] = fuzz.token_set_ratio(norm, normalize(case_id)) / 100.0
            keyword_score[case_id] = 0.0
            continue
        group = vocab.cases.get(case.group) if case.group else None
        group_hits = (group.keywords.weight(text) + WEAK * group.weak_keywords.hits(text)
                      if group else 0.0)
        own = case.keywords.weight(text) if case.id != case.group else 0.0
        fuzzy = max(fuzz.token_set_ratio(norm, normalize(n)) / 100.0
                    for n in (case.name_kk, case.name_ru))
        base_bonus = 0.2 if case.id == case.group else 0.0
        keyword_score[case_id] = group_hits + 2.0 * own
        scores[case_id] = keyword_score[case_id] + 0.5 * fuzzy + base_bonus
    ranked = sorted(available, key=lambda c: -scores[c])
    best = ranked[0]
    warnings = []
    if not any(keyword_score.values()) and scores[best] < 0.5 * FUZZY_CASE + 0.2:
        return Resolution(available[0], [f"case not recognised: {text[:40]!r}; using "
                                         f"{available[0]}"], {"reasons": []})
    if len(ranked) > 1 and math.isclose(scores[ranked[0]], scores[ranked[1]], abs_tol=1e-6):
        warnings.append(f"case ambiguous ({', '.join(ranked[:2])}); using {best}")
    reasons = [r.id for r in vocab.reasons.values() if _reason_hit(r, text)]
    return Resolution(best, warnings, {"reasons": reasons})


def _reason_hit(reason, text: str) -> bool:
    return any(rx.search(normalize(text)) for rx in reason.patterns)


def resolve_applicant(types: list[str], text: str, vocab: Vocabulary | None = None) -> Resolution:
    """Applicant type among those the regulation distinguishes; ``extra["foreign"]`` is True
    when the words say the applicant is a foreign person."""
    vocab = vocab or vocabulary()
    if text in vocab.applicant_types:
        foreign = text == "foreign"
        return Resolution(text, [], {"foreign": foreign or None})
    if not text:
        return Resolution(None, ["applicant type not given"], {"foreign": None})
    weights = {t.id: t.keywords.weight(text) for t in vocab.applicant_types.values()}
    foreign = weights.pop("foreign", 0.0) > 0
    base = [t for t, w in sorted(weights.items(), key=lambda kv: -kv[1]) if w > 0]
    if not base:
        fuzzy = {t.id: max(fuzz.token_set_ratio(normalize(text), normalize(n))
                           for n in (t.name_kk, t.name_ru)) / 100.0
                 for t in vocab.applicant_types.values()}
        best = max(fuzzy, key=lambda k: fuzzy[k])
        if fuzzy[best] >= 0.7:
            return Resolution(best, [], {"foreign": True if best == "foreign" else None})
        if foreign:
            return Resolution("foreign", [], {"foreign": True})
        return Resolution(None, [f"applicant type not recognised: {text[:40]!r}"],
                          {"foreign": None})
    chosen = base[0]
    warnings = []
    if types and chosen not in types and chosen != "foreign":
        warnings.append(f"the regulation does not list documents for {chosen} separately")
    return Resolution(chosen, warnings, {"foreign": True if foreign else None})


def channel_atoms(text: str, vocab: Vocabulary | None = None) -> list[str]:
    vocab = vocab or vocabulary()
    if not text:
        return []
    parts = re.split(r"_or_|\+", text)
    if all(p in vocab.channels for p in parts):
        return parts
    return [ch.id for ch in vocab.channels.values() if ch.keywords.hits(text)]


def option_id(channels: list[str]) -> str:
    return "_or_".join(channels)


def resolve_channel(blocks: list[dict], case_id: str, text: str,
                    vocab: Vocabulary | None = None) -> tuple[dict | None, Resolution]:
    """The list (block) of ``case_id`` for the channel the words name."""
    candidates = [b for b in blocks if b["case"] == case_id]
    if not candidates:
        return None, Resolution(None, [f"no list for case {case_id}"])
    atoms = set(channel_atoms(text, vocab))
    warnings = []
    if not atoms:
        if text:
            warnings.append(f"channel not recognised: {text[:40]!r}")
        elif len(candidates) > 1:
            warnings.append("channel not given")
        chosen = candidates[0]
    else:
        def key(block: dict) -> tuple[int, int]:
            chans = set(block["channels"])
            return (len(chans & atoms), -len(chans - atoms))

        chosen = max(candidates, key=key)
        if not set(chosen["channels"]) & atoms:
            warnings.append(
                f"the regulation has no list for this channel; the list for "
                f"{option_id(chosen['channels'])} is used")
    return chosen, Resolution(option_id(chosen["channels"]), warnings)
