"""The checklists of all services, as the evaluation needs them.

``ChecklistStore`` holds, per service, its titles (for resolving the words of a request) and its
checklist spec: extracted from the regulation (``extract``), replaced by a maintainer's overlay
(``overlay``), or only the regulation's reference to the service standard.
``ChecklistStore.from_kb(kb)`` adapts the knowledge base built by ``knowledge.build``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .overlay import OverlayError, merge
from .resolve import ServiceIndex


@dataclass
class ServiceChecklists:
    id: str
    title_kk: str
    title_ru: str = ""
    aliases: list[str] = field(default_factory=list)
    spec: dict = field(default_factory=lambda: {"source": "none", "blocks": [],
                                                "reference": None, "warnings": []})

    @property
    def source(self) -> str:
        return self.spec.get("source", "none")

    @property
    def blocks(self) -> list[dict]:
        return self.spec.get("blocks") or []


class ChecklistStore:
    def __init__(self, services: dict[str, ServiceChecklists], search=None):
        self.services = services
        self.search = search
        self.index = ServiceIndex({
            sid: [t for t in (s.title_kk, s.title_ru, *s.aliases) if t]
            for sid, s in services.items()
        })

    def get(self, service_id: str) -> ServiceChecklists | None:
        return self.services.get(service_id)

    @classmethod
    def from_kb(cls, kb) -> ChecklistStore:
        """Adapter to ``knowledge.KnowledgeBase``: each service card carries the spec the build
        extracted (``card.checklist_data``) and the overlay's ``checklist:`` (``card.checklist``),
        which wins. Citations get the act's and the regulation's names."""
        services = {}
        acts = getattr(kb, "acts", None) or {}
        for sid, card in kb.services.items():
            spec = copy.deepcopy(_get(card, "checklist_data") or ServiceChecklists(sid, "").spec)
            act = acts.get(_get(card, "act_id")) if isinstance(acts, dict) else None
            names = {"act": act_label(act), "regulation": _get(card, "title_kk") or ""}
            overlay_raw = _get(card, "checklist")
            if overlay_raw:
                meta = {"act_id": _get(card, "act_id"), "service_id": sid}
                try:
                    spec = merge(spec, overlay_raw, meta)
                except OverlayError as exc:
                    spec.setdefault("warnings", []).append(f"overlay checklist ignored: {exc}")
            _name_citations(spec, names)
            services[sid] = ServiceChecklists(
                id=sid,
                title_kk=_get(card, "title_kk") or "",
                title_ru=_get(card, "title_ru") or "",
                aliases=_aliases(card),
                spec=spec,
            )
        search = getattr(kb, "search_services", None)
        return cls(services, search=search)


def act_label(act) -> str:
    """"<title> (<date>, № <number>)" of an act, as far as it is known."""
    if act is None:
        return ""
    title = _get(act, "title") or ""
    bits = [b for b in (_get(act, "date"), _get(act, "number") and f"№ {_get(act, 'number')}")
            if b]
    return f"{title} ({', '.join(bits)})" if bits and title else title or ", ".join(bits)


def _name_citations(spec: dict, names: dict) -> None:
    for block in spec.get("blocks") or []:
        for doc in block.get("documents") or []:
            citation = doc.setdefault("citation", {})
            for key, value in names.items():
                citation.setdefault(key, value)
    if isinstance(spec.get("reference"), dict):
        for key, value in names.items():
            spec["reference"].setdefault(key, value)


def _aliases(card) -> list[str]:
    out: list[str] = []
    for key in ("short_kk", "short_ru"):
        if _get(card, key):
            out.append(_get(card, key))
    for key in ("keywords_kk", "keywords_ru", "keywords"):
        out.extend(k for k in _get(card, key) or [] if isinstance(k, str))
    synonyms = _get(card, "synonyms") or {}
    if isinstance(synonyms, dict):
        for values in synonyms.values():
            out.extend(v for v in values or [] if isinstance(v, str))
    return out


def _get(obj, name: str):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)
