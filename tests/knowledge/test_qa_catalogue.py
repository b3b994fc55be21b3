"""Every message of knowledge/qa is translated in both catalogues, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"t": (2,), "tn": (2, 3), "N_": None}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _msgids() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "knowledge" / "qa"), keywords=KEYWORDS
    ):
        for m in message if isinstance(message, tuple) else (message,):
            if m:
                found.add(m)
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_qa_messages_are_translated(lang):
    path = ROOT / "locales" / lang / "LC_MESSAGES" / "knowledge.po"
    catalog = read_po(path.open("rb"))
    translations: dict[str, tuple[str, ...]] = {}
    for msg in catalog:
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        assert not msg.fuzzy, msg.id
        for mid in ids:
            translations[mid] = strings
    for msgid in _msgids():
        assert msgid in translations, f"{lang}: missing {msgid!r}"
        for text in translations[msgid]:
            assert text, f"{lang}: empty translation of {msgid!r}"
            assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(msgid)), (
                lang, msgid, text)
