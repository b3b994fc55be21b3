"""What extractors read: the paragraphs of one regulation, with helpers to cite them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Citation, Paragraph, Part


@dataclass
class RegContext:
    act_id: str
    regulation_id: str
    source: str
    title_kk: str
    paragraphs: list[Paragraph]
    by_number: dict[str, Paragraph] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.paragraphs:
            if p.kind == "paragraph" and p.number and p.number not in self.by_number:
                self.by_number[p.number] = p

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "paragraph"]

    def subitems(self, number: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "subitem" and p.number == number]

    def units(self) -> Iterator[tuple[Paragraph, Part]]:
        """Every logical line of the body, with the most specific record holding it."""
        subs = [p for p in self.paragraphs if p.kind == "subitem"]
        for para in self.body:
            own = [s for s in subs if s.number == para.number]
            for part in para.parts:
                holder = next((s for s in own if s.lines[0] <= part.lines[0] <= s.lines[1]
                               and any(sp.lines == part.lines for sp in s.parts)), para)
                yield holder, part

    def cite(self, para: Paragraph, quote: str = "", lines: tuple[int, int] | None = None
             ) -> Citation:
        return Citation(
            act_id=self.act_id, regulation_id=self.regulation_id, paragraph=para.number,
            subitem=para.subitem, quote=shorten(quote or para.text), source=self.source,
            lines=lines or para.lines, paragraph_id=para.id,
        )


def shorten(text: str, limit: int = 400) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def sentence_with(text: str, pattern: re.Pattern[str] | str) -> str | None:
    """The sentence (or ``;``-item) of ``text`` that matches ``pattern``."""
    rx = re.compile(pattern, re.I) if isinstance(pattern, str) else pattern
    for piece in re.split(r"(?<=[.;])\s+(?=[А-ЯӘІҢҒҮҰҚӨҺA-Z0-9«\"(])|\n", text):
        if rx.search(piece):
            return piece.strip()
    return None
