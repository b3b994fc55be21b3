"""The ``operators`` gettext catalogue is complete and consistent in kk and ru."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from domain.i18n import reset_cache, t

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def source_msgids() -> set[str]:
    line = next(
        line
        for line in (LOCALES / "domains.cfg").read_text(encoding="utf-8").splitlines()
        if line.split("=")[0].strip() == "operators"
    )
    ids: set[str] = set()
    for rel in line.partition("=")[2].split():
        found = extract_from_dir(str(ROOT / rel), keywords={"N_": None, "_": None})
        ids |= {m[2] for m in found if isinstance(m[2], str)}
    return ids


def catalogue(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "operators.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_sources_have_messages():
    ids = source_msgids()
    assert (
        len(ids) > 60 and "Only operators can answer applicants. Your message was not sent." in ids
    )


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_every_message_is_translated_with_the_same_placeholders(lang):
    cat = catalogue(lang)
    header = dict(cat.mime_headers)
    assert header["Plural-Forms"] == PLURAL_FORMS[lang]
    assert "charset=utf-8" in header["Content-Type"].lower()
    missing = sorted(source_msgids() - {m.id for m in cat if m.id})
    assert missing == [], f"{lang}/operators.po lacks {missing}"
    for message in cat:
        if not message.id:
            continue
        assert not message.fuzzy and message.string, message.id
        assert fields(message.string) == fields(message.id), message.id
        assert message.string != message.id, f"{lang}: {message.id!r} left in English"


def test_kazakh_and_russian_use_their_own_letters():
    kazakh = set("әғқңөұүһі")
    kk = [m.string for m in catalogue("kk") if m.id]
    ru = [m.string for m in catalogue("ru") if m.id]
    assert sum(any(c in kazakh for c in s) for s in kk) > len(kk) // 2
    assert not [s for s in ru if any(c in kazakh for c in s)]


def test_runtime_translation_uses_the_catalogue():
    reset_cache()
    assert t("kk", "✅ Close the ticket") == "✅ Сұранысты жабу"
    assert t("ru", "Sent to the operator (ticket No. {number}).", number=7) == (
        "Отправлено оператору (обращение № 7)."
    )
