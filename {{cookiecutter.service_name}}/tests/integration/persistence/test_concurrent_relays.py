"""Two relays in two processes: every message sent once, never by both at once, in order.

Each relay has an engine of its own, as each process has: on SQLite, which has no
`SKIP LOCKED` and whose writers take turns only within an engine, the two may read the
same heads, and only the lease itself keeps them from sending the same messages.
"""

import asyncio
from collections import Counter, defaultdict
from uuid import UUID

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
)
from {{cookiecutter.package_name}}.application.delivery.outbox_relay import (
    OutboxRelay,
    RelayPolicy,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message

from tests.integration.persistence.test_outbox import commit
from tests.messaging import a_message
from tests.outbox import unsent


async def test_two_relays_send_every_message_once_at_a_time_and_in_order_per_aggregate(
    migrated_database_url: str,
) -> None:
    engines = [create_engine(migrated_database_url) for _ in range(2)]
    aggregates = [f"aggregate-{index}" for index in range(50)]
    written = [a_message(number, aggregate_id=aggregates[number % 50]) for number in range(1000)]
    await commit(engines[0], written)
    broker = WatchfulBroker()
    stop = asyncio.Event()
    relays = [
        OutboxRelay(
            SqlAlchemyOutbox(engine, SystemClock()),
            broker,
            name,
            RelayPolicy(batch_size=7, idle_seconds=0.01),
        )
        for engine, name in zip(engines, ("relay-1", "relay-2"), strict=True)
    ]
    tasks = [
        asyncio.create_task(relay.run(stop), name=f"relay-{number}")
        for number, relay in enumerate(relays, start=1)
    ]
    try:
        async with asyncio.timeout(60):
            while await unsent(engines[0]):  # noqa: ASYNC110 - polls the database
                await asyncio.sleep(0.05)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        for engine in engines:
            await engine.dispose()

    assert broker.overlaps == []
    assert set(broker.sent_by) == {"relay-1", "relay-2"}, "both relays took their share"
    assert sorted(broker.sent_ids) == sorted(message.id for message in written)
    for aggregate in aggregates:
        expected = [m.payload["number"] for m in written if m.aggregate_id == aggregate]
        assert broker.order[aggregate] == expected


class WatchfulBroker(InMemoryBroker):
    """Notes every message sent, and any message being sent by two relays at once."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight: set[UUID] = set()
        self.overlaps: list[UUID] = []
        self.sent_ids: list[UUID] = []
        self.order: defaultdict[str, list[object]] = defaultdict(list)
        # Each relay runs in a task of its own: how many messages each sent.
        self.sent_by: Counter[str] = Counter()

    async def publish(self, message: Message) -> None:
        if message.id in self.in_flight:
            self.overlaps.append(message.id)
        self.in_flight.add(message.id)
        await asyncio.sleep(0)  # let the other relay run in between
        self.in_flight.discard(message.id)
        self.sent_ids.append(message.id)
        relay = asyncio.current_task()
        assert relay is not None
        self.sent_by[relay.get_name()] += 1
        self.order[message.aggregate_id].append(message.payload["number"])
