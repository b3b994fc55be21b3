"""Extraction of document checklists from the cleaned text of one regulation.

A regulation that lists the documents itself (seed 004) does it in one sub-item: after
"... мынадай құжаттардың тізбесін ұсынады:" come headers ("бірінші кезеңде лицензия алған кезде
департаменттерге немесе орталыққа:") each followed by document lines ending in ";". A line may
be for one applicant type only ("заңды тұлға үшін – ..."), may carry conditions ("төлем ...
шлюзі арқылы жүзеге асырылған жағдайларды қоспағанда"), and may name two documents joined by
"және". A regulation that does not list them points to the service standard ("Стандарттың
9-тармағында көрсетілген құжаттар"): that reference is recorded instead. Nothing is invented.

Input: ``Unit``s (a paragraph or sub-item of cleaned text with a map back to source lines).
Output: a JSON-serialisable dict (see ``extract_checklists``), stored in the build cache.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .catalogue import catalogue
from .textnorm import normalize, tidy
from .vocab import Vocabulary, vocabulary

LIST_INTRO = re.compile(
    r"(?:мынадай\s+)?құжаттар\w*\s+(?:тізбесін|тізімін)\s+ұсынады\s*:", re.IGNORECASE)
STANDARD_REF = re.compile(
    r"[Сс]тандарт\w*\s+(?:\S+\s+){0,4}?(\d+)\s*[-–]?\s*тармағ\w*", re.IGNORECASE)
NOTE_VERB = re.compile(
    r"(?:алады|береді|ұсынады|асырылады|табылады|болады|жүргізеді)\s*$", re.IGNORECASE)
TRAILING_NOTE = re.compile(r",\s*ол\s+[^,;()]*?беріледі\s*$", re.IGNORECASE)
HEAD_NOUN = re.compile(
    r"(?:көшірмесі|көшірмелері|анықтама|анықтамасы|куәлігі|куәлік|шарты|шарттың көшірмесі|"
    r"актісі|қорытындысы|құжат|нысаны|өтініш|сұрау)$", re.IGNORECASE)
PARENS = re.compile(r"\([^()]*\)")


@dataclass
class Unit:
    """A paragraph or sub-item of a regulation, cleaned, with its source lines.

    ``line_starts``: (offset in ``text``, source line number) for each point where a new source
    line begins, sorted by offset.
    """

    text: str
    paragraph: str | None = None
    subitem: str | None = None
    line_starts: list[tuple[int, int]] = field(default_factory=list)
    paragraph_id: str | None = None

    def line_at(self, offset: int) -> int | None:
        if not self.line_starts:
            return None
        offsets = [o for o, _ in self.line_starts]
        idx = max(0, bisect.bisect_right(offsets, offset) - 1)
        return self.line_starts[idx][1]


@dataclass
class Segment:
    text: str
    start: int
    end: int
    terminator: str


def split_segments(text: str, start: int = 0) -> list[Segment]:
    """Split at ";", ":" and "." outside brackets and quotes."""
    segments: list[Segment] = []
    depth = 0
    begin = start
    for pos in range(start, len(text)):
        ch = text[pos]
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(0, depth - 1)
        elif ch in ";:." and depth == 0:
            if ch == "." and pos + 1 < len(text) and not text[pos + 1].isspace():
                continue  # "www.egov.kz", "12.05.2016"
            piece = text[begin:pos]
            if piece.strip():
                segments.append(Segment(piece, begin, pos, ch))
            begin = pos + 1
    piece = text[begin:]
    if piece.strip():
        segments.append(Segment(piece, begin, len(text), ""))
    return segments


def _strip_span(text: str, match: re.Match[str]) -> str:
    out = text[: match.start()] + " " + text[match.end():]
    out = re.sub(r"\s*,\s*,", ",", out)
    out = re.sub(r"^\s*,\s*", "", out)
    return re.sub(r"\s{2,}", " ", out).strip(" ,")


def _split_and(text: str) -> list[str]:
    """Split "A (..) және B" into two documents when both halves end in a document noun."""
    depth = 0
    for match in re.finditer(r"[()]|\sжәне\s", text):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            left, right = text[: match.start()], text[match.end():]
            left_bare = tidy(PARENS.sub("", left))
            right_bare = tidy(PARENS.sub("", right))
            if HEAD_NOUN.search(left_bare) and HEAD_NOUN.search(right_bare):
                return [left.strip(), *_split_and(right.strip())]
    return [text]


class Extractor:
    def __init__(self, vocab: Vocabulary | None = None):
        self.vocab = vocab or vocabulary()
        self.catalogue = catalogue()

    # -- headers ---------------------------------------------------------------------------
    def parse_header(self, text: str) -> dict | None:
        low = normalize(text)
        spaced = " ".join(tidy(text).lower().split())
        case_id = None
        for case in self.vocab.cases.values():
            if any(rx.search(spaced) or rx.search(low) for rx in case.patterns):
                case_id = case.id
                break
        reasons = [r.id for r in self.vocab.reasons.values()
                   if any(rx.search(spaced) for rx in r.patterns)]
        if case_id is None and reasons and "кезде" in spaced:
            case_id = self.vocab.reasons[reasons[0]].group or None
        if case_id is None:
            return None
        tail = spaced.rsplit("кезде", 1)[-1]
        channels = [ch.id for ch in self.vocab.channels.values()
                    if any(rx.search(tail) for rx in ch.patterns)]
        return {"case": case_id, "channels": channels, "reasons": reasons}

    # -- document lines --------------------------------------------------------------------
    def parse_document(self, raw: str) -> list[dict]:
        text = tidy(raw)
        applicant_types: list[str] = []
        for term in self.vocab.applicant_types.values():
            for rx in term.patterns:
                match = rx.search(text)
                if match:
                    applicant_types.append(term.id)
                    text = text[match.end():].strip()
                    break
        notes: list[str] = []
        note = TRAILING_NOTE.search(text)
        if note:
            notes.append(tidy(note.group(0)))
            text = text[: note.start()]
        shared_conditions = self._conditions(text, only_outside_parens=True)
        docs = []
        for part in _split_and(text):
            part_conditions = list(shared_conditions)
            for cond in self._conditions(part):
                if cond not in part_conditions:
                    part_conditions.append(cond)
            name = part
            for cond_id in part_conditions:
                for rx in self.vocab.conditions[cond_id].patterns:
                    match = rx.search(name)
                    if match:
                        name = _strip_span(name, match)
            name = tidy(name)
            if not name:
                continue
            docs.append({
                "name_kk": name,
                "applicant_types": list(applicant_types),
                "conditions": part_conditions,
                "notes_kk": notes,
            })
        return docs

    def _conditions(self, text: str, only_outside_parens: bool = False) -> list[str]:
        probe = PARENS.sub(" ", text) if only_outside_parens else text
        found = []
        for cond in self.vocab.conditions.values():
            if any(rx.search(probe) for rx in cond.patterns):
                found.append(cond.id)
        return found

    # -- whole unit ------------------------------------------------------------------------
    def extract_list(self, unit: Unit, meta: dict) -> tuple[list[dict], list[str]]:
        warnings: list[str] = []
        intro = LIST_INTRO.search(unit.text)
        if not intro:
            return [], warnings
        blocks: list[dict] = []
        current: dict | None = None
        for seg in split_segments(unit.text, intro.end()):
            if seg.terminator == ":":
                header = self.parse_header(seg.text)
                if header is None:
                    warnings.append(f"unrecognised list header: {tidy(seg.text)[:80]!r}")
                    current = None
                    continue
                current = {**header, "header_kk": tidy(seg.text), "documents": [],
                           "source_lines": self._lines(unit, seg)}
                blocks.append(current)
                continue
            if current is None:
                continue
            if NOTE_VERB.search(tidy(seg.text)):
                current.setdefault("notes_kk", []).append(tidy(seg.text))
                continue
            for doc in self.parse_document(seg.text):
                self._add_document(current, doc, unit, seg, meta)
        return self._dedupe_blocks(blocks, warnings), warnings

    def _lines(self, unit: Unit, seg: Segment) -> list[int]:
        first = unit.line_at(seg.start + len(seg.text) - len(seg.text.lstrip()))
        last = unit.line_at(max(seg.start, seg.end - 1))
        return [first, last] if first is not None and last is not None else []

    def _add_document(self, block: dict, doc: dict, unit: Unit, seg: Segment,
                      meta: dict) -> None:
        key = normalize(doc["name_kk"])
        for other in block["documents"]:
            if normalize(other["name_kk"]) == key and \
                    other["applicant_types"] == doc["applicant_types"]:
                return  # the same line twice in one list
        found = self.catalogue.lookup(doc["name_kk"])
        doc_id = found.id
        taken = {d["id"] for d in block["documents"]}
        suffix = 2
        while doc_id in taken:
            doc_id = f"{found.id}_{suffix}"
            suffix += 1
        doc.update({
            "id": doc_id,
            "name_ru": found.name_ru,
            "catalogued": found.known,
            "synonyms": list(found.synonyms),
            "citation": {
                **meta,
                "paragraph": unit.paragraph,
                "subitem": unit.subitem,
                "paragraph_id": unit.paragraph_id,
                "quote": tidy(seg.text),
                "source_lines": self._lines(unit, seg),
            },
        })
        block["documents"].append(doc)

    @staticmethod
    def _dedupe_blocks(blocks: list[dict], warnings: list[str]) -> list[dict]:
        """A list repeated under the same header (a known artefact of the seeds) is kept once."""
        seen: dict[tuple, dict] = {}
        out = []
        for block in blocks:
            key = (block["case"], tuple(block["channels"]))
            if key in seen:
                same = [d["id"] for d in seen[key]["documents"]] == \
                    [d["id"] for d in block["documents"]]
                warnings.append(
                    f"list for {key[0]} / {'+'.join(key[1])} repeated"
                    f"{'' if same else ' with differences'}; the first one is used")
                continue
            seen[key] = block
            out.append(block)
        return out

    def find_reference(self, units: Iterable[Unit], meta: dict) -> dict | None:
        """Where the regulation points to the service standard for the documents: the clause
        naming a paragraph of the standard and documents, preferring the one that says "the
        list of documents" (құжаттар тізбесі)."""
        best: tuple[float, dict] | None = None
        for unit in units:
            for match in STANDARD_REF.finditer(unit.text):
                begin = max(unit.text.rfind(";", 0, match.start()),
                            unit.text.rfind(". ", 0, match.start()), -1) + 1
                stops = [i for i in (unit.text.find(";", match.end()),
                                     unit.text.find(". ", match.end())) if i >= 0]
                end = min(stops) + 1 if stops else len(unit.text)
                clause = unit.text[begin:end]
                low = clause.lower()
                if "құжат" not in low:
                    continue
                score = 3.0 * ("тізбе" in low) + 1.0 * bool(
                    re.search(r"көрсетілген|көзделген|сәйкес", low)) - len(clause) / 400
                if best is not None and score <= best[0]:
                    continue
                first = unit.line_at(begin)
                last = unit.line_at(end - 1)
                best = (score, {
                    **meta,
                    "paragraph": unit.paragraph,
                    "subitem": unit.subitem,
                    "paragraph_id": unit.paragraph_id,
                    "standard_paragraph": int(match.group(1)),
                    "quote": tidy(clause),
                    "source_lines": [first, last] if first is not None else [],
                })
        return best[1] if best else None


def extract_checklists(units: Iterable[Unit], meta: dict | None = None) -> dict:
    """The checklists of one regulation.

    ``meta`` goes into every citation (e.g. ``{"act": ..., "regulation": ..., "source": ...}``).
    Returns ``{"source": "regulation"|"standard_reference"|"none", "blocks": [...],
    "reference": {...}|None, "warnings": [...]}``; each block: ``case``, ``channels``,
    ``reasons``, ``header_kk``, ``source_lines``, ``documents`` (``id``, ``name_kk``,
    ``name_ru``, ``applicant_types``, ``conditions``, ``notes_kk``, ``citation``, ...).
    """
    units = list(units)
    meta = dict(meta or {})
    extractor = Extractor()
    blocks: list[dict] = []
    warnings: list[str] = []
    for unit in units:
        found, warn = extractor.extract_list(unit, meta)
        blocks.extend(found)
        warnings.extend(warn)
    for block in blocks:
        for doc in block["documents"]:
            if not doc["catalogued"]:
                warnings.append(f"document not in the catalogue: {doc['name_kk'][:80]!r}")
    if blocks:
        return {"source": "regulation", "blocks": blocks, "reference": None,
                "documents": _distinct_documents(blocks), "warnings": warnings}
    reference = extractor.find_reference(units, meta)
    return {"source": "standard_reference" if reference else "none", "blocks": [],
            "reference": reference, "documents": [], "warnings": warnings}


def _distinct_documents(blocks: list[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for block in blocks:
        for doc in block["documents"]:
            seen.setdefault(doc["id"], {"id": doc["id"], "name_kk": doc["name_kk"],
                                        "name_ru": doc["name_ru"]})
    return list(seen.values())


def unit_from_paragraph(para) -> Unit:
    """A ``Unit`` from a ``knowledge.model.Paragraph`` (its parts carry their source lines)."""
    text = ""
    starts: list[tuple[int, int]] = []
    parts = list(getattr(para, "parts", None) or [])
    if not parts:
        lines = getattr(para, "lines", (0, 0))
        return Unit(para.text, para.number, para.subitem, [(0, lines[0])], para.id)
    for part in parts:
        if text:
            text += " "
        base = len(text)
        part_starts = list(getattr(part, "starts", None) or []) or [(0, part.lines[0])]
        starts.extend((base + off, line) for off, line in part_starts)
        text += part.text
    return Unit(text, para.number, para.subitem, starts, para.id)


def extract_for_regulation(paragraphs, meta: dict | None = None) -> dict:
    """Build hook (``knowledge.compile``): the checklists of one regulation from its
    ``Paragraph`` records. Sub-items are read first (a list is one sub-item); whole paragraphs
    only when no sub-item holds a list."""
    paragraphs = list(paragraphs)
    subitems = [unit_from_paragraph(p) for p in paragraphs if p.kind == "subitem"]
    whole = [unit_from_paragraph(p) for p in paragraphs if p.kind == "paragraph"]
    spec = extract_checklists(subitems, meta)
    if spec["source"] == "regulation":
        return spec
    spec = extract_checklists(whole, meta)
    return spec
