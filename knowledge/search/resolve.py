"""Selection: from ranked services to one service, a few candidates, or none.

* no service whose topic the question names -> none (the caller escalates), unless the dialog
  already is about a service (``hint``);
* outside a dialog's service, a question of several words with no administrative anchor
  (licence, documents, term, fee, provider, act ...; ``scope.ADMIN_ANCHORS``) -> none: its only
  evidence is an activity word reused by an everyday errand ("в какой аптеке есть инсулин");
  a lone activity word ("туроператор") still names its service;
* several services within ``TIE_RATIO`` of the best -> candidates (the caller asks), unless the
  hint is among them;
* otherwise the best one, with a confidence from topic strength and margin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .query import Query
from .scope import has_admin_anchor
from .services import ServiceHit, ServiceIndex

# Topic evidence a question must carry to name a service. One bare word of a title (a common
# verb such as "сату" in "сатып алу") scores about 5-7; naming an activity (title, keywords,
# lexicon) scores 12 and more, independent of corpus size (document frequencies are shares).
MIN_TOPIC = 8.0
TIE_RATIO = 0.9  # a runner-up this close to the best is a real alternative
MAX_CANDIDATES = 4
PLACE_WINDOW = 0.6  # services this close to the best may win by the region named
MIN_DISCRIMINATING = 0.5  # own evidence needed to break a tie
DOMINANCE = 0.4  # ... and the runner-up may have at most this share of it
NAMES_OTHER = 1.5 * MIN_TOPIC  # topic evidence that clearly names a service other than the hint


@dataclass
class Resolution:
    service_id: str | None
    candidates: list[str] = field(default_factory=list)
    confidence: float = 0.0
    reason: str = "none"  # topic | hint | tie | none | unanchored
    hits: list[ServiceHit] = field(default_factory=list)

    def same_act(self, acts: Mapping[str, str]) -> str | None:
        """The act all candidates belong to, if they share one."""
        found = {acts.get(sid) for sid in self.candidates}
        return found.pop() if len(found) == 1 else None


def resolve(
    index: ServiceIndex,
    query: Query,
    hint: str | None = None,
    acts: Mapping[str, str] | None = None,
) -> Resolution:
    hits = index.rank(query, limit=12)
    topical = [h for h in hits if h.topic >= MIN_TOPIC]
    if hint is not None and hint not in index.position:
        hint = None
    if hint is None and len(query.words) > 1 and not has_admin_anchor(query.text):
        return Resolution(None, [], 0.0, "unanchored", hits)
    if not topical:
        if hint is not None:
            return Resolution(hint, [], 0.5, "hint", hits)
        return Resolution(None, [], 0.0, "none", hits)
    topical = _prefer_named_place(index, query, topical)
    best = topical[0]
    close = [h for h in topical if h.score >= TIE_RATIO * best.score]
    if hint is not None and any(h.service_id == hint for h in close):
        return Resolution(hint, [], _confidence(best, close), "hint", hits)
    if hint is not None and best.topic < NAMES_OTHER:
        # a stray word of another title ("жұмыс", "сату") does not leave the dialog's service
        return Resolution(hint, [], 0.5, "hint", hits)
    if len(close) > 1:
        chosen = _tie_break(index, query, [h.service_id for h in close])
        if chosen is not None:
            hit = next(h for h in close if h.service_id == chosen)
            return Resolution(chosen, [], _confidence(hit, close), "topic", hits)
        ids = [h.service_id for h in close[:MAX_CANDIDATES]]
        return Resolution(None, ids, round(0.5 * best.score / (best.score + 1.0), 3), "tie", hits)
    return Resolution(best.service_id, [], _confidence(best, topical), "topic", hits)


def _prefer_named_place(
    index: ServiceIndex, query: Query, hits: list[ServiceHit]
) -> list[ServiceHit]:
    """When the question names a region, services of other regions step back.

    Only services close enough to the best (``PLACE_WINDOW``) are considered, so a region
    alone never pulls in an unrelated service.
    """
    best = hits[0].score
    window = [h for h in hits if h.score >= PLACE_WINDOW * best]
    places = index.place_scores(query, [h.service_id for h in window])
    if not any(places.values()):
        return hits
    top_place = max(places.values())
    keep = [h for h in window if places[h.service_id] >= 0.5 * top_place]
    return keep + [h for h in hits if h not in window]


def _tie_break(index: ServiceIndex, query: Query, ids: list[str]) -> str | None:
    """The one close service with clearly more evidence of its own, if any."""
    own = index.discriminating(query, ids)
    ranked = sorted(own.items(), key=lambda kv: -kv[1])
    best_id, best = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    if best >= MIN_DISCRIMINATING and runner <= DOMINANCE * best:
        return best_id
    return None


def _confidence(best: ServiceHit, others: list[ServiceHit]) -> float:
    runner = next((h.score for h in others if h.service_id != best.service_id), 0.0)
    margin = 1.0 - runner / best.score if best.score else 0.0
    strength = min(1.0, best.topic / (3 * MIN_TOPIC))
    return round(0.4 + 0.35 * strength + 0.25 * margin, 3)
