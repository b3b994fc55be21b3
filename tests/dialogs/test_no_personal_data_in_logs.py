"""Personal data never reaches the logs: an applicant submits documents with an IIN, a name and a
phone (typed and shared), uploads a named file, asks a question and writes to an operator with
the same details in the text, with the entry points' logging set-up at DEBUG."""

from __future__ import annotations

import logging
import re

import pytest
from documents_harness import (
    World,
    incoming,
    pdf,
    world,  # noqa: F401
)

from dialogs.registry import build_dialogs
from domain.identity import mask_identity, parse_iin
from domain.logs import (
    DATA_LOGGERS,
    LevelFloor,
    RedactingFilter,
    configure_logging,
    quiet_data_loggers,
    redact,
)

IIN = "990101300122"
NAME = "Серікова Айгүл Маратқызы"
PHONE_TYPED = "8 701 123 45 67"
PHONE = "+77011234567"
FILE_NAME = "Serikova_udostoverenie.pdf"
QUESTION = f"Меня зовут {NAME}, ИИН {IIN}, телефон {PHONE_TYPED}. Сколько дней ждать лицензию?"
DESIGN = "design_licence"


def secrets() -> list[str]:
    digits = re.sub(r"\D", "", PHONE)
    return [IIN, NAME, "Серікова", "Айгүл", PHONE, digits, digits[1:], PHONE_TYPED, FILE_NAME,
            "Serikova", "Сколько дней ждать"]


def leaks(records: list[logging.LogRecord]) -> list[str]:
    found = []
    for record in records:
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        text += " " + repr(getattr(record, "args", ""))
        for secret in secrets():
            if secret in text:
                found.append(f"{record.name}:{record.lineno}: {secret!r} in {text[:200]!r}")
    return found


def undo_configuration() -> None:
    for name in DATA_LOGGERS:
        logger = logging.getLogger(name)
        for f in [f for f in logger.filters if isinstance(f, LevelFloor)]:
            logger.removeFilter(f)
    for handler in logging.getLogger().handlers:
        for f in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(f)


def test_the_test_data_is_valid() -> None:
    assert str(parse_iin(IIN)) != IIN  # its repr is masked
    assert mask_identity(IIN) != IIN and IIN[:4] in mask_identity(IIN)


@pytest.mark.parametrize("lang", ["ru"])
async def test_no_personal_data_in_debug_logs(world: World, lang: str, caplog) -> None:  # noqa: F811
    caplog.set_level(logging.DEBUG)
    # The entry points' set-up minus the redacting filter: our own code must not need it.
    quiet_data_loggers()
    try:
        await _scenario(world, lang)
    finally:
        undo_configuration()
    assert any(r.name.startswith(("dialogs", "domain", "bot")) for r in caplog.records)
    assert not leaks(caplog.records), "\n".join(leaks(caplog.records))


async def _scenario(world: World, lang: str) -> None:  # noqa: F811
    world.dialogs = build_dialogs(world.services)  # every feature: questions, operators too
    a = world.applicant(user_id=7300, hint=lang)
    await a.command("start")
    await a.press(f"docs:svc:{DESIGN}", anywhere=True)
    draft = a.state["docs"]["draft"]
    await a.press(f"docs:case:{draft}:reregister")
    await a.press(f"docs:rsn:{draft}:entity_name_address")
    await a.press(f"docs:who:{draft}:individual_entrepreneur")
    await a.press(f"docs:ch:{draft}:center")
    while a.step == "docs.cond":
        await a.press(next(x for x in a.actions if x.endswith(":0")))
    await a.files(incoming(pdf(7), FILE_NAME, caption=f"заявление {NAME}"))
    await a.send(QUESTION)  # free text in the check: matched against the documents
    await a.press(f"docs:submit:{draft}")
    await a.press(f"docs:gap:{draft}")
    await a.send(IIN)
    await a.send(NAME)
    await a.send(PHONE_TYPED)
    assert PHONE in a.text  # the details did reach the dialog
    await a.press(f"docs:send:{draft}")
    assert re.search(r"LIC-\d{4}-\d{6}", a.text), a.text

    await a.command("ask")
    await a.send(QUESTION)
    await a.command("operator")
    await a.send(QUESTION)
    await a.contact(PHONE)


def test_redaction_masks_identity_numbers_and_phones() -> None:
    text = redact(f"iin={IIN} phone={PHONE} typed={PHONE_TYPED} other=8 701 000-00-00 id=42")
    assert IIN not in text and mask_identity(IIN) in text
    assert PHONE not in text and PHONE_TYPED not in text and "000-00-00" not in text
    assert text.endswith("id=42")


def test_configure_logging_installs_the_safety_nets(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    configure_logging("DEBUG")
    try:
        assert all(
            any(isinstance(f, LevelFloor) for f in logging.getLogger(name).filters)
            for name in DATA_LOGGERS
        )
        logging.getLogger("aiosqlite").debug("executing %r", (IIN, NAME))
        logging.getLogger("domain.test").warning("identity %s, phone %s", IIN, PHONE)
    finally:
        undo_configuration()
    messages = [r.getMessage() for r in caplog.records]
    assert not any(NAME in m for m in messages)
    assert any(mask_identity(IIN) in m for m in messages)
    assert not leaks(caplog.records)
