"""Turn a segmented source into :class:`~knowledge.model.Paragraph` records with stable ids.

Ids: ``<regulation_id>:title``, ``:chN``, ``:pN`` (whole paragraph with its sub-items),
``:pN.M`` (sub-item; a repeated number in the same paragraph gets ``~2``, ``~3``),
``:annexN``, ``:noteN``; act-level text gets ``<act_id>:aN`` and ``<act_id>:noteN``.
"""

from __future__ import annotations

from ..model import Paragraph, Part, Regulation
from .segmenter import Block, Para, RegulationText, SourceText


def _span(blocks: list[Block]) -> tuple[int, int]:
    return (min(b.lines[0] for b in blocks), max(b.lines[1] for b in blocks))


def _parts(blocks: list[Block]) -> list[Part]:
    return [Part(text=b.text, lines=b.lines, starts=b.starts) for b in blocks]


def _text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks)


def act_paragraphs(src: SourceText, act_id: str, source: str) -> list[Paragraph]:
    out = []
    notes = 0
    for k, block in enumerate(src.act_blocks, start=1):
        is_note = block.text.startswith("Ескерту")
        notes += is_note
        pid = f"{act_id}:note{notes}" if is_note else f"{act_id}:a{k}"
        out.append(Paragraph(
            id=pid, kind="note" if is_note else "act", source=source, act_id=act_id,
            text=block.text, lines=block.lines, parts=_parts([block]),
        ))
    return out


def regulation_records(
    reg: RegulationText, act_id: str, source: str
) -> tuple[Regulation, list[Paragraph]]:
    rid = f"{act_id}.r{reg.index}"
    regulation = Regulation(
        id=rid, act_id=act_id, source=source, index=reg.index, title_kk=reg.title,
        lines=reg.lines, annex_titles=[a.title for a in reg.annexes],
    )
    common = {"source": source, "act_id": act_id, "regulation_id": rid}
    out: list[Paragraph] = []
    if reg.header:
        out.append(Paragraph(id=f"{rid}:title", kind="title", text=_text(reg.header),
                             lines=_span(reg.header), parts=_parts(reg.header), **common))
    for k, ch in enumerate(reg.chapters, start=1):
        out.append(Paragraph(id=f"{rid}:ch{k}", kind="chapter", number=str(k), text=ch.text,
                             lines=ch.lines, parts=_parts([ch]), **common))
    for para in reg.paragraphs:
        out.extend(_paragraph_records(para, rid, common))
    for k, note in enumerate(reg.notes, start=1):
        out.append(Paragraph(id=f"{rid}:note{k}", kind="note", text=note.text, lines=note.lines,
                             parts=_parts([note]), **common))
    for k, annex in enumerate(reg.annexes, start=1):
        number = annex.number or str(k)
        out.append(Paragraph(id=f"{rid}:annex{number}", kind="annex", number=number,
                             text=_text(annex.blocks), lines=annex.lines,
                             parts=_parts(annex.blocks), lead=annex.title, **common))
    return regulation, out


def _paragraph_records(para: Para, rid: str, common: dict) -> list[Paragraph]:
    pid = f"{rid}:p{para.number}"
    records = [Paragraph(
        id=pid, kind="paragraph", number=para.number, chapter=para.chapter,
        text=_text(para.blocks), lines=_span(para.blocks), parts=_parts(para.blocks), **common,
    )]
    seen: dict[str, int] = {}
    for sub in para.subitems:
        seen[sub.number] = seen.get(sub.number, 0) + 1
        suffix = "" if seen[sub.number] == 1 else f"~{seen[sub.number]}"
        records.append(Paragraph(
            id=f"{pid}.{sub.number}{suffix}", kind="subitem", number=para.number,
            subitem=sub.number, chapter=para.chapter, lead=sub.lead, text=_text(sub.blocks),
            lines=_span(sub.blocks), parts=_parts(sub.blocks), **common,
        ))
    return records
