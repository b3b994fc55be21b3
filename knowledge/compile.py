"""Compile sources + overlay into :class:`~knowledge.model.KnowledgeData` (no I/O of the cache)."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

from .extract import extract_card
from .ingest.pipeline import ingest, source_files
from .model import Act, Category, KnowledgeData, ServiceCard
from .overlay.loader import Overlay, ServiceOverlay, matches, merge

log = logging.getLogger(__name__)

_TR = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def auto_service_id(title_kk: str, act: Act) -> str:
    """A readable id for a regulation the overlay does not name (stable while the text is)."""
    words = re.findall(r"[^\W\d_]+", title_kk.lower())
    stop = {"және", "немесе", "беру", "лицензия", "лицензиялар", "қызметке", "қызметті"}
    picked = [w.translate(_TR) for w in words if w not in stop][:3] or ["service"]
    suffix = (act.number or act.id).translate(_TR)
    return re.sub(r"[^a-z0-9]+", "_", "_".join(picked) + "_" + suffix.lower()).strip("_")


def compile_kb(sources_dir: Path, overlay: Overlay, fingerprint: str
               ) -> tuple[KnowledgeData, list[str], list[str]]:
    """Returns (data, errors, warnings)."""
    errors: list[str] = []
    paths = source_files(sources_dir)
    ing = ingest(paths)
    warnings = list(ing.warnings)
    services: dict[str, ServiceCard] = {}
    used: set[str] = set()
    para_service: dict[str, str] = {}
    for item in ing.regulations:
        reg = item.regulation
        act = ing.acts[reg.act_id]
        found: list[ServiceOverlay] = [
            o for o in overlay.services.values()
            if matches(o.match, reg.source, reg.index, reg.title_kk)
        ]
        if len(found) > 1:
            errors.append(f"{reg.id}: several overlay files match: "
                          f"{', '.join(o.file for o in found)}")
        ov = found[0] if found else None
        sid = ov.id if ov else auto_service_id(reg.title_kk, act)
        if sid in services:
            errors.append(f"{reg.id}: service id {sid!r} is used twice")
            continue
        card = extract_card(reg, item.paragraphs, sid)
        card.status = act.status
        _extract_checklists(card, item.paragraphs, warnings)
        if ov is not None:
            used.add(ov.id)
            warnings.extend(merge(card, ov))
            errors.extend(_check_overlay_checklist(card, ov))
        else:
            warnings.append(f"{reg.id}: no overlay for service {sid!r} ({reg.source} #{reg.index}:"
                            f" {reg.title_kk[:60]}): Russian title and category missing")
        services[sid] = card
        for p in item.paragraphs:
            para_service[p.id] = sid
    for sid, ov in overlay.services.items():
        if sid not in used:
            errors.append(f"{ov.file}: overlay points at a missing service (match {ov.match})")
    _apply_act_overlay(ing.acts, overlay, services, errors, warnings)
    for p in ing.paragraphs:
        p.service_id = para_service.get(p.id)
    categories = _categories(overlay, services, warnings)
    data = KnowledgeData(
        fingerprint=fingerprint, built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=[p.name for p in paths], acts=ing.acts,
        regulations={r.regulation.id: r.regulation for r in ing.regulations},
        services=services, paragraphs=ing.paragraphs, categories=categories,
    )
    return data, errors, warnings


def _extract_checklists(card: ServiceCard, paragraphs, warnings: list[str]) -> None:
    """K3's document-list extraction, stored with the card (optional hook).

    ``knowledge.checklists.extract.extract_for_regulation(paragraphs, meta) -> dict`` receives
    the regulation's :class:`~knowledge.model.Paragraph` records (parts carry ``starts``).
    """
    try:
        from .checklists.extract import extract_for_regulation  # type: ignore[attr-defined]
    except ImportError:
        return
    meta = {"act_id": card.act_id, "regulation_id": card.regulation_id, "source": card.source,
            "service_id": card.id}
    try:
        card.checklist_data = extract_for_regulation(paragraphs, meta)
    except Exception as exc:  # a bug there must not stop the build; it is reported
        log.warning("checklist extraction failed for %s: %r", card.id, exc)
        warnings.append(f"{card.id}: checklist extraction failed: {exc!r}")
        return
    if isinstance(card.checklist_data, dict):
        warnings.extend(f"{card.id}: checklist: {w}"
                        for w in card.checklist_data.get("warnings", []) or [])


def _check_overlay_checklist(card: ServiceCard, ov: ServiceOverlay) -> list[str]:
    """The overlay's ``checklist:`` follows K3's schema (knowledge.checklists.overlay)."""
    if ov.checklist is None:
        return []
    try:
        from .checklists.overlay import OverlayError, parse_overlay_checklist
    except ImportError:
        return []
    try:
        parse_overlay_checklist(ov.checklist, {"service_id": card.id})
    except OverlayError as exc:
        return [f"{ov.file}: checklist: {e}" for e in exc.errors]
    return []


def _apply_act_overlay(acts: dict[str, Act], overlay: Overlay, services: dict[str, ServiceCard],
                       errors: list[str], warnings: list[str]) -> None:
    for act_id, item in overlay.acts.items():
        act = acts.get(act_id)
        if act is None:
            errors.append(f"acts.yaml: unknown act {act_id!r}")
            continue
        act.title_ru = item.title_ru or act.title_ru
        act.issuer_ru = item.issuer_ru or act.issuer_ru
        if item.repealing_issuer_ru and act.repealed_by is not None:
            act.repealed_by.issuer_ru = item.repealing_issuer_ru
        if item.status:
            _override_status(act, item.status, warnings)
    for card in services.values():
        ov = overlay.services.get(card.id)
        if ov is not None and ov.act_status is not None:
            _override_status(acts[card.act_id], ov.act_status, warnings)
    for card in services.values():
        card.status = acts[card.act_id].status


def _override_status(act: Act, status, warnings: list[str]) -> None:
    if act.status_source == "text" and act.status != status.status:
        warnings.append(f"{act.id}: overlay sets status {status.status!r}, the text says "
                        f"{act.status!r}")
    act.status = status.status
    act.status_source = "overlay"
    if status.status == "replaced":
        act.replaced_by = status.by
    elif status.status == "repealed" and status.by is not None:
        act.repealed_by = status.by
    if status.note:
        act.status_quote = status.note


def _categories(overlay: Overlay, services: dict[str, ServiceCard], warnings: list[str]
                ) -> list[Category]:
    cats = {c.id: Category(id=c.id, name_kk=c.name_kk, name_ru=c.name_ru)
            for c in overlay.categories}
    for card in services.values():
        cid = card.category or "other"
        if cid not in cats:
            if cid != "other":
                warnings.append(f"{card.id}: category {cid!r} is not in categories.yaml")
            cats[cid] = Category(id=cid, name_kk="Басқа қызметтер", name_ru="Другие услуги")
        cats[cid].service_ids.append(card.id)
    return [c for c in cats.values() if c.service_ids]
