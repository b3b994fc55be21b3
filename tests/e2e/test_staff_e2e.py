"""A staff member through the Bot API emulator: /queue -> /app -> accepted -> needs_documents
-> the applicant uploads -> approved; the applicant receives each notification once, in their
language. The same through the HTTP API with a token; without one or with another client's
token nothing changes.

The applicant's upload after a documents request goes through the applications domain
(``drafts.add_upload(application=...)``), which is what the documents flow calls.
"""

from __future__ import annotations

import json

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.domain.document_samples import chunked, pdf_bytes
from tests.e2e.client import TgUser
from tests.e2e.staff_harness import running_bot, texts_to, wait_for
from tests.staff_support import (
    OTHER_SERVICE,
    SERVICE,
    Holder,
    StaffKB,
    make_application,
    status_of,
)

STAFF = 5001
APPLICANT_KK = 7001
APPLICANT_RU = 7002
STRANGER = 9001

pytestmark = pytest.mark.slow


async def _upload_requested(db, storage, number: str, owner: int, item_id: str) -> None:
    from domain.applications import drafts, queries

    async with db.unit() as s:
        app = await queries.get_by_number(s, number)
        await drafts.add_upload(s, storage, owner_id=owner, application=app, item_id=item_id,
                                chunks=chunked(pdf_bytes(3)), original_name="полис.pdf")


async def test_staff_path_through_telegram(tmp_path):
    async with running_bot(tmp_path, knowledge=Holder(StaffKB()),
                           staff_ids=str(STAFF)) as stack:
        emu, db, storage = stack.emu, stack.db, stack.services.storage
        applicant = TgUser(emu, APPLICANT_KK, language_code="kk")
        other = TgUser(emu, APPLICANT_RU, language_code="ru")
        number = await make_application(db, storage, owner_id=APPLICANT_KK, lang="kk")
        number_ru = await make_application(db, storage, owner_id=APPLICANT_RU, lang="ru",
                                           seed=5)
        staff = TgUser(emu, STAFF, language_code="ru")

        replies = await staff.say("/queue")
        queue = replies[-1]
        assert number in queue.text and number_ru in queue.text
        assert queue.text.index(number) < queue.text.index(number_ru)  # oldest first

        replies = await staff.press(data=f"stf:app:{number}", message=queue)
        card = replies[-1]
        assert "Заявление" in card.text and "Договор страхования" in card.text
        moves = [a for a in card.actions if a.split(":")[1] in ("to", "ref", "nd")]
        assert moves == [f"stf:to:{number}:accepted"]

        # Staff opens an uploaded file: the bot sends it as a document.
        doc_action = next(a for a in card.actions if a.startswith("stf:doc:"))
        replies = await staff.press(data=doc_action, message=card)
        assert any(m.document for m in replies)
        sent = [c for c in emu.calls if c.method.lower() == "senddocument"]
        assert sent and sent[-1].files and next(iter(sent[-1].files.values())).startswith(b"%PDF")

        await staff.press(data=f"stf:to:{number}:accepted", message=card)
        await wait_for(lambda: len(texts_to(emu, APPLICANT_KK)) == 1, what="accepted notice")
        assert await status_of(db, number) == "accepted"

        card = staff.last(with_buttons=True)
        await staff.press(data=f"stf:to:{number}:in_review", message=card)
        card = staff.last(with_buttons=True)
        await staff.press(data=f"stf:nd:{number}", message=card)
        picker = staff.last(with_buttons=True)
        await staff.press(data=f"stf:ndt:{number}:2", message=picker)
        picker = staff.last(with_buttons=True)
        assert "☑️" in " ".join(picker.button_labels)
        await staff.press(data=f"stf:nds:{number}", message=picker)
        assert await status_of(db, number) == "needs_documents"
        await wait_for(lambda: len(texts_to(emu, APPLICANT_KK)) == 3, what="request notice")
        assert "Сақтандыру шарты" in texts_to(emu, APPLICANT_KK)[-1]

        await _upload_requested(db, storage, number, APPLICANT_KK, "insurance_contract")
        replies = await staff.say(f"/app {number}")
        card = replies[-1]
        assert "3." in card.text and len([a for a in card.actions if "stf:doc:" in a]) == 3
        assert "✅ Договор страхования" in card.text  # the requested item has arrived
        await staff.press(data=f"stf:to:{number}:in_review", message=card)
        card = staff.last(with_buttons=True)
        await staff.press(data=f"stf:to:{number}:approved", message=card)
        confirm = staff.last(with_buttons=True)
        await staff.press(data=f"stf:ok:{number}:approved", message=confirm)
        assert await status_of(db, number) == "approved"

        # The Russian-speaking applicant gets Russian.
        await staff.press(data=f"stf:to:{number_ru}:accepted",
                          message=(await staff.say(f"/app {number_ru}"))[-1])
        await wait_for(lambda: len(texts_to(emu, APPLICANT_RU)) == 1, what="ru notice")
        await wait_for(lambda: len(texts_to(emu, APPLICANT_KK)) == 5, what="all kk notices")

        kk = texts_to(emu, APPLICANT_KK)
        assert "қарауға қабылданды" in kk[0]
        assert "қаралуда" in kk[1]
        assert "қосымша құжаттар" in kk[2]
        assert "қаралуда" in kk[3]
        assert "мақұлданды" in kk[4]
        assert all(number in text for text in kk)
        assert all("Шешім" in text for text in kk[:4])  # the due date, while it runs
        assert "принято к рассмотрению" in texts_to(emu, APPLICANT_RU)[0]

        # Nothing more arrives later: each notice was sent exactly once.
        await stack.services.extra["outbox_worker"].run_once()
        assert len(texts_to(emu, APPLICANT_KK)) == 5
        assert len(texts_to(emu, APPLICANT_RU)) == 1
        assert applicant.bot_messages() and other.bot_messages()


async def test_non_staff_and_forged_callbacks_are_refused(tmp_path):
    async with running_bot(tmp_path, knowledge=Holder(StaffKB()),
                           staff_ids=str(STAFF)) as stack:
        emu, db = stack.emu, stack.db
        number = await make_application(db, stack.services.storage, owner_id=APPLICANT_KK)
        stranger = TgUser(emu, STRANGER, language_code="ru")
        replies = await stranger.say("/queue")
        assert "только сотрудникам" in replies[-1].text and number not in replies[-1].text
        fake = replies[-1]
        cursor = stranger.cursor()
        update = stranger.press_update(fake, f"stf:to:{number}:accepted")
        await stranger.replies(cursor, query_id=update["callback_query"]["id"])
        answer = emu.callback_answers[update["callback_query"]["id"]]
        assert "только сотрудникам" in (answer.get("text") or "")
        assert await status_of(db, number) == "submitted"
        assert texts_to(emu, APPLICANT_KK) == []


async def test_same_path_through_the_http_api(tmp_path):
    from bot.api import create_api_app
    from domain.applications import tokens

    async with running_bot(tmp_path, knowledge=Holder(StaffKB())) as stack:
        emu, db = stack.emu, stack.db
        TgUser(emu, APPLICANT_KK, language_code="kk")
        number = await make_application(db, stack.services.storage, owner_id=APPLICANT_KK,
                                        lang="kk")
        async with db.unit() as s:
            _, token = await tokens.create_token(s, "tourism", scope=[SERVICE])
            _, foreign = await tokens.create_token(s, "pharmacy", scope=[OTHER_SERVICE])
        server = TestServer(create_api_app(stack.services), host="127.0.0.1")
        await server.start_server()
        url = server.make_url(f"/api/v1/applications/{number}/status")
        try:
            async with aiohttp.ClientSession() as http:
                async def post(body, bearer=None):
                    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
                    async with http.post(url, data=json.dumps(body), headers=headers) as r:
                        return r.status, await r.json()

                assert (await post({"status": "accepted"}))[0] == 401
                code, data = await post({"status": "accepted"}, foreign)
                assert (code, data["error"]["code"]) == (403, "forbidden_scope")
                assert await status_of(db, number) == "submitted"
                for body in ({"status": "accepted"}, {"status": "in_review"},
                             {"status": "needs_documents", "items": ["insurance_contract"]}):
                    assert (await post(body, token))[0] == 200
                await _upload_requested(db, stack.services.storage, number, APPLICANT_KK,
                                        "insurance_contract")
                for body in ({"status": "in_review"}, {"status": "approved"}):
                    assert (await post(body, token))[0] == 200
        finally:
            await server.close()
        await wait_for(lambda: len(texts_to(emu, APPLICANT_KK)) == 5, what="API notices")
        kk = texts_to(emu, APPLICANT_KK)
        assert "қарауға қабылданды" in kk[0] and "мақұлданды" in kk[-1]
        assert "Сақтандыру шарты" in kk[2]
