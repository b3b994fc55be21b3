"""The ``applications`` catalogues are complete in kk and ru, with the same placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from domain.applications.errors import ApplicationError, TransitionError
from domain.applications.messages import ALL_MESSAGES, error_message
from domain.i18n import LOCALES_DIR, t
from domain.identity import IdentityChecksumError

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def catalog(lang):
    path = Path(LOCALES_DIR) / lang / "LC_MESSAGES" / "applications.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang):
    cat = catalog(lang)
    for msgid in ALL_MESSAGES.values():
        message = cat.get(msgid)
        assert message is not None, f"{lang}: missing {msgid!r}"
        assert message.string, f"{lang}: empty translation of {msgid!r}"
        assert not message.fuzzy
        assert set(PLACEHOLDER.findall(message.string)) == set(PLACEHOLDER.findall(msgid))
    for message in cat:
        if message.id:
            assert message.string and not message.fuzzy, message.id


def test_plural_forms_header():
    assert catalog("kk").plural_forms.startswith("nplurals=2;")
    assert catalog("ru").plural_forms.startswith("nplurals=3;")


def test_runtime_translation_of_an_error():
    msgid, params = error_message(IdentityChecksumError())
    assert "ЖСН" in t("kk", msgid, **params)
    assert "ИИН" in t("ru", msgid, **params)
    conflict = TransitionError(why="conflict", from_status="a", to_status="b")
    assert "только что" in t("ru", *error_message(conflict)[:1])
    assert t("ru", error_message(ApplicationError())[0]) != error_message(ApplicationError())[0]
    with pytest.raises(TypeError):
        error_message(ValueError("not ours"))
