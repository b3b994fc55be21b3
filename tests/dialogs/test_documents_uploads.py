"""Uploads in the document check (no Telegram): captions and tapped documents decide the item,
otherwise the bot asks; an album is answered once; refused files each get their own localised
message and nothing already uploaded is lost; single files and whole drafts can be deleted;
drafts survive a restart; nobody touches another applicant's files."""

from __future__ import annotations

import pytest
from documents_harness import World, incoming, pdf, world_fixture  # noqa: F401

from domain.applications.messages import error_message
from domain.documents.errors import DuplicateFile, FileTooLarge, UnsupportedType
from domain.documents.validation import MAX_DOWNLOAD_BYTES
from domain.i18n import t
from tests.domain.document_samples import exe_bytes, jpeg_bytes, png_bytes

DESIGN = "design_licence"
NO = {"originals_presented": "0", "fee_paid_via_gateway": "0", "foreign_applicant": "0"}


async def checklist(a, lang_hint_user=None) -> int:
    """Design licence, legal entity at the centre, every condition answered "no"."""
    await a.press(f"docs:svc:{DESIGN}", anywhere=True)
    draft = a.state["docs"]["draft"]
    await a.press(f"docs:case:{draft}:issue")
    await a.press(f"docs:who:{draft}:legal_entity")
    await a.press(f"docs:ch:{draft}:center")
    while a.step == "docs.cond":
        cid = a.actions[0].split(":")[3]
        await a.press(f"docs:cond:{draft}:{cid}:{NO[cid]}")
    assert a.step == "docs.check"
    return draft


def message(lang: str, err: Exception) -> str:
    msgid, params = error_message(err)
    return t(lang, msgid, **params).split("{")[0][:60]


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_caption_tapped_item_and_album_answered_once(world: World, lang):
    a = world.applicant(user_id=6100 + len(lang), hint=lang)
    draft = await checklist(a)
    missing_before = len([x for x in a.actions if x.startswith("docs:it:")])

    # A caption names the document.
    await a.files(incoming(pdf(1), "ustav.pdf", caption="копия устава"))
    assert t(lang, "Files received: {ok} of {total}.", ok=1, total=1) in a.text
    ups = await world.uploads(draft_id=draft)
    assert [u.item_id for u in ups] == ["charter_copy"]

    # The document the applicant tapped decides it (a photo without a caption).
    await a.press(f"docs:it:{draft}:application")
    await a.press(f"docs:up:{draft}:application")
    assert "20" in a.text
    await a.files(incoming(jpeg_bytes(800, 600), None, kind="photo", unique="ph1"))
    ups = await world.uploads(draft_id=draft)
    assert [u.item_id for u in ups] == ["charter_copy", "application"]

    # An album of three files without captions: ONE answer, then one question per file.
    album = [incoming(pdf(10 + i), f"scan{i}.pdf", group="g1") for i in range(3)]
    await a.files(*album)
    assert len(a.turn.views) == 1
    assert t(lang, "Files received: {ok} of {total}.", ok=3, total=3) in a.text
    targets = [
        "entity_registration_certificate",
        "tax_registration_certificate_copy",
        "information_form",
    ]
    for target in targets:
        assert a.step == "docs.check"
        question = [x for x in a.actions if x.startswith("docs:as:")]
        assert question, a.text
        await a.press(next(x for x in question if x.endswith(":" + target)))
    ups = await world.uploads(draft_id=draft)
    assert [u.item_id for u in ups][2:] == targets
    # The missing list shrank to the fee receipt only.
    assert "docs:as:" not in " ".join(a.actions)
    summary = a.text.split(t(lang, "Still missing: {names}.").split("{")[0])[1]
    assert "📎" in a.text and len(summary.split(";")) == 1
    assert missing_before == 6


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_refused_files_each_say_why_and_nothing_is_lost(world: World, lang):
    a = world.applicant(user_id=6200 + len(lang), hint=lang)
    draft = await checklist(a)
    await a.files(incoming(pdf(1), "ustav.pdf", caption="устав"))

    # Declared larger than Telegram lets a bot download: refused before any byte is fetched.
    big = incoming(pdf(2), "big.pdf", size=MAX_DOWNLOAD_BYTES + 1)
    await a.files(big)
    assert message(lang, FileTooLarge(limit_mb=20)) in a.text
    assert big.opened == []  # never opened

    # An executable renamed .pdf: refused by its content.
    await a.files(incoming(exe_bytes(), "scan.pdf"))
    assert message(lang, UnsupportedType()) in a.text

    # The same file again: refused as a duplicate.
    await a.files(incoming(pdf(1), "ustav-copy.pdf"))
    assert message(lang, DuplicateFile()) in a.text

    # An album mixing a good file and a bad one: the good one is kept.
    await a.files(
        incoming(png_bytes(500, 500), "form.png", caption="форма сведений"),
        incoming(exe_bytes() + b"x", "virus.pdf"),
    )
    assert t(lang, "Files received: {ok} of {total}.", ok=1, total=2) in a.text
    assert t(lang, "Your other files are kept.") in a.text
    ups = await world.uploads(draft_id=draft)
    assert [u.original_name for u in ups] == ["ustav.pdf", "form.png"]
    assert all([await world.storage.exists(u.storage_key) for u in ups])


async def test_delete_one_file_and_the_whole_draft(world: World):
    a = world.applicant(user_id=6300, hint="ru")
    draft = await checklist(a)
    await a.files(
        incoming(pdf(1), "a.pdf", caption="устав"), incoming(pdf(2), "b.pdf", caption="устав")
    )
    first, second = await world.uploads(draft_id=draft)
    await a.press(f"docs:it:{draft}:charter_copy")
    assert f"docs:del:{first.id}" in a.actions and f"docs:del:{second.id}" in a.actions
    await a.press(f"docs:del:{first.id}")
    assert t("ru", "The file has been deleted.") in a.text
    assert [u.id for u in await world.uploads(draft_id=draft)] == [second.id]
    assert await world.storage.exists(first.storage_key)
    await a.press(f"docs:list:{draft}")  # the next event removes the unreferenced file
    assert not await world.storage.exists(first.storage_key)
    assert await world.storage.exists(second.storage_key)

    await a.press(f"docs:drop:{draft}")
    await a.press(f"docs:dropok:{draft}")
    assert t("ru", "The draft has been deleted.") in a.text
    assert await world.drafts(6300) == []
    await a.press("docs:start", anywhere=True)
    assert not await world.storage.exists(second.storage_key)


async def test_draft_with_files_survives_a_restart(world: World):
    a = world.applicant(user_id=6400, hint="kk")
    draft = await checklist(a)
    await a.files(incoming(pdf(1), "ustav.pdf", caption="жарғы"))
    restarted = world.restart()
    b = restarted.applicant(user_id=6400, hint="kk")
    await b.command("start")  # the menu forgets the step, not the draft
    await b.press("docs:start", anywhere=True)
    assert f"docs:open:{draft}" in b.actions
    assert "(файлдар: 1)" in b.labels[f"docs:open:{draft}"]
    await b.press(f"docs:open:{draft}")
    assert "📎1" in b.text
    await b.files(incoming(pdf(2), "form.pdf", caption="мәліметтер нысаны"))
    assert len(await restarted.uploads(draft_id=draft)) == 2


async def test_nobody_touches_another_applicants_draft(world: World):
    owner = world.applicant(user_id=6500, hint="ru")
    draft = await checklist(owner)
    await owner.files(incoming(pdf(1), "ustav.pdf", caption="устав"))
    (upload,) = await world.uploads(draft_id=draft)
    other = world.applicant(user_id=6501, hint="ru")
    for action in (
        f"docs:open:{draft}",
        f"docs:del:{upload.id}",
        f"docs:as:{upload.id}:-",
        f"docs:dropok:{draft}",
        f"docs:send:{draft}",
    ):
        await other.press(action, anywhere=True)
        assert "docs:it:" not in " ".join(other.actions)
    assert len(await world.uploads(draft_id=draft)) == 1
    assert len(await world.drafts(6500)) == 1
    assert (await world.uploads(draft_id=draft))[0].item_id == "charter_copy"


async def test_terminal_file_command_reaches_the_upload(world: World, tmp_path):
    """``/file PATH`` in the terminal chat builds the same event as a Telegram document."""
    from bot.terminal.files import incoming_file

    path = tmp_path / "устав.pdf"
    path.write_bytes(pdf(7))
    a = world.applicant(user_id=6600, hint="ru")
    draft = await checklist(a)
    await a.files(incoming_file(path, "копия устава"))
    (upload,) = await world.uploads(draft_id=draft)
    assert upload.item_id == "charter_copy" and upload.original_name == "устав.pdf"
    assert upload.telegram_file_id is None  # a local path is not a Telegram file id
