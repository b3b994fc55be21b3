"""Curated overlay: one YAML file per service, ``categories.yaml`` and optional ``acts.yaml``.

A service file (``<service_id>.yaml``) says which regulation it describes (``match``) and adds
what the text does not hold: Russian title, category, keywords and synonyms, Russian provider
name, maintainers' corrections, an act status override, curated Q&A and a document checklist.
The overlay wins over extraction; :func:`merge` reports every conflict.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..model import ActRef, QAEntry, ServiceCard

OVERLAY_DIR = Path(__file__).resolve().parent
RESERVED = {"categories.yaml", "acts.yaml"}


class OverlayError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Match(_Strict):
    source: str | None = None  # file name, stem, or its numeric prefix ("003")
    regulation: int | None = None  # 1-based position in the file
    title_kk: str | None = None  # the Kazakh title, or a distinctive part of it


class ActStatusOverride(_Strict):
    status: Literal["in_force", "repealed", "replaced", "unknown"]
    by: ActRef | None = None
    note: str | None = None


class ServiceOverlay(_Strict):
    id: str
    match: Match
    title_ru: str | None = None
    title_kk: str | None = None
    short_kk: str | None = None
    short_ru: str | None = None
    category: str | None = None
    provider_kk: str | None = None
    provider_ru: str | None = None
    region_kk: str | None = None
    region_ru: str | None = None
    keywords_kk: list[str] = Field(default_factory=list)
    keywords_ru: list[str] = Field(default_factory=list)
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    act_status: ActStatusOverride | None = None
    corrections: dict[str, Any] = Field(default_factory=dict)
    qa: list[QAEntry] = Field(default_factory=list)
    checklist: dict[str, Any] | None = None
    file: str = ""


class CategoryDef(_Strict):
    id: str
    name_kk: str
    name_ru: str


class ActOverlay(_Strict):
    title_ru: str | None = None
    issuer_ru: str | None = None
    repealing_issuer_ru: str | None = None  # Russian name of the issuer of the repealing act
    status: ActStatusOverride | None = None


class Overlay(BaseModel):
    services: dict[str, ServiceOverlay] = Field(default_factory=dict)
    categories: list[CategoryDef] = Field(default_factory=list)
    acts: dict[str, ActOverlay] = Field(default_factory=dict)


def overlay_files(overlay_dir: Path) -> list[Path]:
    return sorted(overlay_dir.glob("*.yaml")) if overlay_dir.is_dir() else []


def load_overlay(overlay_dir: Path = OVERLAY_DIR) -> tuple[Overlay, list[str]]:
    """Load and validate every overlay file; returns the overlay and the list of errors."""
    errors: list[str] = []
    overlay = Overlay()
    for path in overlay_files(overlay_dir):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            errors.append(f"{path.name}: invalid YAML: {exc}")
            continue
        try:
            if path.name == "categories.yaml":
                items = data.get("categories", data) if isinstance(data, dict) else data
                overlay.categories = [CategoryDef.model_validate(c) for c in items or []]
            elif path.name == "acts.yaml":
                overlay.acts = {k: ActOverlay.model_validate(v or {}) for k, v in data.items()}
            else:
                if not isinstance(data, dict):
                    raise OverlayError("expected a mapping")
                data.setdefault("id", path.stem)
                item = ServiceOverlay.model_validate({**data, "file": path.name})
                if item.id != path.stem:
                    errors.append(f"{path.name}: id {item.id!r} differs from the file name")
                if item.id in overlay.services:
                    errors.append(f"{path.name}: duplicate service id {item.id!r}")
                overlay.services[item.id] = item
        except (ValidationError, OverlayError, AttributeError, TypeError) as exc:
            errors.append(f"{path.name}: {_short_error(exc)}")
    return overlay, errors


def _short_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]
        )
    return str(exc)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower().replace("ё", "е")).strip()


def matches(match: Match, source: str, index: int, title_kk: str) -> bool:
    if match.source is not None:
        stem = Path(source).stem
        if match.source not in (source, stem) and not stem.startswith(match.source + "_"):
            return False
    if match.regulation is not None and match.regulation != index:
        return False
    if match.title_kk is not None:
        want, have = _norm(match.title_kk), _norm(title_kk)
        if want not in have and have not in want:
            return False
    return any(v is not None for v in (match.source, match.regulation, match.title_kk))


_SIMPLE_FIELDS = ("title_ru", "short_kk", "short_ru", "category", "provider_ru", "region_kk",
                  "region_ru")


def merge(card: ServiceCard, item: ServiceOverlay) -> list[str]:
    """Apply ``item`` to ``card`` (overlay wins); returns conflict warnings."""
    warnings: list[str] = []
    for name in _SIMPLE_FIELDS:
        value = getattr(item, name)
        if value is not None:
            setattr(card, name, value)
    for name in ("title_kk", "provider_kk"):
        value = getattr(item, name)
        if value is None:
            continue
        current = getattr(card, name)
        if current and _norm(current) != _norm(value):
            warnings.append(f"{card.id}: overlay {name} overrides the extracted value "
                            f"({_clip(current)!r} -> {_clip(value)!r})")
        setattr(card, name, value)
    card.keywords_kk = list(item.keywords_kk)
    card.keywords_ru = list(item.keywords_ru)
    card.synonyms = dict(item.synonyms)
    card.qa = list(item.qa)
    card.checklist = item.checklist
    for name, value in item.corrections.items():
        if name not in ServiceCard.model_fields or name in {"id", "act_id", "regulation_id"}:
            warnings.append(f"{card.id}: correction for unknown field {name!r} ignored")
            continue
        current = getattr(card, name)
        if current not in (None, [], {}, False) and current != value:
            warnings.append(f"{card.id}: overlay corrects {name} ({_clip(str(current))!r} -> "
                            f"{_clip(str(value))!r})")
        try:
            validated = ServiceCard.model_validate(
                {**card.model_dump(), name: value}).__dict__[name]
        except ValidationError as exc:
            warnings.append(f"{card.id}: invalid correction {name}: {_short_error(exc)}")
            continue
        setattr(card, name, validated)
    card.corrections = dict(item.corrections)
    return warnings


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
