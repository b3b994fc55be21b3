"""Checklist items of an application: what staff may ask the applicant to (re)upload.

The items come from the knowledge base's checklist for the application's exact combination
(service, case, applicant type, channel), the same list the applicant was checked against, plus
any item the applicant uploaded a file for. Each item is ``{"id", "name_kk", "name_ru"}``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)


def _item(raw: dict[str, Any]) -> dict[str, str]:
    item_id = str(raw.get("id") or "")
    name_kk = str(raw.get("name_kk") or raw.get("name_ru") or item_id)
    name_ru = str(raw.get("name_ru") or raw.get("name_kk") or item_id)
    return {"id": item_id, "name_kk": name_kk, "name_ru": name_ru}


def application_items(
    kb: Any, app: Any, *, uploaded_item_ids: Iterable[str | None] = ()
) -> list[dict[str, str]]:
    """All checklist items of ``app``'s combination, in checklist order, without duplicates."""
    request = {
        "id": app.number,
        "service": app.service_id,
        "case": app.case_id,
        "applicant": app.applicant_type,
        "channel": app.channel,
        "situation": [],
        "have": [],
    }
    found: list[dict[str, str]] = []
    try:
        result = kb.checklist(request) if kb is not None else {}
    except Exception:  # the knowledge base may have changed since submission
        log.warning("checklist unavailable for application %s", app.number, exc_info=True)
        result = {}
    for raw in result.get("missing") or []:
        found.append(_item(raw))
    for raw in [*(app.missing_items or []), *(app.requested_items or [])]:
        found.append(_item(raw))
    for item_id in uploaded_item_ids:
        if item_id:
            found.append(_item({"id": item_id}))
    seen: set[str] = set()
    unique = []
    for item in found:
        if item["id"] and item["id"] not in seen:
            seen.add(item["id"])
            unique.append(item)
    return unique


def pick_items(
    available: list[dict[str, str]], ids: Iterable[str]
) -> tuple[list[dict[str, str]], list[str]]:
    """(the items named by ``ids``, the ids that are not items of the application)."""
    by_id = {item["id"]: item for item in available}
    picked, unknown = [], []
    for item_id in dict.fromkeys(ids):
        if item_id in by_id:
            picked.append(by_id[item_id])
        else:
            unknown.append(item_id)
    return picked, unknown
