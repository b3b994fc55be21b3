"""Procedure-level facts: steps with actor and duration, refusal grounds, agencies consulted,
fees and payment, where documents are listed, who may apply."""

from __future__ import annotations

import re

from ..model import Agency, DocumentsInfo, Fact, Paragraph, ServiceCard, Step
from .cases import extract_cases, extract_refusal_deadlines
from .context import RegContext, sentence_with, shorten
from .durations import find_durations

# --- steps ---------------------------------------------------------------------------------

_ACTORS = [
    ("кеңсе", r"кеңсе(?:сінің)?\s+қызметкер|кеңсесі\b|кеңсе\b"),
    ("state_corporation",
     r"Мемлекеттік корпорация(?:ның)?\s+(?:қызметкері|жинақтаушы|қағаз|шабарман)|"
     r"жинақтаушы сектор"),
    ("centre_operator", r"Орталық операторы|орталық операторы|орталықта"),
    ("licensing_commission", r"лицензиялық комиссия"),
    ("deputy_head", r"басшысының\s+(?:жауапты\s+)?орынбасар"),
    ("head_of_unit", r"бөлімі?(?:нің)?\s+(?:жауапты\s+)?басшы|бөлімше(?:сі)?\s+басшы"),
    ("head", r"\bбасшы(?:сы)?\b|\bбасшы\s"),
    ("specialist", r"\bмаман\b|жауапты орындаушы|уәкілетті қызметкер|бөлімінің қызметкері|"
                   r"бөлімі\b"),
    ("applicant", r"(?:көрсетілетін\s+)?қызмет(?:ті)?\s+алушы"),
    ("provider", r"(?:көрсетілетін\s+)?қызмет(?:ті)?\s+беруші"),
    ("portal", r"\bпортал|ЭҮП|Е-лицензиялау"),
]
_STEP_INTRO = re.compile(r"мазмұны|ұзақтығы|реттілігі|сипаттау|сипаттамасы|тізбесі|рәсімдер",
                         re.I)
_ACTION_STEP = re.compile(r"^(\d+)\s*-\s*іс-қимыл|^(\d+)-іс-қимыл")


def actor_of(text: str) -> str | None:
    head = re.split(r"[.;:]", text, maxsplit=1)[0][:200]
    best: tuple[int, str] | None = None
    for actor, rx in _ACTORS:
        m = re.search(rx, head, re.I)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), actor)
    return best[1] if best else None


def extract_steps(ctx: RegContext, card: ServiceCard) -> None:
    for para in ctx.body:
        intro = para.parts[0].text if para.parts else ""
        subs = ctx.subitems(para.number or "")
        if subs and _STEP_INTRO.search(intro):
            for sub in subs:
                card.steps.append(_step(ctx, sub, sub.subitem, sub.text))
        for part in para.parts:
            m = _ACTION_STEP.match(part.text)
            if m:
                card.steps.append(_step(ctx, para, m.group(1) or m.group(2), part.text,
                                        part.lines))


def _step(ctx: RegContext, holder: Paragraph, number: str | None, text: str,
          lines: tuple[int, int] | None = None) -> Step:
    from ..model import Deadline

    durations = find_durations(text)
    duration = None
    if durations:
        value, unit, _m = durations[0]
        duration = Deadline(value=value, unit=unit, text=shorten(text, 200), scope="step")
    return Step(number=number, actor=actor_of(re.sub(r"^\d+\)\s*", "", text)),
                text=shorten(text, 400), duration=duration,
                citation=ctx.cite(holder, text, lines))


# --- refusal -------------------------------------------------------------------------------

_REFUSAL_LIST = re.compile(r"бас\s+тарту\s+негіз", re.I)
_REFUSAL_KINDS = [
    ("incomplete_documents", r"толық\s+(?:емес\s+)?(?:ұсынбаған|болмаған|ұсынбау|ұсынған)|"
                             r"толық емес"),
    ("no_payment", r"төлем\w*\s+(?:фактісінің\s+)?болмау|ақы\w*\s+төлемеу|төлемақының\s+болмау|"
                   r"төлем\w* болмағандықтан|төлемақы болмағандықтан"),
    ("signature_invalid", r"ЭЦҚ\w*\s+(?:-сы\s+)?(?:түпнұсқа\w*|түпнұсқалығы\w*)\s+расталма"),
    ("data_missing",
     r"деректер\w*\s+(?:жоқтығ|болмау)|алу\s+мүмкін\s+еместіг|мүмкіндігінің\s+жоқ"),
    ("data_violation",
     r"деректер\w*\s+(?:бұзушылық|кемшілік)|құжаттарында\s+(?:бұзушылық|кемшілік)"),
    ("authorization", r"авторландыру\w*\s+бас\s+тарту|авторизациядан\s+өтуден\s+бас\s+тарту"),
]


def extract_refusal(ctx: RegContext, card: ServiceCard) -> None:
    seen: set[str] = set()
    for para in ctx.body:
        intro = para.parts[0].text if para.parts else ""
        if _REFUSAL_LIST.search(intro) and intro.rstrip().endswith(":"):
            for sub in ctx.subitems(para.number or ""):
                _add_ground(ctx, card, sub, sub.text, "ground", seen)
            continue
        if para.number == "3":
            continue
        for part in para.parts:
            if not re.search(r"бас\s+тарт", part.text):
                continue
            kind = next((k for k, rx in _REFUSAL_KINDS if re.search(rx, part.text, re.I)), None)
            if kind is None:
                continue
            holder = next((s for s in ctx.subitems(para.number or "")
                           if any(sp.lines == part.lines for sp in s.parts)), para)
            _add_ground(ctx, card, holder, part.text, kind, seen, part.lines)
    p3 = ctx.by_number.get("3")
    if p3 is not None:
        m = re.search(r"стандарт\w*[^.]{0,120}?(\d+)\s*[-–]?\s*тармағ[^.]{0,80}бас тарту", p3.text,
                      re.I | re.S)
        if m:
            quote = sentence_with(p3.text, r"бас тарту") or p3.text
            card.refusal_reference = Fact(text=f"стандарттың {m.group(1)}-тармағы",
                                          citation=ctx.cite(p3, quote), kind="standard")
    for d in extract_refusal_deadlines(ctx, card):
        assert d.citation is not None
        card.refusal_grounds.append(Fact(text=d.text, citation=d.citation,
                                         kind=f"deadline:{int(d.value or 0)}:{d.unit}"))


def _add_ground(ctx: RegContext, card: ServiceCard, holder: Paragraph, text: str, kind: str,
                seen: set[str], lines: tuple[int, int] | None = None) -> None:
    key = re.sub(r"\W+", " ", re.sub(r"^\d+\)\s*", "", text.lower()))[:120]
    if key in seen:
        return
    seen.add(key)
    card.refusal_grounds.append(Fact(text=shorten(text, 400), kind=kind,
                                     citation=ctx.cite(holder, text, lines)))


# --- agencies consulted --------------------------------------------------------------------

AGENCIES = [
    ("health_department", r"Денсаулық сақтау басқарма", "денсаулық сақтау басқармасы",
     "управление здравоохранения"),
    ("consumer_protection_department", r"Тұтынушылардың құқықтарын қорғау",
     "тұтынушылардың құқықтарын қорғау департаменті",
     "департамент по защите прав потребителей"),
    ("agriculture_department", r"Ауыл шаруашылығы басқарма", "ауыл шаруашылығы басқармасы",
     "управление сельского хозяйства"),
    ("passenger_transport_department", r"жолаушылар көлігі басқарма",
     "жолаушылар көлігі басқармасы", "управление пассажирского транспорта"),
    ("emergency_department", r"Төтенше жағдайлар", "төтенше жағдайлар департаменті",
     "департамент по чрезвычайным ситуациям и государственному контролю промышленной "
     "безопасности"),
    ("ecology_department", r"экология департамент|қоршаған ортаны қорғау",
     "экология департаменті", "департамент экологии"),
]
_CITIES = {"Алматы қаласы": "города Алматы", "Астана қаласы": "города Астаны",
           "Шымкент қаласы": "города Шымкента"}
_CONSULT = re.compile(r"(?:сауал\w*|сұрау\w*|сұрау хат)\s+(?:\S+\s+){0,3}?жібер|жіберу|"
                      r"қорытынды\w*\s+алу|келісу|келісім", re.I)


def extract_agencies(ctx: RegContext, card: ServiceCard) -> None:
    found: dict[str, Agency] = {}
    for holder, part in _all_units(ctx):
        text = part.text
        if not _CONSULT.search(text):
            continue
        for aid, rx, kk, ru in AGENCIES:
            m = re.search(rx, text, re.I)
            if m and aid not in found:
                name_kk = _full_name(text, m) or kk
                city = next((v for k, v in _CITIES.items() if name_kk.startswith(k)), "")
                name_ru = (ru[0].upper() + ru[1:] + (" " + city if city else ""))
                found[aid] = Agency(id=aid, name_kk=name_kk, name_ru=name_ru,
                                    citation=ctx.cite(holder, text, part.lines))
    card.agencies = list(found.values())


def _full_name(text: str, m: re.Match[str]) -> str | None:
    """The agency as named, e.g. "Алматы қаласы Денсаулық сақтау басқармасы (ДБ)"."""
    start = max(0, m.start() - 40)
    before = text[start: m.start()]
    city = re.search(r"([А-ЯӘІҢҒҮҰҚӨҺ]\w+ (?:қаласы|облысы)\s+)$", before)
    tail = re.match(r"[^,;()]*?(?:басқарма|департамент)\w*", text[m.start():])
    if not tail:
        return None
    name = (city.group(1) if city else "") + tail.group(0)
    abbr = re.match(r"\s*\(бұдан әрі\s*[-–]\s*([А-ЯӘІҢҒҮҰҚӨҺ]{2,6})\)", text[m.start() + len(
        tail.group(0)):])
    name = re.sub(r"(басқарма|департамент)\w*$", lambda x: _nominative(x.group(0)), name)
    return f"{name} ({abbr.group(1)})" if abbr else name


def _nominative(word: str) -> str:
    if word.startswith("басқарма"):
        return "басқармасы"
    if word.startswith("департаменттер"):
        return "департаменттері"
    return "департаменті"


def _all_units(ctx: RegContext):
    for para in ctx.body:
        subs = ctx.subitems(para.number or "")
        for part in para.parts:
            holder = next((s for s in subs if any(sp.lines == part.lines for sp in s.parts)),
                          para)
            yield holder, part


# --- fees and payment ----------------------------------------------------------------------

def extract_fees(ctx: RegContext, card: ServiceCard) -> None:
    seen: set[str] = set()
    for holder, part in _all_units(ctx):
        text = part.text
        for sentence in re.split(r"(?<=[.;])\s+", text):
            low = sentence.lower()
            key = low[:80]
            if key in seen:
                continue
            if "лицензиялық алым" in low and ("стандарт" in low or "алынады" in low
                                               or "төлен" in low):
                seen.add(key)
                kind = "licence_fee"
                m = re.search(r"стандарт\w*\s+(\d+)\s*[-–]?\s*тармағ", sentence, re.I)
                if m:
                    kind = f"licence_fee:standard:{m.group(1)}"
                elif "растайтын құжат" in low:
                    kind = "licence_fee:proof_document"
                if any(f.kind == kind for f in card.fees):
                    continue
                card.fees.append(Fact(text=shorten(sentence, 400), kind=kind,
                                      citation=ctx.cite(holder, sentence, part.lines)))
            elif re.search(r"төлем\s+шлюз|ЭҮТШ", sentence) and re.search(r"ақы|төле", low):
                seen.add(key)
                card.payment.append(Fact(text=shorten(sentence, 400), kind="payment_gateway",
                                         citation=ctx.cite(holder, sentence, part.lines)))


# --- documents -----------------------------------------------------------------------------

_DOC_LIST = re.compile(r"құжаттар\w*\s+(?:тізбесін|тізімін)\s+ұсынады\s*:", re.I)
_DOC_REF = re.compile(r"(?:құжат\w*[^.;]{0,80}?стандарт\w*|стандарт\w*[^.;]{0,40}?)\s*(\d+)\s*"
                      r"[-–]?\s*тармағ\w*[^.;]{0,60}?(?:құжат|көрсетілген|сәйкес)", re.I)


def extract_documents(ctx: RegContext, card: ServiceCard) -> None:
    info = DocumentsInfo()
    for para in ctx.body:
        for sub in [para, *ctx.subitems(para.number or "")]:
            if sub.kind == "subitem" or not ctx.subitems(para.number or ""):
                if _DOC_LIST.search(sub.text):
                    info.listed = True
                    info.paragraph_ids.append(sub.id)
                    info.citations.append(ctx.cite(sub, sub.parts[0].text if sub.parts else ""))
                    info.count += sum(1 for p in sub.parts[1:] if p.text.rstrip().endswith(
                        (";", ".")))
    _cases_from_lists(ctx, card, info)
    refs: dict[str, int] = {}
    for holder, part in _all_units(ctx):
        if "құжат" not in part.text.lower():
            continue
        for m in _DOC_REF.finditer(part.text):
            refs[m.group(1)] = refs.get(m.group(1), 0) + 1
            if len(info.citations) < 4 and not info.listed:
                info.citations.append(ctx.cite(holder, part.text, part.lines))
    if refs:
        info.standard_reference = max(refs, key=lambda k: refs[k])
    card.documents = info


def _cases_from_lists(ctx: RegContext, card: ServiceCard, info: DocumentsInfo) -> None:
    """Document-list headings name the cases ("бірінші кезеңде лицензия алған кезде ...:") and,
    for re-registration, its reasons."""
    from ..model import Case
    from .cases import _CASE_ORDER, CASE_NAMES, case_of

    known = {c.id: c for c in card.cases}
    for pid in info.paragraph_ids:
        holder = next((p for p in ctx.paragraphs if p.id == pid), None)
        if holder is None:
            continue
        for part in holder.parts[1:]:
            text = part.text.rstrip()
            if not text.endswith(":"):
                continue
            cid = case_of(text)
            if cid is None:
                continue
            case = known.get(cid)
            if case is None:
                kk, ru = CASE_NAMES[cid]
                case = Case(id=cid, name_kk=kk, name_ru=ru,
                            citation=ctx.cite(holder, text, part.lines),
                            standard_reference=card.deadline_reference)
                known[cid] = case
            if cid == "reregister" and not case.reasons:
                for reason in re.split(r"\s*кезде,\s*", re.sub(r"\s*кезде\s+\S+:$", "", text)):
                    reason = re.sub(r"\s*кезде$", "", reason).strip(" ,")
                    if reason:
                        case.reasons.append(Fact(text=reason, kind="reregister_reason",
                                                 citation=ctx.cite(holder, text, part.lines)))
    card.cases = sorted(known.values(), key=lambda c: _CASE_ORDER.index(c.id))


# --- applicants ----------------------------------------------------------------------------

def extract_applicants(ctx: RegContext, card: ServiceCard) -> None:
    applicants: list[str] = []
    for holder, part in _all_units(ctx):
        t = part.text
        m = re.search(r"(Жеке және заңды тұлғалар|Заңды тұлғалар|жеке және заңды тұлғаларға)"
                      r"(?:\s*\(бұдан әрі\s*[-–]\s*(?:көрсетілетін\s+)?қызмет(?:ті)?\s+алушы\)|"
                      r"\s+көрсетеді)", t)
        if m:
            legal_only = m.group(1) == "Заңды тұлғалар"
            applicants = ["legal_entity"] if legal_only else ["individual", "legal_entity"]
            card.legal_entities_only = legal_only
            card.applicants_citation = ctx.cite(holder, t, part.lines)
            break
    if re.search(r"заңды тұлғалардың", card.title_kk) and not applicants:
        applicants = ["legal_entity"]
        card.legal_entities_only = True
    if card.documents.listed:
        text = " ".join(p.text for p in ctx.body if p.id in card.documents.paragraph_ids
                        or any(pid.startswith(p.id + ".") for pid in card.documents.paragraph_ids))
        for kind, rx in (("legal_entity", r"заңды тұлға үшін"), ("individual", r"жеке тұлға үшін"),
                         ("individual_entrepreneur", r"дара кәсіпкер"),
                         ("foreign", r"шетелдік тұлға")):
            if re.search(rx, text) and kind not in applicants:
                applicants.append(kind)
    card.applicants = applicants


STEPS = [extract_cases, extract_steps, extract_refusal, extract_agencies, extract_fees,
         extract_documents, extract_applicants]
