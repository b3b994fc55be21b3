"""Drafts, uploads, submission, status changes, queries and tokens on SQLite and PostgreSQL."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from domain.applications import drafts, queries, status, submit, tokens
from domain.applications.errors import (
    ApplicationNotFound,
    DraftClosed,
    DraftIncomplete,
    InvalidDetails,
    ItemsRequired,
    NotOwner,
    ReasonRequired,
    TokenNameTaken,
    TransitionError,
    UploadLocked,
    UploadsNotRequested,
)
from domain.applications.messages import error_message
from domain.applications.models import (
    AppendOnlyError,
    Application,
    Outbox,
    StatusEvent,
    Upload,
)
from domain.applications.status import Actor
from domain.documents import LocalFileStorage
from domain.documents.errors import DuplicateFile, FileTooLarge, UnsupportedType
from domain.identity import IdentityChecksumError
from tests.domain.document_samples import chunked, exe_bytes, pdf_bytes, png_bytes

OWNER, OTHER, STAFF = 1001, 2002, 9009
IIN = "950702400009"  # valid only with the second weight set
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday 11:00 in Almaty


@dataclass
class Deadline:
    value: int | None
    unit: str | None
    citation: str | None = "Rules, para. 9"


@pytest.fixture
def storage(tmp_path):
    return LocalFileStorage(tmp_path / "files")


async def never_called():
    raise AssertionError("the download must not start")
    yield b""  # pragma: no cover


async def make_draft_with_files(app_db, storage):
    async with app_db.unit() as s:
        draft = await drafts.create_draft(
            s,
            owner_id=OWNER,
            service_id="tour_operator",
            case_id="issue",
            applicant_type="legal_entity",
            channel="portal",
            now=NOW,
        )
        await drafts.add_upload(
            s,
            storage,
            owner_id=OWNER,
            draft=draft,
            item_id="application_form",
            chunks=chunked(pdf_bytes()),
            declared_size=None,
            telegram_file_id="F1",
            telegram_unique_id="U1",
            original_name="../../etc/passwd.pdf",
            now=NOW,
        )
        await drafts.add_upload(
            s,
            storage,
            owner_id=OWNER,
            draft=draft,
            item_id="charter",
            chunks=chunked(png_bytes()),
            telegram_unique_id="U2",
            now=NOW,
        )
        await drafts.tick_items(s, draft, ["fee_receipt"], now=NOW)
        return draft.id


async def submit_app(
    app_db, storage, *, known_gap=True, missing=("insurance",), owner=OWNER, now=NOW
):
    draft_id = await make_draft_with_files(app_db, storage) if owner == OWNER else None
    async with app_db.unit() as s:
        if draft_id is None:
            draft = await drafts.create_draft(s, owner_id=owner, service_id="tour_operator")
        else:
            draft = await drafts.get_draft(s, draft_id, owner_id=owner)
        app = await submit.submit_draft(
            s,
            draft,
            owner_id=owner,
            identity=IIN,
            name="  Айгүл   Серікқызы ",
            phone="8 (701) 123-45-67",
            chat_id=owner,
            lang="ru",
            service_title={"kk": "Туроператор", "ru": "Туроператорская деятельность"},
            deadline=Deadline(15, "working_days"),
            missing=list(missing),
            known_gap=known_gap,
            now=now,
        )
        return app.number


# ---------------------------------------------------------------------------------- drafts
async def test_draft_uploads_persist_and_validate(app_db, storage):
    draft_id = await make_draft_with_files(app_db, storage)
    # A "restart": a fresh session sees the draft with its uploads and ticks.
    async with app_db.unit() as s:
        draft = await drafts.get_draft(s, draft_id, owner_id=OWNER)
        uploads = await drafts.list_uploads(s, draft_id=draft_id)
        assert [u.item_id for u in uploads] == ["application_form", "charter"]
        assert [u.kind for u in uploads] == ["pdf", "png"]
        assert drafts.present_items(draft, uploads) == [
            "fee_receipt",
            "application_form",
            "charter",
        ]
        assert "passwd" not in repr(uploads[0])
        assert storage.local_path(uploads[0].storage_key).name == uploads[0].sha256
        assert (await drafts.find_open_draft(s, OWNER, "tour_operator")).id == draft_id
        assert await drafts.find_open_draft(s, OTHER, "tour_operator") is None
        # refusals keep the other files
        with pytest.raises(DuplicateFile) as dup:
            await drafts.add_upload(
                s, storage, owner_id=OWNER, draft=draft, chunks=chunked(pdf_bytes()), item_id="x"
            )
        assert dup.value.params["item_id"] == "application_form"
        with pytest.raises(DuplicateFile):  # same Telegram file: refused before downloading
            await drafts.add_upload(
                s,
                storage,
                owner_id=OWNER,
                draft=draft,
                chunks=never_called(),
                telegram_unique_id="U2",
            )
        with pytest.raises(FileTooLarge):  # declared size: refused before downloading
            await drafts.add_upload(
                s,
                storage,
                owner_id=OWNER,
                draft=draft,
                chunks=never_called(),
                declared_size=21 * 1024 * 1024,
            )
        with pytest.raises(UnsupportedType):
            await drafts.add_upload(
                s,
                storage,
                owner_id=OWNER,
                draft=draft,
                chunks=chunked(exe_bytes()),
                original_name="scan.pdf",
            )
    async with app_db.unit() as s:
        assert len(await drafts.list_uploads(s, draft_id=draft_id)) == 2


async def test_draft_owner_isolation_and_removal(app_db, storage):
    draft_id = await make_draft_with_files(app_db, storage)
    async with app_db.unit() as s:
        with pytest.raises(drafts.DraftNotFound):
            await drafts.get_draft(s, draft_id, owner_id=OTHER)
        uploads = await drafts.list_uploads(s, draft_id=draft_id)
        with pytest.raises(drafts.UploadNotFound):
            await drafts.remove_upload(s, uploads[0].id, owner_id=OTHER)
        removed = await drafts.remove_upload(s, uploads[0].id, owner_id=OWNER)
        await drafts.assign_item(s, uploads[1].id, "charter_copy", owner_id=OWNER)
    async with app_db.unit() as s:
        left = await drafts.list_uploads(s, draft_id=draft_id)
        assert [(u.id, u.item_id) for u in left] == [(uploads[1].id, "charter_copy")]
        assert await drafts.collect_orphans(s, storage, [removed.storage_key]) == 1
        assert await drafts.collect_orphans(s, storage, [left[0].storage_key]) == 0
    assert storage.local_path(removed.storage_key) is None
    async with app_db.unit() as s:
        draft = await drafts.get_draft(s, draft_id, owner_id=OWNER)
        await drafts.update_draft(
            s, draft, channel="state_corporation", situation={"fee_paid_online": True}
        )
        await drafts.tick_items(s, draft, ["fee_receipt"], ticked=False)
    async with app_db.unit() as s:
        draft = await drafts.get_draft(s, draft_id, owner_id=OWNER)
        assert (draft.channel, draft.situation, draft.ticked) == (
            "state_corporation",
            {"fee_paid_online": True},
            [],
        )
        await drafts.delete_draft(s, draft)
    async with app_db.unit() as s:
        assert await drafts.open_drafts(s, OWNER) == []
        assert await s.scalar(sa.select(sa.func.count()).select_from(Upload)) == 0


# ---------------------------------------------------------------------------------- submission
async def test_submission_creates_numbered_application(app_db, storage):
    with pytest.raises(DraftIncomplete):
        await submit_app(app_db, storage, known_gap=False)
    number = await submit_app(app_db, storage)
    assert number == "LIC-2026-000001"
    async with app_db.unit() as s:
        app = await queries.get_application(s, "lic 2026 1", owner_id=OWNER)
        assert app.status == "submitted"
        assert app.phone == "+77011234567"
        assert app.name == "Айгүл Серікқызы"
        assert app.identity_kind == "iin" and IIN not in repr(app)
        # 15 working days from Mon 2 Mar 2026 (8 March and Nauryz on the way): 27 March.
        assert app.due_date == date(2026, 3, 27)
        assert app.known_gap and app.missing_items == [{"id": "insurance"}]
        events = await queries.history(s, app.id)
        assert [(e.from_status, e.to_status, e.actor) for e in events] == [
            (None, "submitted", f"applicant:{OWNER}")
        ]
        receipt = await submit.receipt(s, app)
        assert receipt["number"] == number
        assert receipt["due_date"] == "2026-03-27"
        assert [d["item_id"] for d in receipt["documents"]] == ["application_form", "charter"]
        assert receipt["identity"] == "9507******09"
        draft = await drafts.get_draft(s, app.draft_id, owner_id=OWNER)
        assert draft.status == "submitted"
        with pytest.raises(DraftClosed):
            await drafts.delete_draft(s, draft)
        uploads = await drafts.list_uploads(s, application_id=app.id)
        with pytest.raises(UploadLocked):
            await drafts.remove_upload(s, uploads[0].id, owner_id=OWNER)
    second = await submit_app(app_db, storage, owner=OTHER, missing=())
    assert second == "LIC-2026-000002"
    async with app_db.unit() as s:
        assert [a.number for a in await queries.list_for_owner(s, OWNER)] == [number]
        with pytest.raises(ApplicationNotFound):
            await queries.get_application(s, number, owner_id=OTHER)
        assert await queries.get_by_number(s, "nonsense") is None


async def test_submission_validates_details(app_db, storage):
    draft_id = await make_draft_with_files(app_db, storage)
    async with app_db.unit() as s:
        draft = await drafts.get_draft(s, draft_id, owner_id=OWNER)
        common = dict(owner_id=OWNER, chat_id=OWNER, lang="kk", now=NOW)
        with pytest.raises(IdentityChecksumError):
            await submit.submit_draft(
                s, draft, identity="950702400008", name="Айгүл", phone="+77011234567", **common
            )
        with pytest.raises(InvalidDetails) as bad_phone:
            await submit.submit_draft(s, draft, identity=IIN, name="Айгүл", phone="12", **common)
        msgid, _ = error_message(bad_phone.value)
        assert "+7" in msgid
        with pytest.raises(InvalidDetails):
            await submit.submit_draft(s, draft, identity=IIN, name="1", phone=None, **common)
        with pytest.raises(NotOwner):
            await submit.submit_draft(
                s, draft, identity=IIN, name="Айгүл", phone=None, **{**common, "owner_id": OTHER}
            )
        app = await submit.submit_draft(
            s,
            draft,
            identity="971240001315",
            name="ТОО Саяхат",
            phone=None,
            deadline=Deadline(None, None),
            **common,
        )
        assert app.identity_kind == "bin" and app.due_date is None


# ---------------------------------------------------------------------------------- status
async def outbox_rows(s):
    return list(await s.scalars(sa.select(Outbox).order_by(Outbox.id)))


async def test_status_path_with_notifications(app_db, storage):
    number = await submit_app(app_db, storage)
    later = NOW + timedelta(days=1)
    staff = Actor.staff(STAFF)
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        await status.change_status(s, app, "accepted", actor=staff, now=later)
        await status.change_status(s, app, "in_review", actor=staff, now=later)
        with pytest.raises(ItemsRequired):
            await status.change_status(s, app, "needs_documents", actor=staff, items=[])
        await status.change_status(
            s,
            app,
            "needs_documents",
            actor=staff,
            now=later + timedelta(hours=1),
            items=[
                {
                    "id": "insurance",
                    "name_kk": "Сақтандыру шарты",
                    "name_ru": "Договор страхования",
                }
            ],
            comment="Нужен договор страхования",
        )
        assert app.requested_items[0]["id"] == "insurance"
    # the applicant uploads the requested document to the application
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        assert [i["id"] for i in await queries.outstanding_requested(s, app)] == ["insurance"]
        with pytest.raises(NotOwner):
            await drafts.add_upload(
                s, storage, owner_id=OTHER, application=app, chunks=chunked(pdf_bytes(2))
            )
        upload = await drafts.add_upload(
            s,
            storage,
            owner_id=OWNER,
            application=app,
            item_id="insurance",
            chunks=chunked(pdf_bytes(2)),
            now=later + timedelta(hours=2),
        )
        assert upload.application_id == app.id and upload.draft_id is None
        assert await queries.outstanding_requested(s, app) == []
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        await status.change_status(s, app, "in_review", actor=staff, now=later)
        assert app.requested_items == []
        with pytest.raises(UploadsNotRequested):
            await drafts.add_upload(
                s, storage, owner_id=OWNER, application=app, chunks=chunked(pdf_bytes(3))
            )
        with pytest.raises(ReasonRequired):
            await status.change_status(s, app, "refused", actor=staff, reason="  ")
        await status.change_status(s, app, "approved", actor=Actor.api("backoffice"), now=later)
        await status.change_status(s, app, "issued", actor=staff, now=later)
        with pytest.raises(TransitionError):
            await status.withdraw(s, app, owner_id=OWNER)
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        events = await queries.history(s, app.id)
        assert [e.to_status for e in events] == [
            "submitted",
            "accepted",
            "in_review",
            "needs_documents",
            "in_review",
            "approved",
            "issued",
        ]
        assert events[3].items[0]["id"] == "insurance"
        assert events[5].actor == "api:backoffice"
        rows = await outbox_rows(s)
        assert len(rows) == 6  # one notification per change made by staff / the API
        assert {r.chat_id for r in rows} == {OWNER}
        assert len({r.dedup_key for r in rows}) == 6
        needs = rows[2].payload
        assert needs["lang"] == "ru"
        keys = [p["key"] for p in needs["parts"]]
        assert any("{items}" in k for k in keys) and any("{due_date}" in k for k in keys)
        # history is append-only
        events[0].comment = "rewritten"
        with pytest.raises(AppendOnlyError):
            await s.flush()
        await s.rollback()


async def test_change_and_notification_commit_together(app_db, storage):
    number = await submit_app(app_db, storage)
    with pytest.raises(RuntimeError):
        async with app_db.unit() as s:
            app = await queries.get_application(s, number)
            await status.change_status(s, app, "accepted", actor=Actor.staff(STAFF))
            raise RuntimeError("crash before commit")
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        assert app.status == "submitted"
        assert await outbox_rows(s) == []
        assert len(await queries.history(s, app.id)) == 1


async def test_refusal_withdrawal_and_comments(app_db, storage):
    number = await submit_app(app_db, storage)
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        with pytest.raises(TransitionError):
            await status.change_status(s, app, "approved", actor=Actor.staff(STAFF))
        with pytest.raises(NotOwner):
            await status.withdraw(s, app, owner_id=OTHER)
        await status.add_comment(s, app, "Документы получены", actor=Actor.staff(STAFF))
        await status.withdraw(s, app, owner_id=OWNER, comment="передумал")
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        assert app.status == "withdrawn"
        rows = await outbox_rows(s)
        assert [r.kind for r in rows] == ["comment"]  # own withdrawal is not notified
    other = await submit_app(app_db, storage, owner=OTHER, missing=())
    async with app_db.unit() as s:
        app = await queries.get_application(s, other)
        for target in ("accepted", "in_review"):
            await status.change_status(s, app, target, actor=Actor.staff(STAFF))
        await status.change_status(
            s,
            app,
            "refused",
            actor=Actor.staff(STAFF),
            reason="Несоответствие квалификационным требованиям",
        )
        assert app.decision_reason.startswith("Несоответствие")


async def test_concurrent_changes_cannot_both_win(app_db, storage):
    number = await submit_app(app_db, storage)
    async with app_db.sessionmaker() as s1, app_db.sessionmaker() as s2:
        a1 = await queries.get_application(s1, number)
        a2 = await queries.get_application(s2, number)
        await s1.commit()
        await s2.commit()
        await status.change_status(s1, a1, "accepted", actor=Actor.staff(1))
        await s1.commit()
        with pytest.raises(TransitionError) as info:
            await status.change_status(s2, a2, "accepted", actor=Actor.staff(2))
        assert info.value.params["why"] == "conflict"
        await s2.rollback()


# ---------------------------------------------------------------------------------- staff queries
async def test_queue_and_deadline_report(app_db, storage):
    from domain.calendar import default_calendar

    first = await submit_app(app_db, storage, missing=())
    second = await submit_app(
        app_db, storage, owner=OTHER, missing=(), now=NOW + timedelta(days=3)
    )
    async with app_db.unit() as s:
        queue = await queries.open_queue(s)
        assert [a.number for a in queue] == [first, second]
        assert await queries.count_open(s) == 2
        due_first = (await queries.get_application(s, first)).due_date
        due_second = (await queries.get_application(s, second)).due_date
        cal = default_calendar()
        report = await queries.deadline_report(s, due_first, calendar=cal)
        assert [a.number for a in report.due_today] == [first]
        report = await queries.deadline_report(s, due_first + timedelta(days=1), calendar=cal)
        assert [a.number for a in report.overdue] == [first]
        day_before = due_second - timedelta(days=1)
        while not cal.is_working_day(day_before):
            day_before -= timedelta(days=1)
        report = await queries.deadline_report(s, day_before, calendar=cal)
        assert second in [a.number for a in report.due_tomorrow]
        app = await queries.get_application(s, first)
        for target in ("accepted", "in_review", "approved"):
            await status.change_status(s, app, target, actor=Actor.staff(STAFF))
        report = await queries.deadline_report(s, due_first + timedelta(days=1), calendar=cal)
        assert report.overdue == []  # decided: no deadline running
        assert [a.number for a in await queries.open_queue(s)] == [first, second]


# ---------------------------------------------------------------------------------- tokens
async def test_api_tokens(app_db):
    async with app_db.unit() as s:
        client, token = await tokens.create_token(s, "backoffice", scope=["tour_operator"])
        other, other_token = await tokens.create_token(s, "archive")
        with pytest.raises(TokenNameTaken):
            await tokens.create_token(s, "backoffice")
        with pytest.raises(InvalidDetails):
            await tokens.create_token(s, "bad name!")
    async with app_db.unit() as s:
        stored = [c.name for c in await tokens.list_tokens(s)]
        assert stored == ["archive", "backoffice"]
        rows = (await s.execute(sa.text("SELECT token_hash FROM api_clients"))).all()
        assert token not in {r[0] for r in rows}  # only the hash is stored
        found = await tokens.verify_token(s, token)
        assert found.name == "backoffice" and found.allows("tour_operator")
        assert not found.allows("pharmacy")
        assert (await tokens.verify_token(s, other_token)).allows("pharmacy")
        assert await tokens.verify_token(s, token + "x") is None
        assert await tokens.verify_token(s, None) is None
        await tokens.revoke_token(s, "backoffice")
    async with app_db.unit() as s:
        assert await tokens.verify_token(s, token) is None
        assert (await tokens.find_token(s, token)).revoked_at is not None
        with pytest.raises(tokens.TokenNotFound):
            await tokens.revoke_token(s, "nobody")


async def test_status_event_count_matches(app_db, storage):
    number = await submit_app(app_db, storage)
    async with app_db.unit() as s:
        app = await queries.get_application(s, number)
        await status.change_status(s, app, "accepted", actor=Actor.staff(STAFF))
        count = await s.scalar(sa.select(sa.func.count()).select_from(StatusEvent))
        assert count == 2
        assert isinstance(app, Application)


async def test_deadline_from_the_knowledge_model(app_db, storage):
    from knowledge.model import Citation
    from knowledge.model import Deadline as KbDeadline

    deadline = KbDeadline(
        value=3,
        unit="working_days",
        text="3 жұмыс күні",
        citation=Citation(act_id="act_1", paragraph="9", subitem="2"),
    )
    async with app_db.unit() as s:
        draft = await drafts.create_draft(s, owner_id=OWNER, service_id="svc", case_id="rereg")
        app = await submit.submit_draft(
            s,
            draft,
            owner_id=OWNER,
            identity=IIN,
            name="Айгүл",
            phone=None,
            chat_id=OWNER,
            lang="kk",
            deadline=deadline,
            now=NOW,
        )
        assert app.due_date == date(2026, 3, 5)  # Tue 3, Wed 4, Thu 5 March
        assert app.deadline_citation == "act_1, 9. 2)"
        assert (app.deadline_unit, app.deadline_value) == ("working_days", 3.0)
