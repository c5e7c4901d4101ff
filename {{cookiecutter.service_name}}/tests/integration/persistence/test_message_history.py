"""The message history on a real database: what is past its time goes, nothing else."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.history import (
    SqlAlchemyMessageHistory,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.inbox import (
    record_in_inbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
    append_to_outbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    inbox_messages,
    outbox_messages,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.requests.tables import (
    handled_requests,
)
from {{cookiecutter.package_name}}.application.messaging.message_context import HandledMessage

from tests.messaging import a_message
from tests.unit.application.fakes import FixedClock

NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


async def sent(engine: AsyncEngine, count: int, *, at: datetime) -> None:
    """`count` messages, each of an aggregate of its own, sent at `at`."""
    async with engine.begin() as connection:
        await append_to_outbox(
            connection, [a_message(n, aggregate_id=str(uuid4())) for n in range(count)]
        )
    outbox = SqlAlchemyOutbox(engine, FixedClock(at))
    claimed = await outbox.claim("relay", count, LEASE)
    await outbox.mark_published([message.id for message in claimed])


async def handled(engine: AsyncEngine, count: int, *, at: datetime) -> None:
    async with engine.begin() as connection:
        for _ in range(count):
            await record_in_inbox(connection, HandledMessage("consumer", uuid4()), at)


async def rows(engine: AsyncEngine, table: Table) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(select(func.count()).select_from(table))).scalar_one()


async def test_sent_messages_go_once_past_their_time_and_unsent_ones_never(
    engine: AsyncEngine,
) -> None:
    await sent(engine, 3, at=NOW - timedelta(days=8))
    await sent(engine, 2, at=NOW - timedelta(days=1))
    async with engine.begin() as connection:  # written long ago, and never sent
        await append_to_outbox(connection, [a_message(99, aggregate_id="stuck")])
    history = SqlAlchemyMessageHistory(engine)
    week_ago = NOW - timedelta(days=7)

    assert await history.forget_sent(week_ago, 2) == 2
    assert await history.forget_sent(week_ago, 2) == 1
    assert await history.forget_sent(week_ago, 2) == 0
    assert await history.forget_sent(NOW + timedelta(days=365), 100) == 2
    assert await rows(engine, outbox_messages) == 1  # the one never sent


async def test_handled_entries_go_once_past_their_time(engine: AsyncEngine) -> None:
    await handled(engine, 3, at=NOW - timedelta(days=31))
    await handled(engine, 2, at=NOW - timedelta(days=29))
    history = SqlAlchemyMessageHistory(engine)
    month_ago = NOW - timedelta(days=30)

    assert await history.forget_handled(month_ago, 2) == 2
    assert await history.forget_handled(month_ago, 2) == 1
    assert await history.forget_handled(month_ago, 2) == 0
    assert await rows(engine, inbox_messages) == 2


async def requests_handled(engine: AsyncEngine, count: int, *, at: datetime) -> None:
    rows = [
        {
            "operation": "things.make",
            "key": str(uuid4()),
            "fingerprint": "f",
            "resource_id": str(uuid4()),
            "handled_at": at,
        }
        for _ in range(count)
    ]
    async with engine.begin() as connection:
        await connection.execute(handled_requests.insert(), rows)


async def test_request_keys_go_once_past_their_time(engine: AsyncEngine) -> None:
    await requests_handled(engine, 3, at=NOW - timedelta(hours=25))
    await requests_handled(engine, 2, at=NOW - timedelta(hours=23))
    history = SqlAlchemyMessageHistory(engine)
    day_ago = NOW - timedelta(hours=24)

    assert await history.forget_request_keys(day_ago, 2) == 2
    assert await history.forget_request_keys(day_ago, 2) == 1
    assert await history.forget_request_keys(day_ago, 2) == 0
    assert await rows(engine, handled_requests) == 2
