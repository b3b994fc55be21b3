"""Read every source file and turn it into acts, regulations and paragraph records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Act, AmendmentNote, Paragraph, Regulation
from .acts import parse_act, parse_act_ref
from .cleaner import clean_text
from .pdf import pdf_text
from .records import act_paragraphs, regulation_records
from .segmenter import RegulationText, split_source
from .vocab import Vocabulary

SOURCE_SUFFIXES = (".txt", ".pdf")


@dataclass
class IngestedRegulation:
    regulation: Regulation
    text: RegulationText
    paragraphs: list[Paragraph]


@dataclass
class Ingested:
    acts: dict[str, Act] = field(default_factory=dict)
    regulations: list[IngestedRegulation] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def source_files(sources_dir: Path) -> list[Path]:
    return sorted(p for p in sources_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)


def read_source(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        return pdf_text(path)
    return path.read_text(encoding="utf-8-sig", errors="replace")


def ingest(paths: list[Path]) -> Ingested:
    raw = {p: read_source(p) for p in paths}
    vocab = Vocabulary.from_texts(raw.values())
    out = Ingested()
    for path, text in raw.items():
        lines = clean_text(text, vocab)
        src = split_source(lines, vocab)
        if not src.regulations:
            out.warnings.append(f"{path.name}: no regulation found (no '1. Жалпы ережелер')")
        act = parse_act(src.act_header, src.act_blocks, path.name, path.stem)
        if act.id in out.acts:
            act.id = f"{act.id}_{path.stem.split('_')[0]}"
            out.warnings.append(f"{path.name}: duplicate act id, renamed to {act.id}")
        out.acts[act.id] = act
        out.paragraphs.extend(act_paragraphs(src, act.id, path.name))
        for reg in src.regulations:
            regulation, paras = regulation_records(reg, act.id, path.name)
            act.regulation_ids.append(regulation.id)
            for note in (p for p in paras if p.kind == "note"):
                act.notes.append(AmendmentNote(text=note.text, lines=note.lines,
                                               regulation_id=regulation.id,
                                               act=parse_act_ref(note.text)))
            out.regulations.append(IngestedRegulation(regulation, reg, paras))
            out.paragraphs.extend(paras)
    return out
