"""Localised service card (kk/ru) through the gettext domain ``knowledge``.

Every sentence is one msgid with named placeholders; facts that exist only in Kazakh (the
regulation's own words) are quoted as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.i18n import N_, NP_, t, tn, translator

from .model import Act, ActRef, Case, Deadline, ServiceCard

if TYPE_CHECKING:
    from .api import KnowledgeBase

UNIT_FORMS = {
    "working_days": NP_("{n} working day", "{n} working days"),
    "calendar_days": NP_("{n} calendar day", "{n} calendar days"),
    "days": NP_("{n} day", "{n} days"),
    "working_hours": NP_("{n} working hour", "{n} working hours"),
    "hours": NP_("{n} hour", "{n} hours"),
    "minutes": NP_("{n} minute", "{n} minutes"),
}
FORMS = {
    "electronic": N_("electronic"),
    "partially_automated": N_("partially automated"),
    "paper": N_("paper"),
}
ACT_KINDS = {
    "қаулы": N_("resolution No. {number} of {date} of the {issuer}"),
    "бұйрық": N_("order No. {number} of {date} of the {issuer}"),
}
ACT_NO_DATE = N_("act No. {number} of the {issuer}")


def duration(lang: str, value: float | None, unit: str | None) -> str:
    """"3 рабочих дня" / "3 жұмыс күні"; "" when the figure is unknown."""
    if value is None or unit is None:
        return ""
    forms = UNIT_FORMS.get(unit)
    if forms is None:
        return f"{value:g} {unit}"
    if float(value).is_integer():
        return tn(lang, forms[0], forms[1], int(value))
    # fractions take the form of "2" in Russian ("0.5 часа"), the only form in Kazakh
    return translator(lang).ngettext(forms[0], forms[1], 2).format(n=f"{value:g}")


def duration_text(lang: str, deadline: Deadline) -> str:
    if deadline.value is None or deadline.unit is None:
        return deadline.text
    return duration(lang, deadline.value, deadline.unit)


def _date(iso: str | None) -> str:
    if not iso:
        return "?"
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


def act_label(lang: str, ref: Act | ActRef) -> str:
    issuer = (ref.issuer_ru if lang == "ru" and ref.issuer_ru else ref.issuer) or "?"
    template = ACT_KINDS.get(ref.kind or "")
    if template and ref.date:
        return t(lang, template, number=ref.number or "?", date=_date(ref.date), issuer=issuer)
    return t(lang, ACT_NO_DATE, number=ref.number or "?", issuer=issuer)


def status_warning(lang: str, act: Act | None) -> str | None:
    if act is None or act.status == "unknown":
        return t(lang, N_("Warning: it is not known whether this regulation is in force: the "
                          "source has no details of the act. Check the current version before "
                          "you apply."))
    if act.status == "repealed":
        if act.repealed_by is not None:
            return t(lang, N_("Warning: this regulation is no longer in force. It was repealed "
                              "by {act}."), act=act_label(lang, act.repealed_by))
        return t(lang, N_("Warning: this regulation is no longer in force."))
    if act.status == "replaced":
        if act.replaced_by is not None:
            return t(lang, N_("Warning: this regulation was replaced by {act}."),
                     act=act_label(lang, act.replaced_by))
        return t(lang, N_("Warning: this regulation was replaced by a newer act."))
    return None


def case_line(lang: str, case: Case, kb_deadline: Deadline | None) -> str:
    name = case.name_ru if lang == "ru" else case.name_kk
    if kb_deadline is None:
        return t(lang, N_("{case}: the regulation does not state a deadline."), case=name)
    if kb_deadline.standard_reference and kb_deadline.value is None:
        return t(lang, N_("{case}: as set by paragraph {point} of the service standard."),
                 case=name, point=kb_deadline.standard_reference)
    cite = kb_deadline.citation
    where = cite.paragraph if cite else "?"
    if kb_deadline.scope == "total":
        return t(lang, N_("{case}: {duration} (regulation, paragraph {paragraph})."),
                 case=name, duration=duration_text(lang, kb_deadline), paragraph=where)
    return t(lang, N_("{case}: the provider's review takes {duration} (regulation, paragraph "
                      "{paragraph}); the total term is not stated."),
             case=name, duration=duration_text(lang, kb_deadline), paragraph=where)


def render_card(kb: KnowledgeBase, service_id: str, lang: str = "kk") -> str:
    lang = "ru" if lang == "ru" else "kk"
    card: ServiceCard = kb.services[service_id]
    act = kb.acts.get(card.act_id)
    lines: list[str] = [kb.title(service_id, lang)]
    warning = status_warning(lang, act)
    if warning:
        lines.append(warning)
    provider = (card.provider_ru if lang == "ru" and card.provider_ru else card.provider_kk)
    if provider:
        lines.append(t(lang, N_("Service provider: {provider}"), provider=provider))
    region = card.region_ru if lang == "ru" else card.region_kk
    if region:
        lines.append(t(lang, N_("Region: {region}"), region=region))
    if card.channels:
        names = ", ".join(c.name_ru if lang == "ru" else c.name_kk for c in card.channels)
        lines.append(t(lang, N_("Where to apply: {channels}"), channels=names))
    if card.form:
        lines.append(t(lang, N_("Form of the service: {form}"),
                       form=", ".join(t(lang, FORMS[f]) for f in card.form)))
    if card.legal_entities_only:
        lines.append(t(lang, N_("Only legal entities can receive this service.")))
    if card.result is not None:
        lines.append(t(lang, N_("Result (as the regulation states it): {result}"),
                       result=card.result.text))
    if card.refusal_alternative is not None:
        lines.append(t(lang, N_("Otherwise the applicant receives a reasoned refusal.")))
    if any(f.kind == "personal_cabinet" for f in card.result_delivery):
        lines.append(t(lang, N_("When you apply through the portal, the result is sent to your "
                                "personal account on the portal.")))
    cases = [c for c in card.cases]
    if cases:
        lines.append(t(lang, N_("Deadlines:")))
        for case in cases:
            lines.append("• " + case_line(lang, case, kb.deadline(service_id, case.id)))
    elif card.deadline_reference is not None:
        lines.append(t(lang, N_("Deadlines are set by paragraph {point} of the service "
                                "standard."), point=card.deadline_reference.standard_reference))
    if card.agencies:
        names = ", ".join(a.name_ru if lang == "ru" else a.name_kk for a in card.agencies)
        lines.append(t(lang, N_("The provider also requests the opinion of: {agencies}"),
                       agencies=names))
    if card.documents.listed:
        lines.append(t(lang, N_("The regulation lists the required documents in paragraph "
                                "{paragraph}; you can ask for a document checklist."),
                       paragraph=_para_of(card.documents.paragraph_ids[0])))
    elif card.documents.standard_reference:
        lines.append(t(lang, N_("The list of documents is in paragraph {point} of the service "
                                "standard."), point=card.documents.standard_reference))
    if act is not None and act.number:
        lines.append(t(lang, N_("Source: {act}."), act=act_label(lang, act)))
    else:
        lines.append(t(lang, N_("Source: regulation text {source} (act details unknown)."),
                       source=card.source))
    return "\n".join(lines)


def _para_of(paragraph_id: str) -> str:
    return paragraph_id.rsplit(":p", 1)[-1].partition(".")[0]
