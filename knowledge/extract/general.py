"""General provisions of a regulation: provider, channels, form, result and its delivery."""

from __future__ import annotations

import re

from ..model import Channel, Fact, ServiceCard
from .context import RegContext, sentence_with, shorten

CHANNELS = {
    "state_corporation": ("Мемлекеттік корпорация (ХҚКО)", "Госкорпорация (ЦОН)"),
    "portal_egov": ("«электрондық үкімет» веб-порталы (egov.kz)",
                    "веб-портал «электронного правительства» (egov.kz)"),
    "elicense": ("«Е-лицензиялау» порталы (elicense.kz)",
                 "портал «Е-лицензирование» (elicense.kz)"),
    "provider_office": ("көрсетілетін қызметті берушінің кеңсесі",
                        "канцелярия услугодателя"),
}
_CHANNEL_RE = {
    "state_corporation": re.compile(
        r"Мемлекеттік корпорация|Халыққа қызмет көрсету орталы|\(бұдан әрі\s*[-–]\s*Орталық\)|"
        r"ХҚКО|\(бұдан әрі\s*[-–]\s*орталық\)", re.I),
    "portal_egov": re.compile(r"e\.?gov\.kz|электрондық үкімет\S*\s*\"?»?\s*веб-портал", re.I),
    "elicense": re.compile(r"elicense\.kz|elincense\.kz|Е-лицензиялау\S*\s*\"?»?\s*(веб-)?портал",
                           re.I),
}
_PROVIDER_END = re.compile(
    r"\(бұдан әрі\s*[-–—]?\s*(?:көрсетілетін\s+)?қызмет(?:ті)?\s+беруш", re.I)
_PROVIDER_START = [
    re.compile(r"(?:қызмет\s+)?берушісі\s+", re.I),
    re.compile(r"берушінің атауы:\s*", re.I),
    re.compile(r"асыратын\s+", re.I),
    re.compile(r"Мемлекеттік қызметті\s+", re.I),
    re.compile(r"\)\s+", re.I),
]
_ACCEPT_LIST = re.compile(r"өтініштерді қабылдау(?:\s+және[^:]*)?\s*:", re.I)


def extract_general(ctx: RegContext, card: ServiceCard) -> None:
    p1 = ctx.by_number.get("1")
    if p1 is not None:
        _provider(ctx, p1, card)
        _channels(ctx, p1, card)
    p2 = ctx.by_number.get("2")
    if p2 is not None and re.search(r"нысан|түрі", p2.text):
        card.form = _forms(p2.text)
        card.form_citation = ctx.cite(p2)
    p3 = ctx.by_number.get("3")
    if p3 is not None:
        _result(ctx, p3, card)


def _provider(ctx: RegContext, p1, card: ServiceCard) -> None:
    text = p1.text.replace("\n", " ")
    end = _PROVIDER_END.search(text)
    if not end:
        return
    head = text[: end.start()]
    start = 0
    for rx in _PROVIDER_START:
        found = list(rx.finditer(head))
        if found:
            start = found[-1].end()
            break
    provider = head[start:].strip(" –-,")
    if provider:
        card.provider_kk = shorten(provider, 300)
        card.provider_citation = ctx.cite(p1, provider)


def _channels(ctx: RegContext, p1, card: ServiceCard) -> None:
    text = p1.text.replace("\n", " ")
    found: list[str] = []
    for cid, rx in _CHANNEL_RE.items():
        if rx.search(text):
            found.append(cid)
    if not _ACCEPT_LIST.search(text):
        # the provider itself accepts applications unless the text lists who accepts them
        found.append("provider_office")
    order = list(CHANNELS)
    for cid in sorted(set(found), key=order.index):
        kk, ru = CHANNELS[cid]
        rx_or_none = _CHANNEL_RE.get(cid)
        quote = sentence_with(text, rx_or_none) if rx_or_none else None
        card.channels.append(Channel(id=cid, name_kk=kk, name_ru=ru,
                                     citation=ctx.cite(p1, quote or text)))


def _forms(text: str) -> list[str]:
    forms = []
    if re.search(r"электронд", text, re.I):
        forms.append("electronic")
    if re.search(r"ішінара\s+автоматтандырылған", text, re.I):
        forms.append("partially_automated")
    if re.search(r"қағаз", text, re.I):
        forms.append("paper")
    return forms


_REFUSAL_ALT = re.compile(r"бас тарту туралы дәлелді жауап", re.I)
_STD_POINT = re.compile(r"(?:стандарт\w*|Стандарт\w*)[^.]{0,80}?(\d+)\s*[-–]?\s*тармағ", re.I)


def _result(ctx: RegContext, p3, card: ServiceCard) -> None:
    text = re.sub(r"^\d+\.\s*", "", p3.text.replace("\n", " "))
    first = re.split(r"(?<=[.])\s+(?=[А-ЯӘІҢҒҮҰҚӨҺ])", text)[0]
    core = re.split(r"\s+(?:немесе|не)\s+(?=Қазақстан|мемлекеттік қызмет)", first)[0]
    card.result = Fact(text=shorten(core, 500), citation=ctx.cite(p3, first), kind="result")
    if _REFUSAL_ALT.search(text):
        m = _STD_POINT.search(text)
        quote = sentence_with(text, _REFUSAL_ALT) or first
        alt = "бас тарту туралы дәлелді жауап"
        if m:
            alt += f" (стандарттың {m.group(1)}-тармағы)"
        card.refusal_alternative = Fact(text=alt, citation=ctx.cite(p3, quote), kind="refusal")
    forms = re.search(r"нәтижесін ұсыну нысаны:?\s*([^.]+)", text, re.I) or re.search(
        r"мемлекеттік қызметтің нысаны:?\s*([^.]+)", text, re.I)
    if forms:
        card.result_form = _forms(forms.group(1))
    for para in [p3, *[p for p in ctx.body if p.number != "3"]]:
        for part in para.parts:
            for rx, kind in _DELIVERY:
                quote = sentence_with(part.text, rx)
                if quote and not any(f.kind == kind for f in card.result_delivery):
                    holder = next((s for s in ctx.subitems(para.number or "")
                                   if any(sp.lines == part.lines for sp in s.parts)), para)
                    card.result_delivery.append(Fact(
                        text=shorten(quote, 400), citation=ctx.cite(holder, quote, part.lines),
                        kind=kind))


_DELIVERY = (
    (re.compile(r"жеке\s+кабинет", re.I), "personal_cabinet"),
    (re.compile(r"мөрімен және (?:басшысының )?қолымен|мөрімен және қолымен|мөр басылады", re.I),
     "paper_signed"),
    (re.compile(r"басып шығарыл|басылып шығарыл", re.I), "printed"),
    (re.compile(r"Орталық операторы арқылы алу|орталыққа өтініш жасайды|нәтижесін алу үшін[^.;]*"
                r"орталыққа", re.I), "via_centre"),
    (re.compile(r"Мемлекеттік корпорация\w*\s+(?:дайын құжаттарды беруді[^.;]*?қызметкері|"
                r"қызметкері)[^.;]*?нәтижесін[^.;]*?(?:қызмет алушыға|қызметті алушыға) береді",
                re.I), "via_state_corporation"),
)
