"""The document check, uploads and submission through Telegram: the real dispatcher and adapter
talk HTTP to the Bot API emulator, with the real knowledge base and SQLite.

A full check -> a PDF, a photo and a 3-file album (answered once) -> the missing list shrinks ->
submit -> receipt, in both languages; an over-size file (refused before download), an .exe
renamed .pdf and a duplicate are refused while the draft keeps its files; a restart between two
uploads loses nothing.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from domain.applications.messages import error_message
from domain.documents.errors import DuplicateFile, FileTooLarge, UnsupportedType
from domain.i18n import t
from domain.identity import check_digit
from tests.domain.document_samples import exe_bytes, jpeg_bytes
from tests.e2e.client import TgUser
from tests.e2e.harness import running_bot

pytestmark = pytest.mark.slow

SERVICE = "design_licence"
BIN = "08094000001" + str(check_digit("08094000001"))
ANSWERS = {"originals_presented": "1", "fee_paid_via_gateway": "0", "foreign_applicant": "0"}
PDF_MIME = "application/pdf"


def pdf(seed: int) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"e2e {seed}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def missing_count(message) -> int:
    return sum(1 for label in message.button_labels if label.startswith("⬜"))


def err(lang: str, error: Exception) -> str:
    msgid, params = error_message(error)
    return t(lang, msgid, **params)[:50]


async def to_checklist(user: TgUser, lang: str):
    await user.say("/start")
    await user.press(data=f"lang:set:{lang}")
    menu = user.last(with_buttons=True)
    assert "docs:start" in menu.actions and "apps:list" in menu.actions
    await user.press(data="docs:start")
    await user.press(data=f"docs:svc:{SERVICE}")
    draft = user.last(with_buttons=True).actions[0].split(":")[2]
    await user.press(data=f"docs:case:{draft}:issue")
    await user.press(data=f"docs:who:{draft}:legal_entity")
    await user.press(data=f"docs:ch:{draft}:center")
    while (last := user.last(with_buttons=True)).actions[0].startswith("docs:cond:"):
        cid = last.actions[0].split(":")[3]
        await user.press(data=f"docs:cond:{draft}:{cid}:{ANSWERS[cid]}")
    checklist = user.last(with_buttons=True)
    assert any(a.startswith(f"docs:it:{draft}:") for a in checklist.actions), checklist.text
    return draft, checklist


async def send_and_wait(user: TgUser, send) -> list:
    cursor = user.cursor()
    send()
    return await user.replies(cursor)


async def uploads(app, draft: int | None = None, application_id: int | None = None) -> list:
    from domain.applications.drafts import list_uploads

    db = app.services.extra["db"]
    async with db.sessionmaker() as s:
        if draft is not None:
            return await list_uploads(s, draft_id=draft)
        return await list_uploads(s, application_id=application_id)


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_check_upload_album_submit_receipt(settings, emulator, kb_holder, lang):
    async with running_bot(settings, emulator, knowledge=kb_holder) as app:
        user = TgUser(emulator, 7700 + len(lang), language_code=lang)
        draft, checklist = await to_checklist(user, lang)
        assert missing_count(checklist) == 6

        # A PDF document whose caption names the document.
        replies = await send_and_wait(
            user,
            lambda: user.send_document(
                pdf(1), "ustav.pdf", PDF_MIME, caption="жарғы" if lang == "kk" else "устав"
            ),
        )
        assert t(lang, "Files received: {ok} of {total}.", ok=1, total=1) in replies[-1].text
        assert missing_count(replies[-1]) == 5

        # A photo for the document the applicant tapped.
        await user.press(data=f"docs:it:{draft}:application")
        await user.press(data=f"docs:up:{draft}:application")
        replies = await send_and_wait(user, lambda: user.send_photo(jpeg_bytes(1024, 768)))
        assert missing_count(replies[-1]) == 4

        # A 3-file album without captions: answered with ONE message, then asked per file.
        replies = await send_and_wait(
            user,
            lambda: user.send_album([(pdf(10 + i), f"scan{i}.pdf", PDF_MIME) for i in range(3)]),
        )
        assert len(replies) == 1
        assert t(lang, "Files received: {ok} of {total}.", ok=3, total=3) in replies[0].text
        for target in (
            "entity_registration_certificate",
            "tax_registration_certificate_copy",
            "information_form",
        ):
            question = user.last(with_buttons=True)
            await user.press(
                data=next(
                    a for a in question.actions if a.startswith("docs:as:") and a.endswith(target)
                )
            )
        checklist = user.last(with_buttons=True)
        assert missing_count(checklist) == 1  # only the fee receipt

        replies = await user.say("квитанция об оплате лицензионного сбора")
        assert (
            t(lang, "✅ The set is complete: every required document is there.")
            in replies[-1].text
        )
        files = await uploads(app, draft=int(draft))
        assert [u.kind for u in files] == ["pdf", "jpeg", "pdf", "pdf", "pdf"]

        # Submission: BIN, name, the phone by the contact button, confirmation, receipt.
        await user.press(data=f"docs:submit:{draft}")
        await user.say(BIN)
        replies = await user.say("ТОО «Жоба»")
        assert replies[-1].reply_keyboard and replies[-1].reply_keyboard[0][0].get(
            "request_contact"
        )
        replies = await send_and_wait(user, lambda: user.send_contact("+77011234567"))
        assert BIN[:4] in replies[-1].text and BIN not in replies[-1].text
        replies = await user.press(data=f"docs:send:{draft}")
        receipt = replies[-1].text
        number = re.search(r"LIC-\d{4}-\d{6}", receipt).group(0)
        assert (
            t(lang, "Your application has been submitted. Number: {number}.", number=number)
            in receipt
        )
        assert "ustav.pdf" in receipt and "scan2.pdf" in receipt
        assert t(lang, "Documents received:") in receipt
        assert "384/НҚ" in receipt  # the deadline is the standard's: cited
        for english in ("Files received", "Which document", "Statutory deadline", "Submit"):
            assert all(english not in m.text for m in user.bot_messages())

        from domain.applications.models import Application

        async with app.services.extra["db"].sessionmaker() as s:
            application = (
                await s.scalars(sa.select(Application).where(Application.number == number))
            ).one()
        assert application.owner_id == user.id and application.status == "submitted"
        assert len(await uploads(app, application_id=application.id)) == 5


async def test_refusals_keep_the_draft_and_a_restart_loses_nothing(settings, emulator, kb_holder):
    lang = "ru"
    user = TgUser(emulator, 7801, language_code=lang)
    async with running_bot(settings, emulator, knowledge=kb_holder) as app:
        draft, _ = await to_checklist(user, lang)
        replies = await send_and_wait(
            user, lambda: user.send_document(pdf(1), "ustav.pdf", PDF_MIME, caption="устав")
        )
        assert missing_count(replies[-1]) == 5

        # Declared over 20 MB: refused before any download (no getFile for it).
        message = user.document_message(pdf(2), "big.pdf", PDF_MIME, size=25 * 1024 * 1024)
        big_id = message["document"]["file_id"]
        replies = await send_and_wait(user, lambda: emulator.inject({"message": message}))
        assert err(lang, FileTooLarge(limit_mb=20)) in replies[-1].text
        assert not [
            c
            for c in emulator.calls
            if c.method.lower() == "getfile" and c.params.get("file_id") == big_id
        ]

        # An executable renamed .pdf.
        replies = await send_and_wait(
            user, lambda: user.send_document(exe_bytes(), "scan.pdf", PDF_MIME)
        )
        assert err(lang, UnsupportedType()) in replies[-1].text

        # The same file again.
        replies = await send_and_wait(
            user, lambda: user.send_document(pdf(1), "ustav-again.pdf", PDF_MIME, caption="устав")
        )
        assert err(lang, DuplicateFile()) in replies[-1].text
        kept = await uploads(app, draft=int(draft))
        assert [u.original_name for u in kept] == ["ustav.pdf"]

    # A restart between two uploads: the draft, its file and the dialog are all there.
    async with running_bot(settings, emulator, knowledge=kb_holder) as app:
        replies = await send_and_wait(
            user,
            lambda: user.send_document(pdf(3), "forma.pdf", PDF_MIME, caption="форма сведений"),
        )
        assert missing_count(replies[-1]) == 4
        kept = await uploads(app, draft=int(draft))
        assert [(u.original_name, u.item_id) for u in kept] == [
            ("ustav.pdf", "charter_copy"),
            ("forma.pdf", "information_form"),
        ]
        storage = app.services.storage
        assert all([await storage.exists(u.storage_key) for u in kept])
        replies = await user.say("/my")
        assert f"docs:open:{draft}" in replies[-1].actions
