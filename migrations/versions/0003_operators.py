"""Operators: tickets, ticket messages, answer feedback, question gaps.

Revision ID: 0003_operators
Revises: 0002_applications
Create Date: 2025-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_operators"
down_revision: str | None = "0002_applications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "op_tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("applicant_name", sa.String(length=128), nullable=True),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=True),
        sa.Column("intent", sa.String(length=32), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("bot_answer", sa.Text(), nullable=True),
        sa.Column("application_number", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("group_message_id", sa.BigInteger(), nullable=True),
        _ts("created_at", nullable=False),
        _ts("first_response_at"),
        sa.Column("first_responder_id", sa.BigInteger(), nullable=True),
        _ts("last_activity_at"),
        _ts("closed_at"),
        sa.Column("closed_by", sa.BigInteger(), nullable=True),
        sa.Column("reopened_count", sa.Integer(), nullable=False),
        _ts("reminder_sent_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_op_tickets_status", "op_tickets", ["status"])
    op.create_index("ix_op_tickets_thread_id", "op_tickets", ["thread_id"])
    op.create_index("ix_op_tickets_group_message_id", "op_tickets", ["group_message_id"])
    op.create_index("ix_op_tickets_user_status", "op_tickets", ["user_id", "status"])

    op.create_table(
        "op_ticket_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("file_id", sa.String(length=256), nullable=True),
        sa.Column("group_message_id", sa.BigInteger(), nullable=True),
        sa.Column("delivered_message_id", sa.BigInteger(), nullable=True),
        _ts("created_at", nullable=False),
        _ts("delivered_at"),
        sa.ForeignKeyConstraint(["ticket_id"], ["op_tickets.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_op_ticket_messages_ticket_id", "op_ticket_messages", ["ticket_id"])
    op.create_index(
        "ix_op_ticket_messages_group_message_id", "op_ticket_messages", ["group_message_id"]
    )

    op.create_table(
        "op_question_gaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=True),
        sa.Column("service_id", sa.String(length=128), nullable=True),
        sa.Column("intent", sa.String(length=32), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        _ts("first_seen", nullable=False),
        _ts("last_seen", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "text_hash", name="uq_op_question_gaps_kind_hash"),
    )
    op.create_index(
        "ix_op_question_gaps_service_intent", "op_question_gaps", ["service_id", "intent"]
    )

    # B2's domain/feedback.py (AnswerFeedback)
    op.create_table(
        "answer_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=True),
        sa.Column("intent", sa.String(length=32), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        _ts("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_answer_feedback_user_id", "answer_feedback", ["user_id"])
    op.create_index(
        "ix_answer_feedback_service_helpful", "answer_feedback", ["service_id", "helpful"]
    )


def downgrade() -> None:
    op.drop_index("ix_answer_feedback_service_helpful", table_name="answer_feedback")
    op.drop_index("ix_answer_feedback_user_id", table_name="answer_feedback")
    op.drop_table("answer_feedback")
    op.drop_index("ix_op_question_gaps_service_intent", table_name="op_question_gaps")
    op.drop_table("op_question_gaps")
    op.drop_index("ix_op_ticket_messages_group_message_id", table_name="op_ticket_messages")
    op.drop_index("ix_op_ticket_messages_ticket_id", table_name="op_ticket_messages")
    op.drop_table("op_ticket_messages")
    op.drop_index("ix_op_tickets_user_status", table_name="op_tickets")
    op.drop_index("ix_op_tickets_group_message_id", table_name="op_tickets")
    op.drop_index("ix_op_tickets_thread_id", table_name="op_tickets")
    op.drop_index("ix_op_tickets_status", table_name="op_tickets")
    op.drop_table("op_tickets")
