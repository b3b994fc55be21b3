"""The ``bot`` gettext domain (what the Telegram transport itself says) is complete in kk and ru,
with the same placeholders as the English msgid, and every domain in locales/domains.cfg has
catalogues in both languages."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"


def _domains() -> dict[str, list[str]]:
    domains = {}
    for line in (LOCALES / "domains.cfg").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            name, _, paths = line.partition("=")
            domains[name.strip()] = paths.split()
    return domains


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _msgids(paths: list[str]) -> set[str]:
    ids: set[str] = set()
    for rel in paths:
        path = ROOT / rel
        if path.is_file():
            found = extract_from_file("python", str(path), keywords={"N_": None, "_": None})
            ids |= {m[1] for m in found if isinstance(m[1], str)}
    return ids


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_bot_domain_is_translated(lang):
    paths = _domains()["bot"]
    ids = _msgids(paths)
    assert len(ids) >= 6
    with (LOCALES / lang / "LC_MESSAGES" / "bot.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    assert catalog.num_plurals == (2 if lang == "kk" else 3)
    known = {m.id: m for m in catalog if m.id}
    assert sorted(ids - set(known)) == []
    for msgid, message in known.items():
        assert message.string and not message.fuzzy, msgid
        assert _fields(message.string) == _fields(msgid), (lang, msgid)
        assert message.string != msgid


def test_every_domain_has_both_catalogues():
    missing = [
        f"{lang}/{domain}.po"
        for domain in _domains()
        for lang in ("kk", "ru")
        if not (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").exists()
    ]
    assert missing == []
