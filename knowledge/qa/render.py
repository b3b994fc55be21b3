"""Rendering structured facts of a service card in the asker's language.

Everything user-visible goes through gettext (domain ``knowledge``); Kazakh source text is
quoted as it stands, structured values (numbers, units, channels, agencies) are rendered in the
asker's language.
"""

from __future__ import annotations

from typing import Any

from domain.i18n import N_, t

FORMS = {
    "electronic": N_("electronic"),
    "partially_automated": N_("partially automated"),
    "paper": N_("paper"),
}
CHANNELS = {
    "state_corporation": N_("the State Corporation \"Government for Citizens\" (PSC)"),
    "portal_egov": N_("the e-government portal egov.kz"),
    "elicense": N_("the e-licensing portal elicense.kz"),
    "provider_office": N_("the service provider's office"),
}


APPLICANTS = {
    "legal_entity": N_("legal entities"),
    "individual": N_("individuals"),
    "individual_entrepreneur": N_("individual entrepreneurs"),
    "foreign": N_("foreign persons"),
}


def pick(lang: str, kk: str | None, ru: str | None) -> str:
    """The Russian variant for Russian when there is one, else the Kazakh text."""
    if lang == "ru" and ru:
        return ru
    return kk or ru or ""


KINDS = {"қаулы": N_("resolution"), "бұйрық": N_("order")}
OTHER_KIND = N_("act")


def _kind(lang: str, kind: str | None) -> str:
    return t(lang, KINDS.get((kind or "").lower().strip(), OTHER_KIND))


def act_label(lang: str, act: Any) -> str:
    """Human-readable name of an act: issuer, kind, date and number."""
    if act is None:
        return ""
    if act.number or act.date:
        return t(lang, "{issuer} {kind} No. {number} of {date}",
                 issuer=_issuer(lang, act), kind=_kind(lang, act.kind),
                 number=act.number or "—", date=format_date(act.date) or "—").strip()
    return act.title or t(lang, "act without a header ({source})", source=act.source)


def _issuer(lang: str, act: Any) -> str:
    """The issuer in the asker's language when the overlay names it (genitive case)."""
    russian = getattr(act, "issuer_ru", None)
    return (russian if lang == "ru" and russian else act.issuer) or ""


def ref_label(lang: str, ref: Any) -> str:
    """A repealing / replacing act as named in the text."""
    if ref is None:
        return ""
    if ref.number or ref.date:
        return t(lang, "{issuer} {kind} No. {number} of {date}",
                 issuer=_issuer(lang, ref), kind=_kind(lang, ref.kind),
                 number=ref.number or "—", date=format_date(ref.date) or "—").strip()
    return ref.text or ""


def format_date(iso: str | None) -> str:
    if not iso or len(iso) < 10:
        return iso or ""
    y, m, d = iso[:10].split("-")
    return f"{d}.{m}.{y}"


def paragraph_label(lang: str, paragraph: str | None, subitem: str | None) -> str:
    if paragraph and subitem:
        return t(lang, "paragraph {paragraph}, sub-item {subitem}",
                 paragraph=paragraph, subitem=subitem)
    if paragraph:
        return t(lang, "paragraph {paragraph}", paragraph=paragraph)
    return ""
