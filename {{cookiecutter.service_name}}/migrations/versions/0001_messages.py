"""The outbox, the inbox and the idempotency keys: messages to send, messages already
handled, and requests already handled.

Revision ID: 0001_messages
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_messages"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column(
            "position",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("aggregate_id", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("correlation_id", sa.Uuid(), nullable=False),
        sa.Column("causation_id", sa.Uuid(), nullable=True),
        sa.Column("traceparent", sa.String(55), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("leased_by", sa.String(100), nullable=True),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("position", name="pk_outbox_messages"),
        sa.UniqueConstraint("id", name="uq_outbox_messages_id"),
    )
    # Partial: the unsent rows alone, however many sent ones the table keeps.
    unsent = sa.text("published_at IS NULL")
    op.create_index(
        "ix_outbox_messages_unsent",
        "outbox_messages",
        ["position"],
        sqlite_where=unsent,
        postgresql_where=unsent,
    )
    op.create_index(
        "ix_outbox_messages_unsent_by_aggregate",
        "outbox_messages",
        ["aggregate_id", "position"],
        sqlite_where=unsent,
        postgresql_where=unsent,
    )
    op.create_table(
        "inbox_messages",
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("consumer", "message_id", name="pk_inbox_messages"),
    )
    op.create_index("ix_inbox_messages_handled_at", "inbox_messages", ["handled_at"])
    op.create_table(
        "handled_requests",
        sa.Column("operation", sa.String(100), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("resource_id", sa.String(64), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("operation", "key", name="pk_handled_requests"),
    )
    op.create_index("ix_handled_requests_handled_at", "handled_requests", ["handled_at"])


def downgrade() -> None:
    op.drop_index("ix_handled_requests_handled_at", table_name="handled_requests")
    op.drop_table("handled_requests")
    op.drop_index("ix_inbox_messages_handled_at", table_name="inbox_messages")
    op.drop_table("inbox_messages")
    op.drop_index("ix_outbox_messages_unsent_by_aggregate", table_name="outbox_messages")
    op.drop_index("ix_outbox_messages_unsent", table_name="outbox_messages")
    op.drop_table("outbox_messages")
