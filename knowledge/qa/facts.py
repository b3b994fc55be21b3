"""Structured facts of a service card for one intent, as localised lines with citations.

Each function returns ``(lines, citations)``; an empty list of lines means the card holds no
structured fact for the intent (the answer then rests on quoted paragraphs). Where the
regulation only points to the service standard, the line says exactly that pointer.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from domain.i18n import N_, t
from knowledge.model import Citation
from knowledge.search.lexicon import load_lexicon
from knowledge.search.stem import key_kk, key_ru
from knowledge.search.tokenize import content_words

from ..render import duration
from .render import APPLICANTS, CHANNELS, FORMS, act_label, pick, ref_label
from .slots import detect_slots
from .steps import procedure_steps

Lines = tuple[list[str], list[Any]]
MAX_GROUNDS = 5
REFUSAL_KINDS = {
    "no_payment": N_("refusal when the service is not paid"),
    "incomplete_documents": N_("refusal when the documents are incomplete"),
    "signature_invalid": N_("refusal when the digital signature is not confirmed"),
    "data_missing": N_("refusal when the applicant's data are missing from state databases"),
    "data_violation": N_("refusal when the applicant's data are in breach"),
    "deadline": N_("term of the written refusal"),
}
log = logging.getLogger(__name__)
_CITATION_KEYS = frozenset(Citation.model_fields)

CASE_CUES = {
    "reregister": ("қайта ресімде", "қайта рәсімде", "переоформ", "перерегистр"),
    "duplicate": ("телнұсқа", "дубликат", "жоғалт", "потерял", "утерян", "испорт", "испорч",
                  "поврежд", "бүлін"),
    "annex": ("қосымша", "приложени"),
    "issue": ("алу", "беру", "выдач", "получ"),
}


def asked_cases(question: str) -> list[str]:
    q = question.lower()
    return [case for case, cues in CASE_CUES.items() if any(c in q for c in cues)]


def _cite(*facts: Any) -> list[Any]:
    out = []
    for f in facts:
        c = getattr(f, "citation", None)
        if c is not None:
            out.append(c)
    return out


def deadline(lang: str, card: Any, act: Any, question: str) -> Lines:
    lines: list[str] = []
    cites: list[Any] = []
    wanted = asked_cases(question)
    cases = sorted(card.cases, key=lambda c: (c.id not in wanted, card.cases.index(c)))
    for case in cases:
        totals = [d for d in case.deadlines if d.scope == "total" and d.value is not None]
        for d in totals:
            text = duration(lang, d.value, d.unit)
            name = pick(lang, case.name_kk, case.name_ru)
            if d.channel:
                lines.append("• " + t(lang, "{case} ({channel}): {duration}", case=name,
                                      channel=_channel_name(lang, d.channel), duration=text))
            else:
                lines.append("• " + t(lang, "{case}: {duration}", case=name, duration=text))
            cites += _cite(d)
        steps = [d for d in case.deadlines if d.scope == "step" and d.value is not None]
        if not totals and steps:  # only the provider's own review is timed
            d = steps[0]
            lines.append("• " + t(lang, "{case}: the provider's review takes {duration} "
                                        "(regulation, paragraph {paragraph}); the total term is "
                                        "not stated.", case=pick(lang, case.name_kk, case.name_ru),
                                  duration=duration(lang, d.value, d.unit),
                                  paragraph=d.citation.paragraph if d.citation else "?"))
            cites += _cite(d)
        general = card.deadline_reference
        if not totals and case.standard_reference is not None:
            ref = case.standard_reference.standard_reference
            if ref and not (general is not None and general.standard_reference == ref):
                lines.append("• " + t(lang, "{case}: see paragraph {number} of the service "
                                            "standard", case=pick(lang, case.name_kk,
                                                                  case.name_ru), number=ref))
                cites += _cite(case.standard_reference)
    if lines:
        lines.insert(0, t(lang, "Deadlines stated in the regulation:"))
    ref = card.deadline_reference
    if ref is not None and ref.standard_reference:
        lines.append(t(lang, "The regulation does not state the deadline itself: it refers to "
                             "paragraph {number} of the service standard.",
                       number=ref.standard_reference))
        cites += _cite(ref)
    if not lines and card.cases:
        lines.append(t(lang, "The regulation does not state the total term of the service: it is "
                             "set by the service standard. The regulation only gives the time of "
                             "single steps."))
    return lines, cites


def documents(lang: str, card: Any, act: Any, question: str, kb: Any = None) -> Lines:
    info = card.documents
    listed = checklist_lines(lang, card, question, kb) if kb is not None else None
    if listed is not None:
        return listed
    if info.standard_reference:
        return [t(lang, "The list of documents is not in the regulation itself: it refers to "
                        "paragraph {number} of the service standard.",
                  number=info.standard_reference)], list(info.citations[:1])
    return [], []


def checklist_lines(lang: str, card: Any, question: str, kb: Any) -> Lines | None:
    """The regulation's own list for the case / applicant / channel the question states."""
    slots = detect_slots(question)
    request = {"id": None, "service": card.id, "case": slots.case or "issue",
               "applicant": slots.applicant, "channel": slots.channel, "situation": [],
               "have": []}
    try:
        result = kb.checklist(request)
    except Exception:  # noqa: BLE001 - a checklist failure must not break the answer
        log.warning("checklist failed for %s", card.id, exc_info=True)
        return None
    if not isinstance(result, dict):
        return None
    if result.get("source") == "standard_reference":
        return _standard_documents(lang, kb, card)
    if result.get("source") != "regulation":
        return None
    items = result.get("missing") or []
    if not items:
        return None
    lines = []
    cites = []
    types = _applicant_types(kb, card)
    if slots.applicant and types and slots.applicant not in {t_["id"] for t_ in types}:
        names = ", ".join(pick(lang, t_["name_kk"], t_["name_ru"]) for t_ in types)
        lines.append(t(lang, "The regulation lists documents only for: {types}.", types=names))
    lines.append(t(lang, "Documents listed in the regulation for this case:"))
    for item in items:
        name = pick(lang, item.get("name_kk"), item.get("name_ru"))
        cond = pick(lang, item.get("condition_kk"), item.get("condition_ru"))
        lines.append(f"• {name}" + (f" ({cond})" if cond else ""))
        cite = item.get("citation")
        if isinstance(cite, dict) and cite.get("act_id"):
            cites.append(Citation(**{k: v for k, v in cite.items() if k in _CITATION_KEYS}))
    for cond in result.get("open_conditions") or []:
        if cond.get("effect") == "exempts":
            lines.append(t(lang, "Not needed when: {condition}.",
                           condition=pick(lang, cond.get("name_kk"), cond.get("name_ru"))))
    return lines, cites[:1]


def _options(kb: Any, card: Any) -> dict:
    try:
        options = kb.checklist_options(card.id)
    except Exception:  # noqa: BLE001 - options are optional detail
        log.warning("checklist options failed for %s", card.id, exc_info=True)
        return {}
    return options if isinstance(options, dict) else {}


def _applicant_types(kb: Any, card: Any) -> list[dict]:
    return [x for x in _options(kb, card).get("applicant_types") or [] if isinstance(x, dict)]


def _standard_documents(lang: str, kb: Any, card: Any) -> Lines | None:
    ref = _options(kb, card).get("reference") or {}
    number = ref.get("standard_paragraph") if isinstance(ref, dict) else None
    if not number:
        return None
    cites = []
    if ref.get("act_id"):
        cites.append(Citation(**{k: v for k, v in ref.items() if k in _CITATION_KEYS}))
    return [t(lang, "The list of documents is not in the regulation itself: it refers to "
                    "paragraph {number} of the service standard.", number=number)], cites


def channel(lang: str, card: Any, act: Any, question: str) -> Lines:
    if not card.channels:
        return [], []
    names = [pick(lang, c.name_kk, c.name_ru) or _channel_name(lang, c.id) for c in card.channels]
    lines = [t(lang, "Where to apply and get the result:")] + [f"• {n}" for n in names]
    form_lines, form_cites = form(lang, card, act, question)
    return lines + form_lines, _cite(*card.channels) + form_cites


def _channel_name(lang: str, channel_id: str) -> str:
    msgid = CHANNELS.get(channel_id)
    return t(lang, msgid) if msgid else channel_id


def form(lang: str, card: Any, act: Any, question: str) -> Lines:
    if not card.form:
        return [], []
    names = ", ".join(t(lang, FORMS[f]) for f in card.form if f in FORMS)
    cites = [card.form_citation] if card.form_citation else []
    return [t(lang, "Form of the service: {forms}.", forms=names)], cites


# how the result reaches the applicant, per channel the question names (slots.channel)
DELIVERY_BY_CHANNEL = {
    "center": ("via_centre", "via_state_corporation"),
    "portal": ("personal_cabinet",),
    "provider": ("paper_signed", "printed"),
}


def result(lang: str, card: Any, act: Any, question: str) -> Lines:
    lines: list[str] = []
    cites: list[Any] = []
    kinds = DELIVERY_BY_CHANNEL.get(detect_slots(question).channel or "", ())
    delivery = sorted(card.result_delivery, key=lambda f: f.kind not in kinds)
    by_channel = bool(delivery) and delivery[0].kind in kinds
    if by_channel:  # "how do I get it through the PSC": the delivery answers, not the title
        lines.append(f"• «{_sentence(delivery[0].text)}»")
        return lines, _cite(delivery[0])
    if card.result is not None:
        lines.append(t(lang, "Result of the service: «{text}»", text=card.result.text))
        cites += _cite(card.result)
    if card.result_form:
        names = ", ".join(t(lang, FORMS[f]) for f in card.result_form if f in FORMS)
        if names:
            lines.append(t(lang, "Form of the result: {forms}.", forms=names))
    for fact in delivery[:2]:
        lines.append(f"• «{_sentence(fact.text)}»")
        cites += _cite(fact)
    return lines, cites


def refusal(lang: str, card: Any, act: Any, question: str, kb: Any = None) -> Lines:
    """Formal grounds (or the standard's paragraph that lists them) first; the messages the
    processing steps send ("бас тарту туралы хабарламаны қалыптастыру") come second, the ones
    the question touches first, and only a few, so the answer stays short."""
    lines: list[str] = []
    cites: list[Any] = []
    formal = [f for f in card.refusal_grounds if (f.kind or "ground") == "ground"]
    process = [f for f in card.refusal_grounds if (f.kind or "ground") != "ground"]
    grounds = _by_relevance(formal, question, card)[:MAX_GROUNDS]
    if grounds:
        lines.append(t(lang, "Grounds for refusal named in the regulation:"))
        lines += [f"• «{_sentence(fact.text, MAX_GROUND_QUOTE)}»" for fact in grounds]
        cites += _cite(*grounds[:1])
    number, source = _refusal_pointer(card, kb)
    if number:
        lines.append(t(lang, "The grounds for refusal are set out in paragraph {number} of "
                             "the service standard.", number=number))
        cites += _cite(source) if source is not None else []
    relevant = _relevant(process, question, card)
    shown = relevant[:MAX_PROCESS] or _by_relevance(process, question, card)[:MAX_PROCESS_DEFAULT]
    if shown:
        if lines:
            lines.append(t(lang, "While the application is processed, the system may also "
                                 "refuse:"))
        else:
            lines.append(t(lang, "Grounds for refusal named in the regulation:"))
        for fact in shown:
            label = REFUSAL_KINDS.get((fact.kind or "").split(":")[0])
            prefix = t(lang, label) + ": " if label else ""
            quote = _STEP_NUMBER.sub("", fact.text or "")
            lines.append(f"• {prefix}«{_sentence(quote, MAX_PROCESS_QUOTE)}»")
        if not cites:
            cites += _cite(*shown[:1])
    return lines, cites


MAX_PROCESS = 3
MAX_PROCESS_DEFAULT = 2
MAX_GROUND_QUOTE = 220
MAX_PROCESS_QUOTE = 170
# "11) 9 үдеріс - ", "4) 2-іс-қимыл – ": the step's numbering, not part of the fact
_STEP_NUMBER = re.compile(r"^\s*\d+\)\s*\d+\s*-?\s*(?:үдеріс|процесс|іс-қимыл)\w*\s*[-–]\s*")
# "... стандарттың 10 тармағында көзделген жағдайларда және негіздемелер бойынша ... бас тарту"
_POINTER_SENTENCE = re.compile(r"[^.;]*негіз[^.;]*бас тарту[^.;]*|[^.;]*бас тарту негіз[^.;]*")
_NUMBER = re.compile(r"(\d+)\s*-?\s*тармағ")


def _refusal_pointer(card: Any, kb: Any = None) -> tuple[str | None, Any]:
    """The standard's paragraph that lists the grounds for refusal, with its source fact."""
    for fact in (card.refusal_reference, card.refusal_alternative, card.result):
        number = _ref_number(fact) if fact is not None else None
        if number:
            return number, fact
    result = card.result
    pid = getattr(getattr(result, "citation", None), "paragraph_id", None)
    para = kb.paragraph(pid) if kb is not None and pid else None
    if para is not None:
        for m in _POINTER_SENTENCE.finditer(" ".join(para.text.split())):
            if "стандарт" in m.group(0):
                found = _NUMBER.search(m.group(0))
                if found:
                    return found.group(1), result
    return None, None


def _relevant(facts: list[Any], question: str, card: Any) -> list[Any]:
    """Facts sharing a distinctive word with the question, best first."""
    asked = _keys(question, expand=True) - _generic_keys()
    return [f for f in _by_relevance(facts, question, card) if asked & _keys(f.text)]


def _by_relevance(facts: list[Any], question: str, card: Any = None) -> list[Any]:
    """Distinct facts, those sharing more words with the question first (the words that
    name the service itself do not count)."""
    asked = _keys(question, expand=True) - _generic_keys()
    if card is not None:
        named = " ".join([card.title_kk, card.title_ru or "", card.short_kk or "",
                          card.short_ru or "", *card.keywords_kk, *card.keywords_ru])
        asked -= _keys(named, expand=True)
    unique = list({f.text: f for f in facts}.values())
    keys = {f.text: _keys(f.text) for f in unique}
    df: dict[str, int] = {}
    for ks in keys.values():
        for k in ks:
            df[k] = df.get(k, 0) + 1
    n = len(unique) + 1  # words every fact shares ("лицензия") tell them apart the least

    def score(fact: Any) -> float:
        return sum(math.log(n / df[k]) for k in asked & keys[fact.text])

    return sorted(unique, key=lambda f: -score(f))


# words of the intents themselves ("отказ", "бас тарту", "төлеу"): every fact of the intent
# shares them, so they rank none above the others
_GENERIC = ("бас тарту бас тартады бас тартса отказ отказать откажут отказали причина себеп "
            "негіз основание төлеу төлем оплата платить стоимость сколько қанша")


@lru_cache(maxsize=1)
def _generic_keys() -> frozenset[str]:
    return frozenset(_keys(_GENERIC, expand=True))


def _keys(text: str, expand: bool = False) -> set[str]:
    keys = {key_kk(w) for w in content_words(text)} | {key_ru(w) for w in content_words(text)}
    if expand:  # a Russian question meets the Kazakh facts through the lexicon
        keys |= set(load_lexicon().expand(keys))
    return keys


def applicants(lang: str, card: Any, question: str) -> Lines:
    """Who may receive the service, when the question names an applicant type."""
    if not detect_slots(question).applicant or not card.applicants:
        return [], []
    names = ", ".join(t(lang, APPLICANTS[a]) for a in card.applicants if a in APPLICANTS)
    if not names:
        return [], []
    cites = [card.applicants_citation] if card.applicants_citation else []
    return [t(lang, "According to the regulation, the service is for: {applicants}.",
              applicants=names)], cites


def _ref_number(fact: Any) -> str | None:
    import re

    m = re.search(r"(\d+)\s*-?\s*тармағ", fact.text or "")
    return m.group(1) if m else None


def fee(lang: str, card: Any, act: Any, question: str) -> Lines:
    lines: list[str] = []
    cites: list[Any] = []
    for fact in _by_relevance(card.fees + card.payment, question, card)[:3]:
        kind = fact.kind or ""
        if kind.startswith("licence_fee:standard:"):
            lines.append("• " + t(lang, "A licence fee is charged as set out in paragraph "
                                        "{number} of the service standard.",
                                  number=kind.rsplit(":", 1)[1]))
        elif kind == "payment_gateway":
            lines.append("• " + t(lang, "Paying online goes through the e-government payment "
                                        "gateway."))
        elif kind == "licence_fee:proof_document":
            lines.append("• " + t(lang, "At the State Corporation or the office, a copy of the "
                                        "document confirming payment of the licence fee is "
                                        "needed, unless it was paid through the payment "
                                        "gateway."))
        lines.append(f"  «{_sentence(fact.text)}»")
        cites += _cite(fact)
    if not any((f.kind or "").startswith("licence_fee") for f in card.fees):
        unpaid = [g for g in card.refusal_grounds if _FEE_WORDS.search(g.text or "")]
        if unpaid:  # the fee is only named as a ground for refusal
            lines.append("• " + t(lang, "A licence fee must be paid: the regulation names its "
                                        "non-payment as a ground for refusal."))
            lines.append(f"  «{_sentence(unpaid[0].text)}»")
            cites += _cite(unpaid[0])
    if lines:
        lines.insert(0, t(lang, "Fee and payment according to the regulation:"))
    else:
        lines.append(t(lang, "The regulation says nothing about a fee or payment for this "
                             "service."))
    if not any((f.kind or "").startswith("licence_fee:standard:") for f in card.fees):
        lines.append(t(lang, "The regulation does not state the amount: whether the service is "
                             "paid and how much is set by the service standard, and licence fee "
                             "rates by the Tax Code of the Republic of Kazakhstan."))
    return lines, cites


_FEE_WORDS = re.compile(r"лицензиялық алым|алым\w* (?:төле|енгіз)")
MAX_QUOTE = 300


def _sentence(text: str, limit: int = MAX_QUOTE) -> str:
    """A quote short enough for a chat message."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def validity(lang: str, card: Any, act: Any, question: str) -> Lines:
    if act is None:
        return [], []
    label = act_label(lang, act)
    if act.status == "repealed":
        by = ref_label(lang, act.repealed_by)
        lines = [t(lang, "The act that approved this regulation is repealed: {act}.", act=label)]
        if by:
            lines.append(t(lang, "It was repealed by: {repealer}.", repealer=by))
        if act.status_quote:
            lines.append(f"«{act.status_quote}»")
        return lines, []
    if act.status == "replaced":
        by = ref_label(lang, act.replaced_by)
        return [t(lang, "The act that approved this regulation was replaced: {act}. "
                        "New act: {replacement}.", act=label, replacement=by)], []
    if act.status == "in_force":
        return [t(lang, "According to the text, the act is in force: {act}.", act=label)], []
    return [t(lang, "The source does not say whether this act is in force ({act}); check the "
                    "current version before relying on it.", act=label or act.source)], []


def provider(lang: str, card: Any, act: Any, question: str) -> Lines:
    name = pick(lang, card.provider_kk, card.provider_ru)
    if not name:
        return [], []
    cites = [card.provider_citation] if card.provider_citation else []
    return [t(lang, "The service is provided by: {provider}.", provider=name)], cites


def agencies(lang: str, card: Any, act: Any, question: str) -> Lines:
    if not card.agencies:
        return [], []
    lines = [t(lang, "Besides the service provider, the regulation involves:")]
    lines += [f"• {pick(lang, a.name_kk, a.name_ru)}" for a in card.agencies]
    return lines, _cite(*card.agencies)


def procedure(lang: str, card: Any, act: Any, question: str) -> Lines:
    return procedure_steps(lang, card, question)


BY_INTENT: dict[str, Callable[[str, Any, Any, str], Lines]] = {
    "deadline": deadline,
    "documents": documents,
    "channel": channel,
    "result": result,
    "refusal": refusal,
    "fee": fee,
    "validity": validity,
    "procedure": procedure,
    "provider": provider,
    "agencies": agencies,
    "form": form,
}


def facts_for(intent: str, lang: str, card: Any, act: Any, question: str, kb: Any = None
              ) -> Lines:
    who, who_cites = applicants(lang, card, question)
    if intent == "documents":
        lines, cites = documents(lang, card, act, question, kb)
    elif intent == "refusal":
        lines, cites = refusal(lang, card, act, question, kb)
    else:
        lines, cites = BY_INTENT.get(intent, procedure)(lang, card, act, question)
    return who + lines, who_cites + cites
