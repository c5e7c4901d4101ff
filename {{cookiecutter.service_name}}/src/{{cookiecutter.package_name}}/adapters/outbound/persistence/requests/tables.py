from sqlalchemy import Column, Index, String, Table

from {{cookiecutter.package_name}}.adapters.outbound.persistence.metadata import metadata
from {{cookiecutter.package_name}}.adapters.outbound.persistence.types import UtcDateTime
from {{cookiecutter.package_name}}.application.idempotency import MAX_KEY_LENGTH

handled_requests = Table(
    "handled_requests",
    metadata,
    Column("operation", String(100), primary_key=True),
    Column("key", String(MAX_KEY_LENGTH), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("resource_id", String(64), nullable=False),
    Column("handled_at", UtcDateTime, nullable=False),
    # The pruner's question: the keys handled longest ago (`messages/history.py`).
    Index("ix_handled_requests_handled_at", "handled_at"),
)
