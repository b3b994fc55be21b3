"""The documents and applications flows' messages are in ``applications.po``, complete in kk and
ru, with the same placeholders, and actually translated."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
FLOW_PACKAGES = ("dialogs/documents", "dialogs/applications")
KAZAKH = set("әғқңөұүһі")


def flow_msgids() -> set[str]:
    ids: set[str] = set()
    for package in FLOW_PACKAGES:
        for _f, _l, msgid, _c, _ctx in extract_from_dir(
            str(ROOT / package), keywords={"N_": None, "_": None}, comment_tags=()
        ):
            ids.add(msgid)
    return ids


def catalogue(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "applications.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def letters(text: str) -> str:
    return "".join(c for c in re.sub(r"\{\w+\}", "", text) if c.isalpha())


def test_the_flows_are_in_the_applications_domain():
    cfg = (LOCALES / "domains.cfg").read_text(encoding="utf-8")
    line = next(x for x in cfg.splitlines() if x.startswith("applications"))
    assert all(package in line.split() for package in FLOW_PACKAGES)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_flow_message_is_translated(lang):
    cat = catalogue(lang)
    ids = flow_msgids()
    assert len(ids) > 120
    assert sorted(ids - {m.id for m in cat if m.id}) == []
    for msgid in ids:
        text = cat.get(msgid).string
        assert text and not cat.get(msgid).fuzzy, msgid
        assert fields(text) == fields(msgid), (lang, msgid)
        if letters(msgid):
            assert letters(text) != letters(msgid), f"{lang}: English left: {text!r}"
        if lang == "kk" and len(letters(text)) > 25:
            assert set(letters(text)) & KAZAKH, f"kk without Kazakh letters: {text!r}"
        if lang == "ru":
            assert not set(letters(text)) & KAZAKH, f"ru with Kazakh letters: {text!r}"
