"""gettext catalogues for every layer (knowledge answers, dialogs, transports).

Catalogues live in ``locales/<lang>/LC_MESSAGES/<domain>.po``; one gettext domain per area of the
code (``core``, ``knowledge``, ``applications``, ``staff``, ``operators``, ``terminal``), each
extracted with Babel from its own paths (see ``locales/domains.cfg`` and the README). At run time
all domains of a language are chained into one translator. A ``.mo`` that is missing or older than
its ``.po`` is compiled on the fly with Babel, so a fresh checkout works without a build step.
"""

from __future__ import annotations

import gettext
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("kk", "ru")
DEFAULT_LANG = "kk"

_lock = threading.Lock()


def _compile_if_needed(po: Path) -> Path:
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return mo
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with _lock:
        with po.open("rb") as fh:
            catalog = read_po(fh)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        tmp.replace(mo)
    return mo


@lru_cache(maxsize=8)
def translator(lang: str) -> gettext.NullTranslations:
    """All domains of ``lang`` chained; unknown msgids fall through to the msgid itself."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    chain: gettext.NullTranslations = gettext.NullTranslations()
    first: gettext.NullTranslations | None = None
    directory = LOCALES_DIR / lang / "LC_MESSAGES"
    for po in sorted(directory.glob("*.po")):
        with _compile_if_needed(po).open("rb") as fh:
            t = gettext.GNUTranslations(fh)
        if first is None:
            first = t
        else:
            first.add_fallback(t)
    if first is None:
        return chain
    return first


def reset_cache() -> None:
    translator.cache_clear()


def t(lang: str, msgid: str, /, **params: Any) -> str:
    """Translate ``msgid`` into ``lang`` and fill its named placeholders."""
    text = translator(lang).gettext(msgid)
    return text.format(**params) if params else text


def tn(lang: str, singular: str, plural: str, n: int, /, **params: Any) -> str:
    text = translator(lang).ngettext(singular, plural, n)
    return text.format(n=n, **params)


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it now."""
    return msgid


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (one catalogue entry with plural forms); use with tn."""
    return singular, plural


# Babel's extractor looks for these names; flows build Msg objects with them.
_ = N_
