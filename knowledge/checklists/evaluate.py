"""Checklist evaluation: a request in, the issue-5 JSON result out.

``run_checklist(store, request)`` resolves the request's words, takes the list of the
regulation for that case and channel, keeps the documents of the applicant's type, decides for
each conditional document whether the situation requires it, matches what the applicant has,
and reports what is missing (by name, with its condition in plain words and its citation).
A set is complete when every document required in this situation is there; extra documents
never make it incomplete; a document whose condition was not stated is asked about
(``open_conditions``) and never counted as missing.
"""

from __future__ import annotations

from typing import Any

from .match import Candidate, match_items
from .resolve import (
    option_id,
    resolve_applicant,
    resolve_case,
    resolve_channel,
    resolve_service,
)
from .situation import SituationReader, says_absent
from .store import ChecklistStore, ServiceChecklists
from .vocab import Vocabulary, vocabulary

REQUIRED, NOT_REQUIRED, CONDITIONAL = "required", "not_required", "conditional"
OTHER_TYPE_PENALTY = -0.05
REQUIRED_BONUS = 0.03


def _join(kk: str, ru: str) -> str:
    return f"{kk} / {ru}" if kk and ru else kk or ru


def applicant_types_of(service: ServiceChecklists, vocab: Vocabulary) -> list[str]:
    """Applicant types the regulation distinguishes for this service (vocabulary order)."""
    seen: set[str] = set()
    foreign = False
    for block in service.blocks:
        for doc in block["documents"]:
            seen.update(doc.get("applicant_types") or [])
            foreign = foreign or "foreign_applicant" in (doc.get("conditions") or [])
    if foreign:
        seen.add("foreign")
    return [t for t in vocab.applicant_types if t in seen]


class Evaluator:
    def __init__(self, store: ChecklistStore, vocab: Vocabulary | None = None):
        self.store = store
        self.vocab = vocab or vocabulary()
        self.situation = SituationReader(self.vocab)

    # -- the status of one document ----------------------------------------------------------
    def doc_status(self, doc: dict, applicant: str | None,
                   values: dict[str, bool]) -> tuple[str, dict, list[str]]:
        """(status, why {kk, ru}, open or assumed condition ids)."""
        types = doc.get("applicant_types") or []
        if types and applicant not in types:
            term = self.vocab.applicant_types.get(types[0])
            why = {"kk": term.only_kk if term else "", "ru": term.only_ru if term else ""}
            return NOT_REQUIRED, why, []
        unknown: list[str] = []
        assumed: list[str] = []
        for cid in doc.get("conditions") or []:
            cond = self.vocab.conditions.get(cid)
            if cond is None or cond.effect == "form":
                continue
            value = values.get(cid)
            if value is None and cond.assume is not None:
                value = cond.assume
                assumed.append(cid)
            if value is None:
                unknown.append(cid)
                continue
            needed = value if cond.effect == "requires" else not value
            if not needed:
                return NOT_REQUIRED, {"kk": cond.why_kk, "ru": cond.why_ru}, []
        if unknown:
            return CONDITIONAL, {}, unknown
        return REQUIRED, {}, assumed

    def condition_text(self, doc: dict, values: dict[str, bool]) -> tuple[str, str]:
        kk: list[str] = []
        ru: list[str] = []
        for cid in doc.get("conditions") or []:
            cond = self.vocab.conditions.get(cid)
            if cond is None:
                continue
            value = values.get(cid)
            if cond.effect == "form" and value is True and cond.text_true_kk:
                kk.append(cond.text_true_kk)
                ru.append(cond.text_true_ru)
            elif cond.effect == "form" and value is False and cond.text_false_kk:
                kk.append(cond.text_false_kk)
                ru.append(cond.text_false_ru)
            else:
                kk.append(cond.text_kk)
                ru.append(cond.text_ru)
        return "; ".join(kk), "; ".join(ru)

    # -- the whole request -------------------------------------------------------------------
    def run(self, request: dict) -> dict:
        rid = request.get("id")
        have = [str(h) for h in request.get("have") or []
                if str(h).strip() and not says_absent(str(h))]
        res = resolve_service(self.store.index, str(request.get("service") or ""),
                              self.store.search)
        warnings = list(res.warnings)
        result: dict[str, Any] = {
            "id": rid, "service_id": res.value, "case": None, "applicant": None,
            "channel": None, "complete": False, "missing": [], "present": [],
            "not_required": [], "unrecognised": [], "open_conditions": [],
            "source": "standard_reference", "warnings": warnings,
        }
        service = self.store.get(res.value) if res.value else None
        if service is None:
            result["unrecognised"] = have
            result["error"] = "service_not_found"
            return result
        values, unknown_statements = self.situation.read_all(request.get("situation") or [])
        if service.source not in ("regulation", "overlay") or not service.blocks:
            return self._reference_only(result, service, request, have)
        result["source"] = service.source
        case = resolve_case(service.blocks, str(request.get("case") or ""), self.vocab)
        warnings += case.warnings
        types = applicant_types_of(service, self.vocab)
        applicant = resolve_applicant(types, str(request.get("applicant") or ""), self.vocab)
        warnings += applicant.warnings
        if applicant.extra.get("foreign") and "foreign_applicant" not in values:
            values["foreign_applicant"] = True
        block, channel = resolve_channel(service.blocks, case.value or "",
                                         str(request.get("channel") or ""), self.vocab)
        warnings += channel.warnings
        result.update({"case": case.value, "applicant": applicant.value,
                       "channel": channel.value})
        if block is None:
            result["unrecognised"] = have
            return result
        self._evaluate_block(result, block, applicant.value, values, have)
        result["unrecognised"] += unknown_statements
        return result

    def _reference_only(self, result: dict, service: ServiceChecklists, request: dict,
                        have: list[str]) -> dict:
        result.update({"case": request.get("case"), "applicant": request.get("applicant"),
                       "channel": request.get("channel"), "unrecognised": have,
                       "reference": service.spec.get("reference")})
        if not service.spec.get("reference"):
            result["warnings"].append("the regulation neither lists the documents nor cites "
                                      "the standard for them")
        return result

    def _evaluate_block(self, result: dict, block: dict, applicant: str | None,
                        values: dict[str, bool], have: list[str]) -> None:
        statuses = {}
        candidates = []
        for doc in block["documents"]:
            status, why, conds = self.doc_status(doc, applicant, values)
            statuses[doc["id"]] = (status, why, conds)
            names = (doc["name_kk"], doc.get("name_ru") or "", *(doc.get("synonyms") or []))
            other_type = bool(doc.get("applicant_types")) and applicant not in \
                doc["applicant_types"]
            bonus = OTHER_TYPE_PENALTY if other_type else (
                REQUIRED_BONUS if status == REQUIRED else 0.0)
            candidates.append(Candidate(doc["id"], names, bonus))
        matches, unmatched = match_items(have, candidates)
        present = {m.doc_id: m for m in matches}
        open_conditions: dict[str, list[str]] = {}
        for doc in block["documents"]:
            status, why, conds = statuses[doc["id"]]
            if doc["id"] in present:
                result["present"].append({
                    "id": doc["id"], "from": present[doc["id"]].item,
                    "name_kk": doc["name_kk"], "name_ru": doc.get("name_ru", ""),
                    "score": present[doc["id"]].score})
            other_type = bool(doc.get("applicant_types")) and applicant not in \
                doc["applicant_types"]
            if status == NOT_REQUIRED and (not other_type or doc["id"] in present):
                result["not_required"].append({
                    "id": doc["id"], "why": _join(why.get("kk", ""), why.get("ru", "")),
                    "why_kk": why.get("kk", ""), "why_ru": why.get("ru", ""),
                    "name_kk": doc["name_kk"], "name_ru": doc.get("name_ru", "")})
            if status in (CONDITIONAL, REQUIRED):
                for cid in conds:
                    open_conditions.setdefault(cid, []).append(doc["id"])
            for cid in doc.get("conditions") or []:
                cond = self.vocab.conditions.get(cid)
                if cond is not None and cond.effect == "form" and cid not in values \
                        and status == REQUIRED:
                    open_conditions.setdefault(cid, []).append(doc["id"])
            if status == REQUIRED and doc["id"] not in present:
                cond_kk, cond_ru = self.condition_text(doc, values)
                result["missing"].append({
                    "id": doc["id"], "name_kk": doc["name_kk"],
                    "name_ru": doc.get("name_ru", ""), "condition_kk": cond_kk,
                    "condition_ru": cond_ru, "citation": doc.get("citation", {})})
        result["complete"] = not result["missing"]
        result["unrecognised"] = list(unmatched)
        result["open_conditions"] = [
            self._condition_entry(cid, docs, cid not in values and
                                  self.vocab.conditions[cid].assume is not None)
            for cid, docs in open_conditions.items() if cid in self.vocab.conditions
        ]

    def _condition_entry(self, cid: str, docs: list[str], assumed: bool) -> dict:
        cond = self.vocab.conditions[cid]
        return {"id": cid, "name_kk": cond.name_kk, "name_ru": cond.name_ru,
                "question_kk": cond.question_kk, "question_ru": cond.question_ru,
                "effect": cond.effect, "assumed": cond.assume if assumed else None,
                "documents": docs}

    # -- menus for the bot -------------------------------------------------------------------
    def options(self, service_id: str) -> dict:
        service = self.store.get(service_id)
        if service is None:
            raise KeyError(service_id)
        vocab = self.vocab
        cases: dict[str, dict] = {}
        channel_ids: list[str] = []
        condition_ids: list[str] = []
        for block in service.blocks:
            case = vocab.cases.get(block["case"])
            entry = cases.setdefault(block["case"], {
                "id": block["case"],
                "name_kk": case.name_kk if case else block["case"],
                "name_ru": case.name_ru if case else block["case"],
                "group": case.group if case else "",
                "reasons": [
                    {"id": r, "name_kk": vocab.reasons[r].name_kk,
                     "name_ru": vocab.reasons[r].name_ru}
                    for r in block.get("reasons") or [] if r in vocab.reasons],
                "channels": [],
            })
            oid = option_id(block["channels"])
            if oid not in entry["channels"]:
                entry["channels"].append(oid)
            if oid not in channel_ids:
                channel_ids.append(oid)
            for doc in block["documents"]:
                for cid in doc.get("conditions") or []:
                    if cid not in condition_ids and cid in vocab.conditions:
                        condition_ids.append(cid)
        return {
            "service_id": service_id,
            "title_kk": service.title_kk,
            "title_ru": service.title_ru,
            "source": service.source if service.blocks else "standard_reference",
            "reference": service.spec.get("reference"),
            "note_kk": service.spec.get("note_kk", ""),
            "note_ru": service.spec.get("note_ru", ""),
            "cases": list(cases.values()),
            "applicant_types": [
                {"id": t, "name_kk": vocab.applicant_types[t].name_kk,
                 "name_ru": vocab.applicant_types[t].name_ru}
                for t in applicant_types_of(service, vocab)],
            "channels": [self._channel_entry(oid) for oid in channel_ids],
            "conditions": [
                {"id": c, "name_kk": vocab.conditions[c].name_kk,
                 "name_ru": vocab.conditions[c].name_ru,
                 "question_kk": vocab.conditions[c].question_kk,
                 "question_ru": vocab.conditions[c].question_ru,
                 "effect": vocab.conditions[c].effect}
                for c in condition_ids],
        }

    def _channel_entry(self, oid: str) -> dict:
        atoms = [self.vocab.channels[a] for a in oid.split("_or_") if a in self.vocab.channels]
        return {"id": oid, "name_kk": " немесе ".join(a.name_kk for a in atoms),
                "name_ru": " или ".join(a.name_ru for a in atoms)}

    def match_documents(self, service_id: str, items: list[str], case: str | None = None,
                        applicant: str | None = None, channel: str | None = None) -> dict:
        """Which documents of the service's list the items (captions, ticks) are."""
        request = {"service": service_id, "case": case or "", "applicant": applicant or "",
                   "channel": channel or "", "situation": [], "have": items}
        result = self.run(request)
        return {"service_id": result["service_id"], "case": result["case"],
                "channel": result["channel"], "matches": result["present"],
                "unrecognised": result["unrecognised"]}


def store_of(kb_or_store) -> ChecklistStore:
    """The checklist store of a knowledge base (built once per loaded base), or the store."""
    if isinstance(kb_or_store, ChecklistStore):
        return kb_or_store
    memo = getattr(kb_or_store, "memo", None)
    if callable(memo):
        return memo("checklists.store", lambda: ChecklistStore.from_kb(kb_or_store))
    return ChecklistStore.from_kb(kb_or_store)


def run_checklist(kb, request: dict) -> dict:
    """``kb.checklist(request)``: the issue-5 result for one request."""
    return Evaluator(store_of(kb)).run(request)


def checklist_options(kb, service_id: str) -> dict:
    """``kb.checklist_options(service_id)``: cases, applicant types, channels, conditions."""
    return Evaluator(store_of(kb)).options(service_id)


def match_documents(kb, service_id: str, items: list[str], case: str | None = None,
                    applicant: str | None = None, channel: str | None = None) -> dict:
    """``kb.match_documents(...)``: which of the service's documents the items are (captions
    of uploads, ticked names)."""
    return Evaluator(store_of(kb)).match_documents(service_id, items, case, applicant, channel)
