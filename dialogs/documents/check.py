"""The document check of a draft, computed from the knowledge base (no database, no views).

``kb.checklist`` answers "what is missing" for a request; the flow also needs the whole list of
that combination (to show each document with its condition and citation, ticked or not) and the
documents that depend on a condition not answered yet. Both come from the same public API: the
list is the request with nothing in hand, a conditional document is read from the request where
its condition makes it required. Results are cached per loaded knowledge base.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

REASON_PREFIX = "reason:"  # draft.situation key holding the chosen re-registration reason
CACHE_KEY = "dialogs.documents.checklists"
CACHE_SIZE = 512


@dataclass
class Item:
    """One document of the checklist as the flow shows it."""

    id: str
    name_kk: str
    name_ru: str
    status: str  # "required" | "conditional" | "not_required"
    condition_kk: str = ""
    condition_ru: str = ""
    citation: dict[str, Any] = field(default_factory=dict)
    present: bool = False
    depends_on: list[str] = field(default_factory=list)  # condition ids (conditional items)

    def name(self, lang: str) -> str:
        first, second = (
            (self.name_ru, self.name_kk) if lang == "ru" else (self.name_kk, self.name_ru)
        )
        return first or second or self.id

    def condition(self, lang: str) -> str:
        return (
            (self.condition_ru or self.condition_kk)
            if lang == "ru"
            else (self.condition_kk or self.condition_ru)
        )


@dataclass
class Check:
    service_id: str
    source: str  # "regulation" | "overlay" | "standard_reference"
    items: list[Item]
    complete: bool
    open_conditions: list[dict[str, Any]]
    reference: dict[str, Any] | None = None
    unrecognised: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[Item]:
        return [i for i in self.items if i.status == "required" and not i.present]

    @property
    def wanted(self) -> list[Item]:
        """Documents the applicant may bring: required first, then conditional ones."""
        return [i for i in self.items if i.status in ("required", "conditional")]

    def item(self, item_id: str | None) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def missing_entries(self) -> list[dict[str, str]]:
        return [{"id": i.id, "name_kk": i.name_kk, "name_ru": i.name_ru} for i in self.missing]


# ---------------------------------------------------------------------------------- options
def options(kb: Any, service_id: str) -> dict[str, Any] | None:
    """``kb.checklist_options`` or None when the service has no checklist data."""
    try:
        return kb.checklist_options(service_id)
    except (KeyError, AttributeError):
        return None


def has_list(opts: dict[str, Any] | None) -> bool:
    return bool(opts and opts.get("source") in ("regulation", "overlay") and opts.get("cases"))


def case_entry(opts: dict[str, Any], case_id: str | None) -> dict[str, Any] | None:
    return next((c for c in opts.get("cases") or [] if c["id"] == case_id), None)


def channels_for(opts: dict[str, Any], case_id: str | None) -> list[dict[str, Any]]:
    case = case_entry(opts, case_id)
    wanted = case["channels"] if case else []
    return [c for c in opts.get("channels") or [] if c["id"] in wanted]


# ---------------------------------------------------------------------------------- requests
def situation_of(draft: Any) -> dict[str, bool]:
    """The draft's condition answers (without the stored re-registration reason)."""
    return {
        k: bool(v)
        for k, v in (draft.situation or {}).items()
        if not str(k).startswith(REASON_PREFIX)
    }


def reason_of(draft: Any) -> str | None:
    for key, value in (draft.situation or {}).items():
        if str(key).startswith(REASON_PREFIX) and value:
            return str(key)[len(REASON_PREFIX) :]
    return None


def request_for(draft: Any, have: list[str] | None = None, **situation: bool) -> dict[str, Any]:
    return {
        "id": f"draft-{draft.id}",
        "service": draft.service_id,
        "case": draft.case_id or "",
        "applicant": draft.applicant_type or "",
        "channel": draft.channel or "",
        "situation": {**situation_of(draft), **situation},
        "have": list(have or []),
    }


def run(kb: Any, request: dict[str, Any]) -> dict[str, Any]:
    """``kb.checklist(request)``, cached per loaded knowledge base (results are not mutated)."""
    memo = getattr(kb, "memo", None)
    if not callable(memo):
        return kb.checklist(request)
    cache: dict[str, Any] = memo(CACHE_KEY, dict)
    key = json.dumps(request, sort_keys=True, ensure_ascii=False)
    result = cache.get(key)
    if result is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        result = cache[key] = kb.checklist(request)
    return result


def _needed_value(condition: dict[str, Any]) -> bool:
    """The answer that makes the condition's documents required."""
    return condition.get("effect") != "exempts"


def evaluate(kb: Any, draft: Any, have: list[str]) -> Check:
    """The checklist of the draft's combination with ``have`` (document ids) in hand. Ids that
    are not documents of this combination (ticked before the answers changed) are ignored."""
    full = run(kb, request_for(draft))
    items = [_item(m, "required") for m in full.get("missing") or []]
    known = {i.id for i in items}
    for cond in full.get("open_conditions") or []:
        if cond.get("effect") == "form":
            continue  # changes how a document is presented, not whether it is needed
        variant = run(kb, request_for(draft, **{cond["id"]: _needed_value(cond)}))
        for m in variant.get("missing") or []:
            if m["id"] in known:
                existing = next(i for i in items if i.id == m["id"])
                if existing.status == "conditional" and cond["id"] not in existing.depends_on:
                    existing.depends_on.append(cond["id"])
            elif m["id"] in cond.get("documents", []):
                known.add(m["id"])
                items.append(_item(m, "conditional", depends_on=[cond["id"]]))
    for nr in full.get("not_required") or []:
        if nr["id"] not in known:
            known.add(nr["id"])
            items.append(_item(nr, "not_required"))
    have = [h for h in dict.fromkeys(have) if h in known]
    actual = run(kb, request_for(draft, have)) if have else full
    present = {p["id"] for p in actual.get("present") or []} & set(have)
    for item in items:
        item.present = item.id in present
    return Check(
        service_id=draft.service_id,
        source=str(full.get("source") or "standard_reference"),
        items=items,
        complete=bool(actual.get("complete")),
        open_conditions=list(full.get("open_conditions") or []),
        reference=full.get("reference"),
    )


def _item(entry: dict[str, Any], status: str, **extra: Any) -> Item:
    not_required = status == "not_required"
    return Item(
        id=entry["id"],
        name_kk=entry.get("name_kk", ""),
        name_ru=entry.get("name_ru", ""),
        status=status,
        condition_kk=entry.get("why_kk" if not_required else "condition_kk", ""),
        condition_ru=entry.get("why_ru" if not_required else "condition_ru", ""),
        citation=dict(entry.get("citation") or {}),
        **extra,
    )


def questions(check: Check, answered: dict[str, bool], skipped: list[str]) -> list[dict]:
    """Open conditions still to ask (neither answered nor skipped), in checklist order."""
    return [c for c in check.open_conditions if c["id"] not in answered and c["id"] not in skipped]


# ---------------------------------------------------------------------------------- words
def match_words(kb: Any, draft: Any, lines: list[str]) -> tuple[list[str], list[str]]:
    """Document ids the applicant's own words name (each at most once), and the lines that
    matched nothing."""
    if not lines:
        return [], []
    result = kb.checklist(request_for(draft, lines))
    ids: list[str] = []
    for entry in result.get("present") or []:
        if entry["id"] not in ids:
            ids.append(entry["id"])
    return ids, [str(u) for u in result.get("unrecognised") or []]


def match_caption(kb: Any, draft_like: Any, caption: str, candidates: list[str]) -> str | None:
    """The checklist item a file's caption names, among ``candidates``."""
    caption = " ".join((caption or "").split())
    if not caption:
        return None
    for entry in _document_matches(kb, draft_like, caption):
        if entry["id"] in candidates:
            return entry["id"]
    return None


def _document_matches(kb: Any, draft_like: Any, text: str) -> list[dict[str, Any]]:
    """The checklist documents ``text`` names for the draft's combination (best first)."""
    try:
        found = kb.match_documents(
            draft_like.service_id,
            [text],
            case=draft_like.case_id,
            applicant=draft_like.applicant_type,
            channel=draft_like.channel,
        )
    except (KeyError, AttributeError):
        return []
    return list(found.get("matches") or [])


_ASIDE = re.compile(r"\([^)]*\)")


def read_statement(text: str) -> tuple[str, bool] | None:
    """A plain statement about the applicant's situation -> (condition id, value).

    Remarks in brackets are left out: "устав (копия + оригинал для сверки)" names a document
    in hand, it is not a statement about presenting originals."""
    reading = _situation(text)
    return None if reading is None else (reading.condition, bool(reading.value))


def _situation(text: str) -> Any:
    """The situation reading of ``text`` (brackets left out), or None when it states nothing."""
    try:
        from knowledge.checklists.situation import SituationReader
    except ImportError:  # pragma: no cover - the knowledge package always ships it
        return None
    text = _ASIDE.sub(" ", text).strip()
    if not text:
        return None
    reading = SituationReader().read(text)
    if reading.condition is None or reading.value is None:
        return None
    return reading


# A line typed at the checklist can read both as a document and as a statement ("квитанция об
# оплате сбора в банке", "договор с банком-агентом"). A close document match wins unless the
# statement reading is strong and the document match is not exact.
DOCUMENT_SURE = 0.85
DOCUMENT_EXACT = 0.95
STATEMENT_STRONG = 1.8


def read_line(kb: Any, draft: Any, text: str) -> tuple[str, bool] | None:
    """Like :func:`read_statement`, but ``None`` for a line that names a document in hand."""
    reading = _situation(text)
    if reading is None:
        return None
    document = max((m.get("score") or 0.0 for m in _document_matches(kb, draft, text)), default=0.0)
    if document >= DOCUMENT_EXACT or (
        document >= DOCUMENT_SURE and reading.score < STATEMENT_STRONG
    ):
        return None
    return reading.condition, bool(reading.value)
