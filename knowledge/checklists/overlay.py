"""The optional ``checklist:`` section of a service's overlay (``knowledge/overlay/<id>.yaml``).

For a service whose regulation only points to the service standard, a maintainer may enter the
list from the standard. Its results are marked ``"source": "overlay"``; the regulation's
reference to the standard stays cited. Schema::

    checklist:
      note_kk: ...            # optional, shown with the list
      note_ru: ...
      lists:
        - case: issue                       # a case id of vocabulary.yaml
          channels: [center]                # channel ids of vocabulary.yaml
          documents:
            - name_kk: Стандартпен белгіленген нысан бойынша өтініш
              name_ru: заявление по форме, установленной Стандартом   # optional if catalogued
              id: application                                          # optional
              applicant_types: [legal_entity]                          # optional
              conditions: [fee_paid_via_gateway]                       # optional
              citation: Стандарттың 9-тармағының 1) тармақшасы         # where it comes from
"""

from __future__ import annotations

from .catalogue import catalogue
from .vocab import Vocabulary, vocabulary


class OverlayError(ValueError):
    """The overlay's checklist section does not follow the schema (messages in ``errors``)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def parse_overlay_checklist(raw: dict, meta: dict | None = None,
                            vocab: Vocabulary | None = None) -> dict:
    """Validate and normalise an overlay checklist into the extractor's format."""
    vocab = vocab or vocabulary()
    meta = dict(meta or {})
    errors: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("lists"), list):
        raise OverlayError(["checklist: needs a `lists:` sequence"])
    blocks = []
    cat = catalogue()
    for n, entry in enumerate(raw["lists"], 1):
        case = entry.get("case")
        channels = entry.get("channels") or []
        if isinstance(channels, str):
            channels = [channels]
        if case not in vocab.cases:
            errors.append(f"lists[{n}]: unknown case {case!r}")
        for ch in channels:
            if ch not in vocab.channels:
                errors.append(f"lists[{n}]: unknown channel {ch!r}")
        docs = []
        for m, doc in enumerate(entry.get("documents") or [], 1):
            where = f"lists[{n}].documents[{m}]"
            name_kk = (doc.get("name_kk") or "").strip()
            if not name_kk:
                errors.append(f"{where}: name_kk is required")
                continue
            for t in doc.get("applicant_types") or []:
                if t not in vocab.applicant_types:
                    errors.append(f"{where}: unknown applicant type {t!r}")
            for c in doc.get("conditions") or []:
                if c not in vocab.conditions:
                    errors.append(f"{where}: unknown condition {c!r}")
            found = cat.lookup(name_kk)
            name_ru = doc.get("name_ru") or (found.name_ru if found.known else "")
            if not name_ru:
                errors.append(f"{where}: name_ru is required (not in the catalogue)")
            docs.append({
                "id": doc.get("id") or found.id,
                "name_kk": name_kk,
                "name_ru": name_ru,
                "applicant_types": list(doc.get("applicant_types") or []),
                "conditions": list(doc.get("conditions") or []),
                "notes_kk": [],
                "catalogued": found.known,
                "synonyms": list(doc.get("synonyms") or found.synonyms),
                "citation": {**meta, "overlay": True, "quote": doc.get("citation") or ""},
            })
        blocks.append({"case": case, "channels": list(channels), "reasons": [],
                       "header_kk": "", "documents": docs, "source_lines": []})
    if errors:
        raise OverlayError(errors)
    return {"source": "overlay", "blocks": blocks, "reference": None, "warnings": [],
            "note_kk": raw.get("note_kk", ""), "note_ru": raw.get("note_ru", "")}


def merge(extracted: dict, overlay_raw: dict | None, meta: dict | None = None) -> dict:
    """Overlay wins; a regulation list replaced by an overlay is reported as a conflict."""
    if not overlay_raw:
        return extracted
    spec = parse_overlay_checklist(overlay_raw, meta)
    spec["reference"] = extracted.get("reference")
    spec["warnings"] = list(extracted.get("warnings") or [])
    if extracted.get("source") == "regulation":
        spec["warnings"].append(
            "conflict: the overlay's checklist replaces the list extracted from the regulation")
    return spec
