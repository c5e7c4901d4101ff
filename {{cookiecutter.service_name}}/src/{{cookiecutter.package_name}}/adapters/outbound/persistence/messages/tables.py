from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Index,
    Integer,
    String,
    Table,
    Uuid,
)

from {{cookiecutter.package_name}}.adapters.outbound.persistence.metadata import metadata
from {{cookiecutter.package_name}}.adapters.outbound.persistence.types import UtcDateTime

outbox_messages = Table(
    "outbox_messages",
    metadata,
    # The write order; SQLite only autoincrements an INTEGER primary key.
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("id", Uuid, nullable=False, unique=True),
    Column("type", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("aggregate_id", String(64), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("correlation_id", Uuid, nullable=False),
    Column("causation_id", Uuid, nullable=True),
    Column("traceparent", String(55), nullable=True),
    Column("payload", JSON, nullable=False),
    Column("leased_by", String(100), nullable=True),
    Column("leased_until", UtcDateTime, nullable=True),
    Column("published_at", UtcDateTime, nullable=True),
)

# The relay's questions, asked every round: the oldest unsent messages, and whether an
# aggregate has an earlier one. Partial indexes hold the unsent rows alone, so the answers
# cost the same however many sent messages the table keeps.
_UNSENT = outbox_messages.c.published_at.is_(None)
Index(
    "ix_outbox_messages_unsent",
    outbox_messages.c.position,
    sqlite_where=_UNSENT,
    postgresql_where=_UNSENT,
)
Index(
    "ix_outbox_messages_unsent_by_aggregate",
    outbox_messages.c.aggregate_id,
    outbox_messages.c.position,
    sqlite_where=_UNSENT,
    postgresql_where=_UNSENT,
)

inbox_messages = Table(
    "inbox_messages",
    metadata,
    Column("consumer", String(100), primary_key=True),
    Column("message_id", Uuid, primary_key=True),
    Column("handled_at", UtcDateTime, nullable=False),
    # The pruner's question: the entries handled longest ago (`history.py`).
    Index("ix_inbox_messages_handled_at", "handled_at"),
)
