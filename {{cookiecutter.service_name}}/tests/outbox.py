"""Reading the outbox back: what a committed unit of work wrote for the relay to send."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    outbox_messages,
)


@dataclass(frozen=True)
class OutboxEntry:
    id: UUID
    type: str
    aggregate_id: str
    payload: dict[str, Any]
    correlation_id: UUID
    traceparent: str | None


async def unsent(engine: AsyncEngine) -> int:
    """How many messages in the outbox wait to be sent."""
    query = select(func.count()).where(outbox_messages.c.published_at.is_(None))
    async with engine.connect() as connection:
        return int((await connection.execute(query)).scalar_one())


async def outbox_contents(engine: AsyncEngine) -> list[OutboxEntry]:
    """Every message in the outbox, sent or not, in the order it was written."""
    query = select(
        outbox_messages.c.id,
        outbox_messages.c.type,
        outbox_messages.c.aggregate_id,
        outbox_messages.c.payload,
        outbox_messages.c.correlation_id,
        outbox_messages.c.traceparent,
    ).order_by(outbox_messages.c.position)
    async with engine.connect() as connection:
        rows = (await connection.execute(query)).all()
    return [
        OutboxEntry(
            row.id, row.type, row.aggregate_id, row.payload, row.correlation_id, row.traceparent
        )
        for row in rows
    ]
