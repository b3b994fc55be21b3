"""Reading the knowledge base from a flow: the current build and localised names.

The knowledge holder may swap builds between two events (``/reload``); flows take the current
one once per event and keep only ids in state, never knowledge objects.
"""

from __future__ import annotations

from typing import Any


class KnowledgeUnavailable(RuntimeError):
    """No knowledge base is loaded (yet)."""


def current_kb(ctx: Any) -> Any:
    holder = ctx.services.knowledge
    kb = holder.get() if hasattr(holder, "get") else holder
    if kb is None:
        raise KnowledgeUnavailable("knowledge base not loaded")
    return kb


def localised(obj: Any, field: str, lang: str) -> str:
    """``obj.<field>_<lang>``, falling back to the other language (sources are Kazakh)."""
    other = "kk" if lang == "ru" else "ru"
    for code in (lang, other):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return str(value)
    return ""


def service_title(kb: Any, service_id: str, lang: str) -> str:
    if hasattr(kb, "title") and service_id in kb.services:
        return str(kb.title(service_id, lang))
    card = kb.services.get(service_id)
    return localised(card, "title", lang) if card is not None else service_id


def service_label(kb: Any, service_id: str, lang: str) -> str:
    """A short name for buttons and prompts: the curated short title (official titles share
    long openings such as "Выдача лицензии, переоформление, ...") with the region, which tells
    apart the same licence issued in two regions."""
    card = kb.services.get(service_id)
    if card is None:
        return service_id
    name = localised(card, "short", lang) or service_title(kb, service_id, lang)
    region = localised(card, "region", lang)
    return f"{name} ({region})" if region and region not in name else name


def find_category(kb: Any, category_id: str) -> Any | None:
    return next((c for c in kb.categories() if c.id == category_id), None)


def category_of(kb: Any, service_id: str) -> Any | None:
    return next((c for c in kb.categories() if service_id in c.service_ids), None)
