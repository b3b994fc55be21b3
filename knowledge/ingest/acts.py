"""Act header parsing: title, issuer, kind, number, date, justice registration, legal status.

Kazakh legal-database headers look like::

    <title>
    Күшін жойған
    Шығыс Қазақстан облысы әкімдігінің 2014 жылғы 27 наурыздағы N 71 қаулысы. Шығыс Қазақстан
    облысының Әділет департаментінде 2014 жылғы 11 мамырда N 3304 болып тіркелді. Күші жойылды -
    Шығыс Қазақстан облысы әкімдігінің 2015 жылғы 14 қыркүйектегі № 233 қаулысымен
          Ескерту. Күші жойылды - ... 14.09.2015 № 233 қаулысымен (...).

A file without such a header (an isolated regulation) gets status ``unknown``: the status is
never ``in_force`` without evidence in the text or the overlay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Act, ActRef, AmendmentNote
from .cleaner import Line
from .segmenter import Block

MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}
_MONTH_RE = "|".join(MONTHS)
DATE_RE = (
    rf"(?:\d{{4}}\s+жыл(?:ғы|ы)\s+\"?\s?\d{{1,2}}\s?\"?\s*_?(?:{_MONTH_RE})[^\W\d_]*"
    r"|\d{1,2}\.\d{1,2}\.\d{4})"
)
_NUM = r"(?:N|№)\s?(?P<number>[0-9][\w/.-]*?)"
_KIND = r"(?P<kind>қаулы|бұйры|шешім)[^\W\d_]*"
_ACT_RE = re.compile(rf"(?P<issuer>.*?)\s*(?P<date>{DATE_RE})\s+{_NUM}\s+{_KIND}", re.I)
_JUSTICE_RE = re.compile(
    rf"(?P<where>[^.]*?)\s*(?P<date>{DATE_RE})\s+(?:N|№)\s?(?P<number>[\w/-]+)\s+(?:болып\s+)?"
    r"тіркел",
    re.I,
)
_REPEAL_RE = re.compile(
    rf"Күші\s+жойыл[^\W\d_]*\s*[-–—]?\s*(?P<issuer>[^.]*?)\s*(?P<date>{DATE_RE})\s+"
    rf"(?:N|№)\s?(?P<number>[0-9][\w/-]*)\s*(?:\([^)]*\)?)?\s*{_KIND}",
    re.I,
)
_KIND_NAMES = {"қаулы": "қаулы", "бұйры": "бұйрық", "шешім": "шешім"}


def parse_date(text: str) -> str | None:
    """``2016 жылғы 12 мамырдағы`` or ``12.05.2016`` -> ``2016-05-12``."""
    m = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if m:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.search(rf"(\d{{4}})\s+жыл(?:ғы|ы)\s+\"?\s?(\d{{1,2}})\s?\"?\s*_?({_MONTH_RE})", text,
                  re.I)
    if m:
        return f"{int(m.group(1)):04d}-{MONTHS[m.group(3).lower()]:02d}-{int(m.group(2)):02d}"
    return None


def _kind(word: str) -> str:
    return _KIND_NAMES.get(word.lower()[:5], word.lower())


_AMEND_RE = re.compile(
    rf"[-–—]\s*(?P<issuer>[^-–—]*?)\s*(?P<date>{DATE_RE})\s+(?:N|№)\s?(?P<number>[0-9][\w/-]*)"
    rf"\s*(?:\([^)]*\)?)?\s*{_KIND}",
    re.I,
)


def parse_act_ref(text: str) -> ActRef | None:
    """The act a note or status line refers to (repealing or amending act)."""
    m = _REPEAL_RE.search(text) or _AMEND_RE.search(text)
    if not m:
        return None
    return ActRef(
        issuer=_clean_issuer(m.group("issuer")),
        kind=_kind(m.group("kind")),
        number=m.group("number").rstrip("."),
        date=parse_date(m.group("date")),
        text=m.group(0),
    )


def _clean_issuer(text: str) -> str:
    text = re.sub(r"^.*?(Күші\s+жойыл\S*|Күшін жойған|Қолданыстағы)\s*[-–—]?\s*", "", text)
    return re.sub(r"\s+", " ", text).strip(" -–,")


@dataclass
class HeaderParse:
    act: Act
    preamble_start: int  # index into the act lines where the act body (preamble) starts


def act_id_for(act: Act, source_stem: str) -> str:
    if act.number and act.date:
        kind = {"қаулы": "qauly", "бұйрық": "buiryq"}.get(act.kind or "", "act")
        number = re.sub(r"[^0-9a-z]+", "-", _translit(act.number).lower()).strip("-")
        return f"{kind}_{act.date[:4]}_{number}"
    return f"doc_{source_stem.split('_')[0]}"


_TR = str.maketrans({"Қ": "Q", "қ": "q", "Н": "N", "н": "n", "Ә": "A", "ә": "a"})


def _translit(text: str) -> str:
    return text.translate(_TR)


def parse_act(lines: list[Line], blocks: list[Block], source: str, source_stem: str) -> Act:
    """Parse the act header found before the first regulation (may be empty)."""
    head: list[Line] = []
    for ln in lines:
        if ln.indent >= 4 and head:
            break
        head.append(ln)
    text = " ".join(ln.text for ln in head)
    act = Act(id="", source=source)
    status_m = re.search(r"Күшін жойған|Қолданыстағы|Күші жойылды", text)
    ident = _ACT_RE.search(text, status_m.end() if status_m else 0)
    if ident and (status_m or re.search(r"тіркелді|тіркелген", text)):
        title_end = status_m.start() if status_m else ident.start()
        act.title = re.sub(r"\s+", " ", text[:title_end]).strip() or None
        act.issuer = _clean_issuer(ident.group("issuer"))
        act.kind = _kind(ident.group("kind"))
        act.number = ident.group("number").rstrip(".")
        act.date = parse_date(ident.group("date"))
        rest = text[ident.end():]
        just = _JUSTICE_RE.search(rest)
        if just:
            act.justice_reg_number = just.group("number")
            act.justice_reg_date = parse_date(just.group("date"))
        act.lines = (head[0].no, head[-1].no)
    notes = [b for b in blocks if b.text.startswith("Ескерту")]
    for note in notes:
        act.notes.append(AmendmentNote(text=note.text, lines=note.lines,
                                       act=parse_act_ref(note.text)))
    repeal = parse_act_ref(text) or next(
        (n.act for n in act.notes if n.act and "Күші жойыл" in n.text), None
    )
    if repeal is not None or (status_m and status_m.group(0) == "Күшін жойған"):
        act.status = "repealed"
        act.status_source = "text"
        act.repealed_by = repeal
        quote = repeal.text if repeal else status_m.group(0) if status_m else None
        act.status_quote = quote
    elif status_m and status_m.group(0) == "Қолданыстағы":
        act.status = "in_force"
        act.status_source = "text"
        act.status_quote = status_m.group(0)
    act.id = act_id_for(act, source_stem)
    return act
