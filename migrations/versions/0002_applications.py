"""Applications: drafts, uploads, applications, status events, numbering, outbox, API clients.

Revision ID: 0002_applications
Revises: 0001_foundation
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_applications"
down_revision: str | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("applicant_type", sa.String(length=64), nullable=True),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column("situation", sa.JSON(), nullable=False),
        sa.Column("ticked", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_drafts_owner_id", "drafts", ["owner_id"])

    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.String(length=128), nullable=False),
        sa.Column("service_title", sa.JSON(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("applicant_type", sa.String(length=64), nullable=True),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column("identity_kind", sa.String(length=3), nullable=False),
        sa.Column("identity_number", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        _ts("submitted_at"),
        _ts("updated_at"),
        sa.Column("due_date", sa.Date(), nullable=True),
        _ts("due_at", nullable=True),
        sa.Column("deadline_value", sa.Float(), nullable=True),
        sa.Column("deadline_unit", sa.String(length=16), nullable=True),
        sa.Column("deadline_citation", sa.Text(), nullable=True),
        sa.Column("known_gap", sa.Boolean(), nullable=False),
        sa.Column("missing_items", sa.JSON(), nullable=False),
        sa.Column("requested_items", sa.JSON(), nullable=False),
        _ts("requested_at", nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number", name="uq_applications_number"),
    )
    op.create_index("ix_applications_owner_id", "applications", ["owner_id"])
    op.create_index("ix_applications_service_id", "applications", ["service_id"])
    op.create_index("ix_applications_status", "applications", ["status"])
    op.create_index("ix_applications_due_date", "applications", ["due_date"])

    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.String(length=128), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("mime", sa.String(length=128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=128), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("telegram_file_id", sa.String(length=256), nullable=True),
        sa.Column("telegram_unique_id", sa.String(length=128), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=True),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name="fk_uploads_draft_id", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_uploads_application_id",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_uploads_owner_id", "uploads", ["owner_id"])
    op.create_index("ix_uploads_draft_id", "uploads", ["draft_id"])
    op.create_index("ix_uploads_application_id", "uploads", ["application_id"])
    op.create_index("ix_uploads_sha256", "uploads", ["sha256"])
    op.create_index("ix_uploads_draft_sha", "uploads", ["draft_id", "sha256"])

    op.create_table(
        "status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("from_status", sa.String(length=24), nullable=True),
        sa.Column("to_status", sa.String(length=24), nullable=False),
        sa.Column("actor", sa.String(length=96), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("items", sa.JSON(), nullable=True),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name="fk_status_events_application_id",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_status_events_application_id", "status_events", ["application_id"])

    op.create_table(
        "application_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("dedup_key", sa.String(length=160), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _ts("created_at"),
        _ts("next_attempt_at"),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        _ts("lease_until", nullable=True),
        _ts("sent_at", nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedup_key", name="uq_outbox_dedup_key"),
    )
    op.create_index("ix_outbox_status_next", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_chat_status", "outbox", ["chat_id", "status", "id"])

    op.create_table(
        "api_clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.Text(), nullable=True),
        _ts("created_at"),
        _ts("revoked_at", nullable=True),
        _ts("last_used_at", nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_api_clients_name"),
        sa.UniqueConstraint("token_hash", name="uq_api_clients_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("api_clients")
    op.drop_index("ix_outbox_chat_status", table_name="outbox")
    op.drop_index("ix_outbox_status_next", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("application_counters")
    op.drop_index("ix_status_events_application_id", table_name="status_events")
    op.drop_table("status_events")
    for name in (
        "ix_uploads_draft_sha",
        "ix_uploads_sha256",
        "ix_uploads_application_id",
        "ix_uploads_draft_id",
        "ix_uploads_owner_id",
    ):
        op.drop_index(name, table_name="uploads")
    op.drop_table("uploads")
    for name in (
        "ix_applications_due_date",
        "ix_applications_status",
        "ix_applications_service_id",
        "ix_applications_owner_id",
    ):
        op.drop_index(name, table_name="applications")
    op.drop_table("applications")
    op.drop_index("ix_drafts_owner_id", table_name="drafts")
    op.drop_table("drafts")
