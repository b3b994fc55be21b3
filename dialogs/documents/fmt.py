"""Plain-text pieces the document views share: names in the user's language, citations, files,
dates. Knowledge texts are already localised (``Msg.text``); sentences around them are msgids."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dialogs.common.kb import localised
from dialogs.documents import texts
from domain.i18n import t


def pick(entry: dict[str, Any] | Any, field_: str, lang: str) -> str:
    """``entry[field_kk|field_ru]`` (dicts or objects), falling back to the other language."""
    if isinstance(entry, dict):
        other = "kk" if lang == "ru" else "ru"
        return str(entry.get(f"{field_}_{lang}") or entry.get(f"{field_}_{other}") or "")
    return localised(entry, field_, lang)


def field(entry: Any, name: str) -> Any:
    return entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)


def citation_text(kb: Any, lang: str, citation: Any) -> str:
    """ "приказ ... № 384/НҚ, пункт 10, подпункт 4)" for a citation (dict or model)."""
    if not citation:
        return ""
    act = act_name(kb, lang, field(citation, "act_id")) or str(field(citation, "act") or "")
    return ", ".join(p for p in (act, paragraph(lang, citation)) if p)


def paragraph(lang: str, citation: dict[str, Any] | None) -> str:
    """ "пункт 10, подпункт 4)" / "10-тармақ, 4)-тармақша" for a checklist citation."""
    if not citation:
        return ""
    para, sub = field(citation, "paragraph"), field(citation, "subitem")
    try:
        from knowledge.qa.render import paragraph_label

        return paragraph_label(lang, para, sub)
    except ImportError:  # pragma: no cover
        return f"{para}.{sub})" if sub else str(para or "")


def act_name(kb: Any, lang: str, act_id: str | None) -> str:
    """The act a citation belongs to, in the user's language ("приказ ... от ... № ...")."""
    act = getattr(kb, "acts", {}).get(act_id) if act_id else None
    if act is None:
        return ""
    try:
        from knowledge.render import act_label

        return act_label(lang, act)
    except ImportError:  # pragma: no cover
        return str(getattr(act, "title", "") or act_id)


def cap(text: str) -> str:
    """The first letter upper-case (regulation names start lower-case inside lists)."""
    return text[:1].upper() + text[1:] if text else text


def short(text: str, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;") + "…"


def file_label(lang: str, upload: Any, index: int | None = None) -> str:
    """How a stored file is named back to its owner: its own name, else "Photo 2"."""
    if getattr(upload, "original_name", None):
        return short(upload.original_name, 48)
    word = t(lang, texts.PHOTO if upload.kind in ("jpeg", "png") else texts.FILE)
    return f"{word} {index}" if index else word


def file_details(lang: str, upload: Any) -> str:
    kind = (upload.kind or "").upper()
    size_kb = max(1, round((upload.size or 0) / 1024))
    if upload.pages:
        return t(lang, texts.DETAILS_PAGES, kind=kind, pages=upload.pages, size=size_kb)
    return t(lang, texts.DETAILS, kind=kind, size=size_kb)


def day(value: date | datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        from domain.calendar import default_calendar

        value = default_calendar().local_date(value)
    return value.strftime("%d.%m.%Y")


def text_of(msg: Any, lang: str) -> str:
    """A ``Msg`` as text in ``lang`` (parameters that are ``Msg`` too)."""
    if isinstance(msg, str):
        return msg
    if msg.raw:
        return msg.key
    params = {k: text_of(v, lang) if hasattr(v, "raw") else v for k, v in msg.params.items()}
    return t(lang, msg.key, **params)
