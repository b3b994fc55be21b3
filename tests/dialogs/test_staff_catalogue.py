"""The ``staff`` gettext catalogue (staff dialogs, deadline report, applicants' status
notifications) is complete in kk and ru, with the same placeholders and real plural forms."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from domain.i18n import reset_cache, t, tn

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
KEYWORDS = {"N_": None, "_": None, "Msg": None, "NP_": (1, 2), "tn": (2, 3)}
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def staff_paths() -> list[Path]:
    for line in (LOCALES / "domains.cfg").read_text(encoding="utf-8").splitlines():
        name, _, paths = line.partition("=")
        if not line.startswith("#") and name.strip() == "staff":
            return [ROOT / p for p in paths.split()]
    raise AssertionError("domain staff missing from locales/domains.cfg")


def source_ids() -> set:
    ids: set = set()
    for path in staff_paths():
        if path.is_dir():
            for _file, _line, msgid, _comments, _ctx in extract_from_dir(
                str(path), keywords=KEYWORDS, comment_tags=()
            ):
                ids.add(msgid)
    return ids


def catalogue(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "staff.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def letters(text: str) -> str:
    return "".join(c for c in re.sub(r"\{\w+\}", "", text) if c.isalpha())


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_staff_catalogue_is_complete(lang):
    cat = catalogue(lang)
    header = dict(cat.mime_headers)
    assert header["Plural-Forms"] == PLURAL_FORMS[lang]
    assert "charset=utf-8" in header["Content-Type"].lower()
    ids = source_ids()
    assert len(ids) > 80
    present = {m.id for m in cat if m.id}
    assert sorted(map(str, ids - present)) == []
    for message in cat:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        msgids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (1 if len(msgids) == 1 else (2 if lang == "kk" else 3))
        for text in strings:
            assert text, f"empty translation of {message.id!r}"
            assert fields(text) == fields(msgids[0]), (lang, text)
            if letters(msgids[0]):
                assert letters(text) != letters(msgids[0]), f"{lang}: English left: {text!r}"
            if lang == "kk" and len(letters(text)) > 25:
                assert set(letters(text)) & set("әғқңөұүһі"), f"kk without Kazakh letters: {text}"
            if lang == "ru" and letters(text):
                assert not set(letters(text)) & set("әғқңөұүһі"), f"ru with Kazakh: {text}"


def test_russian_plural_forms_of_deadlines():
    reset_cache()
    one = "Statutory deadline: {due_date} ({n} working day)."
    many = "Statutory deadline: {due_date} ({n} working days)."
    assert tn("ru", one, many, 1, due_date="x").endswith("(1 рабочий день).")
    assert tn("ru", one, many, 3, due_date="x").endswith("(3 рабочих дня).")
    assert tn("ru", one, many, 15, due_date="x").endswith("(15 рабочих дней).")
    assert tn("kk", one, many, 15, due_date="x").endswith("(15 жұмыс күні).")
    assert t("kk", "Refused") != t("ru", "Refused") != "Refused"
