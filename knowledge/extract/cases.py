"""Cases of a service (issue, re-registration, duplicate, licence annex, stages) and their
deadlines exactly as stated, or the pointer to the service standard when the text defers."""

from __future__ import annotations

import re

from ..model import Case, Deadline, Paragraph, Part, ServiceCard
from .context import RegContext, shorten
from .durations import find_durations

CASE_NAMES = {
    "issue": ("лицензия беру", "выдача лицензии"),
    "issue_stage1": ("бірінші кезеңде лицензия беру", "выдача лицензии на первом этапе"),
    "issue_stage2": ("екінші кезеңде лицензия беру", "выдача лицензии на втором этапе"),
    "reregister": ("лицензияны қайта ресімдеу", "переоформление лицензии"),
    "reregister_reorg": (
        "заңды тұлға бөлу, бөлістіру нысанында қайта ұйымдастырылғанда лицензияны қайта ресімдеу",
        "переоформление лицензии при реорганизации юридического лица в форме разделения, "
        "выделения",
    ),
    "duplicate": ("лицензияның телнұсқасын беру", "выдача дубликата лицензии"),
    "reregister_category": ("санат берілуіне байланысты лицензияны қайта ресімдеу",
                            "переоформление лицензии в связи с присвоением категории"),
    "annex": ("лицензияға қосымша беру", "выдача приложения к лицензии"),
}
_CASE_ORDER = list(CASE_NAMES)

_TOTAL_HEAD = re.compile(r"^(?:\d+\)\s*)?Мемлекеттік (?:қызметті|қызмет) көрсету мерзім", re.U)
_ANY_HEAD = re.compile(r"көрсету мерзім\w*\s*:", re.I)
_STD_DEADLINE = re.compile(
    r"мерзім\w*[^.]*?стандарт\w*[^.]*?(\d+)\s*[-–]?\s*тармағ|"
    r"мерзім\w*[^.]*?Стандарт\)?\s*(\d+)\s*[-–]?\s*тармағ", re.I)
_STEP_START = re.compile(r"^\d+\s*-\s*іс-қимыл|^\d+-іс-қимыл|^\d+\)\s")
_CASE_LINE = re.compile(r"^(?P<label>.{3,200}?)\s*(?:кезінде)?\s+[-–—]\s+(?P<rest>.+)$")


def case_of(label: str) -> str | None:
    t = label.lower()
    if "бірінші кезең" in t:
        return "issue_stage1"
    if "екінші кезең" in t:
        return "issue_stage2"
    if "телнұсқа" in t:
        return "duplicate"
    if re.search(r"қайта\s+р[еә]сімде", t):
        if "санат" in t:
            return "reregister_category"
        if re.search(r"бөлу|бөлістіру|бөлінуі", t) and not re.search(r"тегі|атауы", t):
            return "reregister_reorg"
        return "reregister"
    if "лицензияға қосымша" in t:
        return "annex"
    if re.search(r"лицензия(ны)?\s+(беру|алу)|лицензия алған|лицензияны беру", t):
        return "issue"
    return None


def extract_cases(ctx: RegContext, card: ServiceCard) -> None:
    cases: dict[str, Case] = {}
    for para in ctx.body:
        _scan_paragraph(ctx, para, cases)
    _standard_reference(ctx, card)
    # the cases the result paragraph names exist even without their own deadline
    p3 = ctx.by_number.get("3")
    if p3 is not None:
        first = p3.text.split("\n")[0]
        for cid, rx in (("issue", r"лицензия"), ("reregister", r"қайта\s+р[еә]сімде"),
                        ("duplicate", r"телнұсқа"), ("annex", r"лицензияға\s+қосымша")):
            if re.search(rx, first, re.I) and cid not in cases:
                cases[cid] = _new_case(cid, ctx.cite(p3, first))
    for case in cases.values():
        if not any(d.scope == "total" for d in case.deadlines) and card.deadline_reference:
            case.standard_reference = card.deadline_reference
    card.cases = sorted(cases.values(), key=lambda c: _CASE_ORDER.index(c.id))


def _new_case(cid: str, citation=None) -> Case:
    kk, ru = CASE_NAMES[cid]
    return Case(id=cid, name_kk=kk, name_ru=ru, citation=citation)


def _holder(ctx: RegContext, para: Paragraph, part: Part) -> Paragraph:
    for sub in ctx.subitems(para.number or ""):
        if any(sp.lines == part.lines and sp.text == part.text for sp in sub.parts):
            return sub
    return para


def _scan_paragraph(ctx: RegContext, para: Paragraph, cases: dict[str, Case]) -> None:
    heading_scope: str | None = None
    for part in para.parts:
        text = part.text
        if _ANY_HEAD.search(text) and text.rstrip().endswith(":"):
            heading_scope = "total" if _TOTAL_HEAD.search(text) else "step"
            continue
        if _STEP_START.match(text) and not text.rstrip().endswith(":"):
            heading_scope = None  # a new procedure step closes the previous deadline list
        m = _CASE_LINE.match(re.sub(r"^\d+\)\s*", "", text))
        if not m:
            continue
        label = m.group("label")
        cid = case_of(label) if len(label) < 120 and "Орындалу" not in label else None
        durations = find_durations(m.group("rest"))
        if cid is None or not durations:
            continue
        value, unit, dm = durations[0]
        scope = heading_scope or "step"
        holder = _holder(ctx, para, part)
        deadline = Deadline(value=value, unit=unit, text=shorten(text, 300), scope=scope,
                            citation=ctx.cite(holder, text, part.lines))
        case = cases.setdefault(cid, _new_case(cid, deadline.citation))
        if not any(d.value == value and d.unit == unit and d.scope == scope
                   for d in case.deadlines):
            case.deadlines.append(deadline)


def _standard_reference(ctx: RegContext, card: ServiceCard) -> None:
    for para in ctx.body:
        for part in para.parts:
            m = _STD_DEADLINE.search(part.text)
            if m:
                number = m.group(1) or m.group(2)
                holder = _holder(ctx, para, part)
                card.deadline_reference = Deadline(
                    text=shorten(part.text, 300), scope="total", standard_reference=number,
                    citation=ctx.cite(holder, part.text, part.lines))
                return


def extract_refusal_deadlines(ctx: RegContext, card: ServiceCard) -> list[Deadline]:
    """Deadlines for a refusal ("... бас тарту туралы екі жұмыс күні ішінде ... жауап береді")."""
    out: list[Deadline] = []
    for para in ctx.body:
        for part in para.parts:
            t = part.text
            if not re.search(r"толық\s+(болмаған|ұсынбаған)", t) or "бас тарт" not in t:
                continue
            for value, unit, _m in find_durations(t):
                if unit in ("working_days", "calendar_days", "days"):
                    holder = _holder(ctx, para, part)
                    out.append(Deadline(value=value, unit=unit, text=shorten(t, 300),
                                        scope="refusal",
                                        citation=ctx.cite(holder, t, part.lines)))
                    break
    return out
