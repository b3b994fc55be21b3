"""Validation of a compiled knowledge base and the diff against the one in use."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model import Citation, KnowledgeData, ServiceCard


def validate(data: KnowledgeData) -> tuple[list[str], list[str]]:
    """Returns (errors, warnings).

    Errors block the build: a cited paragraph that does not exist, a service without a
    Kazakh title, provider or act, an act whose validity was not parsed at all. A service the
    overlay does not describe yet (no Russian title / category) is a warning: it still appears
    in the catalogue, under "other", with its Kazakh title.
    """
    errors: list[str] = []
    warnings: list[str] = []
    if not data.services:
        errors.append("no service was found in the sources")
    ids = {p.id for p in data.paragraphs}
    for sid, card in data.services.items():
        if not card.title_kk:
            errors.append(f"{sid}: no Kazakh title")
        if not card.title_ru:
            warnings.append(f"{sid}: no Russian title (add title_ru to the overlay)")
        if not card.category:
            warnings.append(f"{sid}: no category (add category to the overlay)")
        if not (card.provider_kk or card.provider_ru):
            errors.append(f"{sid}: no provider (extraction failed; set provider_kk in overlay)")
        elif not card.provider_ru:
            warnings.append(f"{sid}: no Russian provider name (add provider_ru to the overlay)")
        act = data.acts.get(card.act_id)
        if act is None:
            errors.append(f"{sid}: act {card.act_id!r} missing")
        elif act.status not in ("in_force", "repealed", "replaced", "unknown"):
            errors.append(f"{sid}: act validity not parsed")
        elif act.status == "unknown":
            warnings.append(f"{sid}: validity of {card.act_id} unknown (no act header; "
                            "set act_status in the overlay when the legal database says so)")
        for where, cit in _citations(card):
            if cit.paragraph_id and cit.paragraph_id not in ids:
                errors.append(f"{sid}: {where} cites missing paragraph {cit.paragraph_id}")
    return errors, warnings


def _citations(card: ServiceCard) -> list[tuple[str, Citation]]:
    out: list[tuple[str, Citation]] = []

    def walk(obj: Any, where: str) -> None:
        if isinstance(obj, Citation):
            out.append((where, obj))
        elif isinstance(obj, list):
            for i, x in enumerate(obj):
                walk(x, f"{where}[{i}]")
        elif isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                walk(getattr(obj, name), f"{where}.{name}" if where else name)

    walk(card, "")
    return out


def facts(card: ServiceCard) -> dict[str, Any]:
    """The facts a maintainer cares about when a build changes a service."""
    return {
        "title_kk": card.title_kk,
        "title_ru": card.title_ru,
        "category": card.category,
        "status": card.status,
        "provider": card.provider_kk,
        "provider_ru": card.provider_ru,
        "channels": sorted(c.id for c in card.channels),
        "form": card.form,
        "cases": {c.id: [(d.value, d.unit, d.channel) for d in c.deadlines]
                  + ([("standard", c.standard_reference.standard_reference)]
                     if c.standard_reference else [])
                  for c in card.cases},
        "refusal_grounds": len(card.refusal_grounds),
        "agencies": sorted(a.id for a in card.agencies),
        "fees": len(card.fees),
        "documents": (card.documents.listed, card.documents.standard_reference),
        "legal_entities_only": card.legal_entities_only,
    }


def diff(old: KnowledgeData | None, new: KnowledgeData) -> dict[str, Any]:
    if old is None:
        return {"added": sorted(new.services), "removed": [], "changed": {}}
    added = sorted(set(new.services) - set(old.services))
    removed = sorted(set(old.services) - set(new.services))
    changed: dict[str, dict[str, tuple[Any, Any]]] = {}
    for sid in sorted(set(new.services) & set(old.services)):
        a, b = facts(old.services[sid]), facts(new.services[sid])
        delta = {k: (a[k], b[k]) for k in b if a.get(k) != b[k]}
        if delta:
            changed[sid] = delta
    return {"added": added, "removed": removed, "changed": changed}
