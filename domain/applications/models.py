"""Tables of the applications domain (migration ``0002_applications``).

Personal data (IIN/BIN, names, phones, file names) is excluded from ``repr`` so it cannot leak
into logs through an object dump; the IIN/BIN shows masked. Times are aware UTC datetimes on
both SQLite and PostgreSQL (``UTCDateTime``). JSON columns are replaced, never mutated in place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapper
from sqlmodel import Field, SQLModel

from domain.identity import mask_identity


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite stores them naive)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError("expected a datetime")
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(nullable: bool = False, **kw: Any) -> Any:
    if nullable:
        return Field(default=None, sa_type=UTCDateTime, nullable=True, **kw)
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, **kw)


def _json(default: Any) -> Any:
    return Field(default_factory=default, sa_type=sa.JSON, nullable=False)


# ---------------------------------------------------------------------------------- drafts
class Draft(SQLModel, table=True):
    """What an applicant is preparing: the checklist choices, ticks and uploads (via Upload)."""

    __tablename__ = "drafts"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(sa_type=sa.BigInteger, index=True)
    service_id: str = Field(max_length=128)
    case_id: str | None = Field(default=None, max_length=64)
    applicant_type: str | None = Field(default=None, max_length=64)
    channel: str | None = Field(default=None, max_length=64)
    # condition id -> bool (the applicant's situation answers)
    situation: dict[str, Any] = _json(dict)
    # checklist item ids the applicant ticked as "I have it" (without uploading)
    ticked: list[str] = _json(list)
    status: str = Field(default="open", max_length=16)  # "open" | "submitted"
    application_id: int | None = Field(default=None)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


# ``Upload.item_id`` of a file the applicant said is not a document of the checklist.
OTHER_ITEM = "_other"


class Upload(SQLModel, table=True):
    """One stored file attached to a checklist item of a draft and, once submitted, its
    application. The bytes live in FileStorage under ``storage_key`` (= sha256)."""

    __tablename__ = "uploads"
    __table_args__ = (sa.Index("ix_uploads_draft_sha", "draft_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(sa_type=sa.BigInteger, index=True)
    draft_id: int | None = Field(
        default=None,
        sa_column_args=[sa.ForeignKey("drafts.id", ondelete="CASCADE")],
        index=True,
    )
    application_id: int | None = Field(
        default=None,
        sa_column_args=[sa.ForeignKey("applications.id", ondelete="CASCADE")],
        index=True,
    )
    item_id: str | None = Field(default=None, max_length=128)
    kind: str = Field(max_length=8)  # "pdf" | "jpeg" | "png" | "docx"
    mime: str = Field(max_length=128)
    size: int = Field(sa_type=sa.BigInteger)
    sha256: str = Field(max_length=64, index=True)
    storage_key: str = Field(max_length=128)
    pages: int | None = None
    width: int | None = None
    height: int | None = None
    telegram_file_id: str | None = Field(default=None, max_length=256)
    telegram_unique_id: str | None = Field(default=None, max_length=128)
    # What the user called the file: shown back to them, never used as a path.
    original_name: str | None = Field(default=None, max_length=255, repr=False)
    created_at: datetime = _ts()


# ---------------------------------------------------------------------------------- applications
class Application(SQLModel, table=True):
    __tablename__ = "applications"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=32, unique=True)
    owner_id: int = Field(sa_type=sa.BigInteger, index=True)
    chat_id: int = Field(sa_type=sa.BigInteger)
    lang: str = Field(default="kk", max_length=2)
    draft_id: int | None = Field(default=None)
    service_id: str = Field(max_length=128, index=True)
    service_title: dict[str, str] = _json(dict)  # {"kk": ..., "ru": ...} at submission
    case_id: str | None = Field(default=None, max_length=64)
    applicant_type: str | None = Field(default=None, max_length=64)
    channel: str | None = Field(default=None, max_length=64)
    identity_kind: str = Field(max_length=3)  # "iin" | "bin"
    identity_number: str = Field(max_length=12, repr=False)
    name: str = Field(max_length=255, repr=False)
    phone: str | None = Field(default=None, max_length=32, repr=False)
    status: str = Field(default="submitted", max_length=24, index=True)
    submitted_at: datetime = _ts()
    updated_at: datetime = _ts()
    due_date: date | None = Field(default=None, index=True)
    due_at: datetime | None = _ts(nullable=True)  # exact moment for hour deadlines
    deadline_value: float | None = None
    deadline_unit: str | None = Field(default=None, max_length=16)
    deadline_citation: str | None = Field(default=None, sa_type=sa.Text)
    known_gap: bool = Field(default=False)
    # [{"id", "name_kk", "name_ru"}] missing at submission (known gap)
    missing_items: list[dict[str, Any]] = _json(list)
    # [{"id", "name_kk", "name_ru"}] asked for by the last needs_documents
    requested_items: list[dict[str, Any]] = _json(list)
    requested_at: datetime | None = _ts(nullable=True)  # when they were asked for
    decision_reason: str | None = Field(default=None, sa_type=sa.Text)

    @property
    def identity_masked(self) -> str:
        return mask_identity(self.identity_number)

    def __repr_args__(self):  # type: ignore[no-untyped-def]
        yield from super().__repr_args__()
        yield "identity", self.identity_masked


class StatusEvent(SQLModel, table=True):
    """Append-only history: every status change and every comment (``kind``)."""

    __tablename__ = "status_events"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(
        sa_column_args=[sa.ForeignKey("applications.id", ondelete="CASCADE")], index=True
    )
    kind: str = Field(default="status", max_length=16)  # "status" | "comment"
    from_status: str | None = Field(default=None, max_length=24)
    to_status: str = Field(max_length=24)
    actor: str = Field(max_length=96)  # "applicant:<id>", "staff:<id>", "api:<client>", "system"
    actor_kind: str = Field(max_length=16)
    comment: str | None = Field(default=None, sa_type=sa.Text)
    reason: str | None = Field(default=None, sa_type=sa.Text)
    items: list[dict[str, Any]] | None = Field(default=None, sa_type=sa.JSON)
    created_at: datetime = _ts()


class AppendOnlyError(RuntimeError):
    pass


@event.listens_for(StatusEvent, "before_update")
@event.listens_for(StatusEvent, "before_delete")
def _refuse_history_rewrite(mapper: Mapper, connection: Any, target: StatusEvent) -> None:
    raise AppendOnlyError("status events are append-only")


class ApplicationCounter(SQLModel, table=True):
    """Per-year sequence for human-friendly numbers (``LIC-2026-000123``)."""

    __tablename__ = "application_counters"

    year: int = Field(sa_column=sa.Column(sa.Integer, primary_key=True, autoincrement=False))
    last: int = Field(default=0)


# ---------------------------------------------------------------------------------- outbox
class Outbox(SQLModel, table=True):
    """A message to deliver, written in the same transaction as the change it reports."""

    __tablename__ = "outbox"
    __table_args__ = (
        sa.Index("ix_outbox_status_next", "status", "next_attempt_at"),
        sa.Index("ix_outbox_chat_status", "chat_id", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=sa.BigInteger)
    kind: str = Field(max_length=32)
    payload: dict[str, Any] = Field(sa_type=sa.JSON, nullable=False, repr=False)
    dedup_key: str = Field(max_length=160, unique=True)
    status: str = Field(default="pending", max_length=16)  # pending|sent|failed|blocked
    attempts: int = Field(default=0)
    created_at: datetime = _ts()
    next_attempt_at: datetime = _ts()
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = _ts(nullable=True)
    sent_at: datetime | None = _ts(nullable=True)
    telegram_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    last_error: str | None = Field(default=None, max_length=200)


# ---------------------------------------------------------------------------------- API clients
class ApiClient(SQLModel, table=True):
    """A back-office client of the HTTP API. Only the SHA-256 of its token is stored."""

    __tablename__ = "api_clients"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    token_hash: str = Field(max_length=64, unique=True, repr=False)
    # comma-separated service ids the client may touch; None = all services
    scope: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = _ts()
    revoked_at: datetime | None = _ts(nullable=True)
    last_used_at: datetime | None = _ts(nullable=True)

    @property
    def scopes(self) -> frozenset[str] | None:
        if self.scope is None:
            return None
        return frozenset(s.strip() for s in self.scope.split(",") if s.strip())

    def allows(self, service_id: str) -> bool:
        scopes = self.scopes
        return scopes is None or service_id in scopes

    @property
    def active(self) -> bool:
        return self.revoked_at is None
