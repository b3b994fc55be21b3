"""Turn flows' ``Msg`` objects into text in the user's language (no aiogram import).

aiogram's own ``I18n`` middleware serves one gettext domain; the project chains one domain per
area (``domain.i18n``), so translation goes through ``domain.i18n`` and the language comes from the
user's stored choice (or Telegram's ``language_code`` until they choose).
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.core import Msg
from domain.i18n import DEFAULT_LANG, LANGUAGES, t, tn, translator

log = logging.getLogger(__name__)


def language_from_hint(language_code: str | None) -> str:
    """Preselect kk/ru from Telegram's ``language_code`` (e.g. "ru-RU", "kk")."""
    code = (language_code or "").lower()
    if code.startswith("ru"):
        return "ru"
    if code.startswith("kk"):
        return "kk"
    return DEFAULT_LANG


def resolve_lang(lang: str | None, hint: str | None = None) -> str:
    return lang if lang in LANGUAGES else language_from_hint(hint)


def _param(value: Any, lang: str) -> Any:
    return translate(value, lang) if isinstance(value, Msg) else value


def translate(msg: Msg | str, lang: str) -> str:
    """The text of ``msg`` in ``lang``; parameters that are ``Msg`` are translated too."""
    if isinstance(msg, str):
        return msg
    if msg.raw:
        return msg.key
    params = {k: _param(v, lang) for k, v in msg.params.items()}
    try:
        if msg.plural is not None and msg.n is not None:
            params.pop("n", None)
            return tn(lang, msg.key, msg.plural, msg.n, **params)
        return t(lang, msg.key, **params)
    except (KeyError, IndexError, ValueError):
        # Placeholders that do not match: show what can be filled rather than failing the
        # whole update (tests check the catalogues for such errors).
        log.error("placeholders do not match in %r (%s)", msg.key, lang)
        if msg.plural is not None and msg.n is not None:
            text = translator(lang).ngettext(msg.key, msg.plural, msg.n)
            params.setdefault("n", msg.n)
        else:
            text = translator(lang).gettext(msg.key)
        try:
            return text.format_map(_Lenient(params))
        except (IndexError, ValueError):
            return text


class _Lenient(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
