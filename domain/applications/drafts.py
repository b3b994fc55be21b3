"""Drafts and their uploads: create, resume, update choices, tick items, add/remove files.

A draft survives restarts (it is a row, not dialog state). Files are validated by content and
stored before their row is added; the row is flushed, never committed (the caller's unit of
work commits). A file whose row is rolled back stays in the store unreferenced until
``collect_orphans`` removes it.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from domain.applications.errors import (
    DraftClosed,
    DraftNotFound,
    TooManyUploads,
    UploadLocked,
    UploadNotFound,
)
from domain.applications.models import Application, Draft, Upload, utcnow
from domain.documents.errors import DuplicateFile
from domain.documents.storage import FileStorage
from domain.documents.validation import (
    MAX_DOWNLOAD_BYTES,
    check_declared_size,
    validate_staged,
)

MAX_UPLOADS = 60  # per draft or application: far more than any checklist needs
_UNSET: Any = object()


# ---------------------------------------------------------------------------------- drafts
async def create_draft(
    session: AsyncSession,
    *,
    owner_id: int,
    service_id: str,
    case_id: str | None = None,
    applicant_type: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
) -> Draft:
    now = now or utcnow()
    draft = Draft(
        owner_id=owner_id,
        service_id=service_id,
        case_id=case_id,
        applicant_type=applicant_type,
        channel=channel,
        created_at=now,
        updated_at=now,
    )
    session.add(draft)
    await session.flush()
    return draft


async def get_draft(session: AsyncSession, draft_id: int, *, owner_id: int) -> Draft:
    """The owner's draft; another user's draft is reported as not found."""
    draft = await session.get(Draft, draft_id)
    if draft is None or draft.owner_id != owner_id:
        raise DraftNotFound("no such draft for this user")
    return draft


async def open_drafts(session: AsyncSession, owner_id: int) -> list[Draft]:
    """The owner's unsubmitted drafts, most recently touched first."""
    rows = await session.scalars(
        sa.select(Draft)
        .where(Draft.owner_id == owner_id, Draft.status == "open")
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
    )
    return list(rows)


async def find_open_draft(session: AsyncSession, owner_id: int, service_id: str) -> Draft | None:
    """The draft to resume for this service, if any."""
    for draft in await open_drafts(session, owner_id):
        if draft.service_id == service_id:
            return draft
    return None


def _require_open(draft: Draft) -> None:
    if draft.status != "open":
        raise DraftClosed("draft already submitted")


async def update_draft(
    session: AsyncSession,
    draft: Draft,
    *,
    case_id: str | None = _UNSET,
    applicant_type: str | None = _UNSET,
    channel: str | None = _UNSET,
    situation: dict[str, bool] | None = None,
    now: datetime | None = None,
) -> Draft:
    """Change the checklist choices; ``situation`` answers are merged into the stored ones."""
    _require_open(draft)
    if case_id is not _UNSET:
        draft.case_id = case_id
    if applicant_type is not _UNSET:
        draft.applicant_type = applicant_type
    if channel is not _UNSET:
        draft.channel = channel
    if situation:
        draft.situation = {**(draft.situation or {}), **{k: bool(v) for k, v in situation.items()}}
    draft.updated_at = now or utcnow()
    await session.flush()
    return draft


async def tick_items(
    session: AsyncSession,
    draft: Draft,
    item_ids: Iterable[str],
    *,
    ticked: bool = True,
    now: datetime | None = None,
) -> list[str]:
    """Mark checklist items as "I have it" (or undo); returns the ticked ids in order."""
    _require_open(draft)
    current = list(draft.ticked or [])
    for item_id in item_ids:
        if ticked and item_id not in current:
            current.append(item_id)
        elif not ticked and item_id in current:
            current.remove(item_id)
    draft.ticked = current
    draft.updated_at = now or utcnow()
    await session.flush()
    return current


async def delete_draft(session: AsyncSession, draft: Draft) -> None:
    """Remove an open draft with its uploads' rows (files go with ``collect_orphans``)."""
    _require_open(draft)
    await session.execute(sa.delete(Upload).where(Upload.draft_id == draft.id))
    await session.delete(draft)
    await session.flush()


# ---------------------------------------------------------------------------------- uploads
async def list_uploads(
    session: AsyncSession, *, draft_id: int | None = None, application_id: int | None = None
) -> list[Upload]:
    if (draft_id is None) == (application_id is None):
        raise ValueError("give exactly one of draft_id / application_id")
    column = Upload.draft_id if draft_id is not None else Upload.application_id
    rows = await session.scalars(
        sa.select(Upload).where(column == (draft_id or application_id)).order_by(Upload.id)
    )
    return list(rows)


def present_items(draft: Draft, uploads: Iterable[Upload]) -> list[str]:
    """Checklist item ids the applicant has: ticked or uploaded (each once, in order)."""
    seen: list[str] = []
    for item_id in [*(draft.ticked or []), *(u.item_id for u in uploads)]:
        if item_id and item_id not in seen:
            seen.append(item_id)
    return seen


def _target_filter(draft: Draft | None, application: Application | None) -> Any:
    if draft is not None:
        return Upload.draft_id == draft.id
    assert application is not None
    return Upload.application_id == application.id


async def add_upload(
    session: AsyncSession,
    storage: FileStorage,
    *,
    owner_id: int,
    chunks: AsyncIterable[bytes],
    draft: Draft | None = None,
    application: Application | None = None,
    item_id: str | None = None,
    declared_size: int | None = None,
    telegram_file_id: str | None = None,
    telegram_unique_id: str | None = None,
    original_name: str | None = None,
    now: datetime | None = None,
) -> Upload:
    """Validate and store one file for a draft (or an application whose documents were
    requested), then add its row. ``chunks`` is consumed only after the cheap checks, so pass a
    lazy download. Raises ``DocumentError`` subclasses (nothing stored) or application errors."""
    if (draft is None) == (application is None):
        raise ValueError("give exactly one of draft / application")
    if draft is not None:
        if draft.owner_id != owner_id:
            raise DraftNotFound("no such draft for this user")
        _require_open(draft)
    elif application is not None:
        from domain.applications.status import ensure_accepts_uploads

        ensure_accepts_uploads(application, owner_id)
    check_declared_size(declared_size)
    where = _target_filter(draft, application)
    rows = (
        await session.execute(
            sa.select(Upload.sha256, Upload.item_id, Upload.telegram_unique_id).where(where)
        )
    ).all()
    if len(rows) >= MAX_UPLOADS:
        raise TooManyUploads("upload limit reached", limit=MAX_UPLOADS)
    if telegram_unique_id:
        for _sha, existing_item, unique_id in rows:
            if unique_id == telegram_unique_id:  # same Telegram file: no need to download
                raise DuplicateFile("same Telegram file", item_id=existing_item)
    existing = {sha: existing_item for sha, existing_item, _ in rows}
    async with storage.stage(chunks, max_bytes=MAX_DOWNLOAD_BYTES) as staged:
        detected = await validate_staged(staged, existing=existing)
        stored = await staged.commit()
    upload = Upload(
        owner_id=owner_id,
        draft_id=draft.id if draft is not None else None,
        application_id=application.id if application is not None else None,
        item_id=item_id,
        kind=detected.kind,
        mime=detected.mime,
        size=detected.size,
        sha256=detected.sha256,
        storage_key=stored.key,
        pages=detected.pages,
        width=detected.width,
        height=detected.height,
        telegram_file_id=telegram_file_id,
        telegram_unique_id=telegram_unique_id,
        original_name=(original_name or None) and original_name[:255],
        created_at=now or utcnow(),
    )
    session.add(upload)
    if draft is not None:
        draft.updated_at = upload.created_at
    await session.flush()
    return upload


async def _own_upload(session: AsyncSession, upload_id: int, owner_id: int) -> Upload:
    upload = await session.get(Upload, upload_id)
    if upload is None or upload.owner_id != owner_id:
        raise UploadNotFound("no such upload for this user")
    return upload


async def assign_item(
    session: AsyncSession, upload_id: int, item_id: str | None, *, owner_id: int
) -> Upload:
    """Attach an upload to a checklist item (when the bot had to ask which one)."""
    upload = await _own_upload(session, upload_id, owner_id)
    await _ensure_editable(session, upload)
    upload.item_id = item_id
    await session.flush()
    return upload


async def _ensure_editable(session: AsyncSession, upload: Upload) -> None:
    if upload.application_id is None:
        if upload.draft_id is not None:
            draft = await session.get(Draft, upload.draft_id)
            if draft is not None:
                _require_open(draft)
        return
    application = await session.get(Application, upload.application_id)
    requested_at = application.requested_at if application is not None else None
    if (
        application is None
        or application.status != "needs_documents"
        or requested_at is None
        or upload.created_at < requested_at
    ):
        raise UploadLocked("the upload belongs to a submitted application")


async def remove_upload(session: AsyncSession, upload_id: int, *, owner_id: int) -> Upload:
    """Remove one upload from an open draft (or one added after a documents request)."""
    upload = await _own_upload(session, upload_id, owner_id)
    await _ensure_editable(session, upload)
    await session.delete(upload)
    await session.flush()
    return upload


async def collect_orphans(session: AsyncSession, storage: FileStorage, keys: Iterable[str]) -> int:
    """Delete the stored files among ``keys`` that no upload references any more.

    Call after the transaction that removed the rows has committed (a rollback must not lose a
    file still referenced). Returns how many files were deleted."""
    keys = set(keys)
    if not keys:
        return 0
    used = set(
        await session.scalars(
            sa.select(Upload.storage_key).where(Upload.storage_key.in_(keys)).distinct()
        )
    )
    removed = 0
    for key in keys - used:
        await storage.delete(key)
        removed += 1
    return removed
