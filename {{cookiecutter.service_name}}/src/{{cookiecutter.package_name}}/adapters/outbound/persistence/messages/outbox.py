from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.failures import (
    translated_failures,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    outbox_messages,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.write_transaction import (
    write_transaction,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.ports import Clock

_MESSAGE_COLUMNS = (
    outbox_messages.c.position,
    outbox_messages.c.id,
    outbox_messages.c.type,
    outbox_messages.c.version,
    outbox_messages.c.aggregate_id,
    outbox_messages.c.occurred_at,
    outbox_messages.c.correlation_id,
    outbox_messages.c.causation_id,
    outbox_messages.c.traceparent,
    outbox_messages.c.payload,
)


async def append_to_outbox(connection: AsyncConnection, messages: Sequence[Message]) -> None:
    """Write `messages` in the caller's transaction: they are sent only if it commits."""
    await connection.execute(
        outbox_messages.insert(),
        [
            {
                "id": message.id,
                "type": message.type,
                "version": message.version,
                "aggregate_id": message.aggregate_id,
                "occurred_at": message.occurred_at,
                "correlation_id": message.correlation_id,
                "causation_id": message.causation_id,
                "traceparent": message.traceparent,
                "payload": dict(message.payload),
            }
            for message in messages
        ],
    )


class SqlAlchemyOutbox:
    """The `Outbox` port as a table, claimed with leases.

    A relay claims aggregates, not rows: the head of an aggregate (its oldest unsent
    message) is locked with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent relays
    each take different aggregates without waiting, and the oldest unsent messages of the
    claimed aggregates are leased to the claiming relay until `leased_until`. Another
    relay skips an aggregate of which a message is leased, which keeps each aggregate's
    messages in order even with several relays. The lease itself checks that, so two
    processes that read the same heads (on SQLite, which has no `SKIP LOCKED`) cannot both
    lease one aggregate: the second one's update finds the first one's lease.
    """

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def claim(self, relay: str, limit: int, lease: timedelta) -> Sequence[Message]:
        """Lease the oldest unsent messages of up to `limit` aggregates, and of them at
        most `limit` messages, oldest first.

        Taking the oldest across the claimed aggregates leases each one's oldest messages:
        what is left of an aggregate waits for the next round, behind its leased head.
        """
        now = self._clock.now()
        unsent = outbox_messages
        earlier = outbox_messages.alias("earlier")
        # Each aggregate's head, read in one pass over the unsent-by-aggregate index: asking
        # of each unsent message whether an earlier one exists cost a probe per message,
        # and a backlog of 300,000 messages of one aggregate made every round take seconds.
        first = (
            select(unsent.c.aggregate_id, func.min(unsent.c.position).label("position"))
            .where(unsent.c.published_at.is_(None))
            .group_by(unsent.c.aggregate_id)
            .subquery("first")
        )
        heads = (
            select(unsent.c.aggregate_id)
            .join(first, unsent.c.position == first.c.position)
            .where(
                unsent.c.published_at.is_(None),
                or_(unsent.c.leased_until.is_(None), unsent.c.leased_until < now),
            )
            .order_by(unsent.c.position)
            .limit(limit)
            .with_for_update(of=unsent, skip_locked=True)
        )
        async with (
            translated_failures,
            self._engine.connect() as connection,
            write_transaction(connection),
        ):
            # Two statements, not `IN (heads)`: PostgreSQL may run such a subquery again
            # for each row it updates, and then skips the heads this very update locked.
            aggregate_ids = (await connection.execute(heads)).scalars().all()
            if not aggregate_ids:
                return []
            oldest = (
                select(unsent.c.position)
                .where(unsent.c.published_at.is_(None), unsent.c.aggregate_id.in_(aggregate_ids))
                .order_by(unsent.c.position)
                .limit(limit)
            )
            # Leases are prefixes, so another relay holds an aggregate if it holds a message
            # up to this one: a check of the few rows before it, not of the whole backlog.
            # Its own rows, which SQLite lets this very update see, do not count.
            leased_elsewhere = exists().where(
                earlier.c.aggregate_id == unsent.c.aggregate_id,
                earlier.c.published_at.is_(None),
                earlier.c.position <= unsent.c.position,
                earlier.c.leased_until >= now,
                earlier.c.leased_by != relay,
            )
            claim = (
                update(unsent)
                .where(
                    unsent.c.published_at.is_(None),
                    unsent.c.position.in_(oldest.scalar_subquery()),
                    ~leased_elsewhere,
                )
                .values(leased_by=relay, leased_until=now + lease)
                .returning(*_MESSAGE_COLUMNS)
            )
            rows = (await connection.execute(claim)).all()
        return [_message(row._mapping) for row in sorted(rows, key=lambda row: row.position)]

    async def mark_published(self, message_ids: Sequence[UUID]) -> None:
        if not message_ids:
            return
        statement = (
            update(outbox_messages)
            .where(outbox_messages.c.id.in_(message_ids))
            .values(published_at=self._clock.now(), leased_by=None, leased_until=None)
        )
        async with (
            translated_failures,
            self._engine.connect() as connection,
            write_transaction(connection),
        ):
            await connection.execute(statement)

    async def release(self, relay: str, message_ids: Sequence[UUID]) -> None:
        if not message_ids:
            return
        statement = (
            update(outbox_messages)
            .where(
                outbox_messages.c.id.in_(message_ids),
                outbox_messages.c.leased_by == relay,
                outbox_messages.c.published_at.is_(None),
            )
            .values(leased_by=None, leased_until=None)
        )
        async with (
            translated_failures,
            self._engine.connect() as connection,
            write_transaction(connection),
        ):
            await connection.execute(statement)


def _message(row: Any) -> Message:
    return Message(
        id=row["id"],
        type=row["type"],
        version=row["version"],
        aggregate_id=row["aggregate_id"],
        occurred_at=row["occurred_at"],
        correlation_id=row["correlation_id"],
        causation_id=row["causation_id"],
        payload=row["payload"],
        traceparent=row["traceparent"],
    )
