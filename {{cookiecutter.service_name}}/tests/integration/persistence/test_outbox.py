"""The outbox and its relay on a real database: nothing lost, order kept, none sent twice."""

import asyncio
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
    append_to_outbox,
)
from {{cookiecutter.package_name}}.application.delivery.outbox_relay import (
    OutboxRelay,
    RelayError,
    RelayHealthCheck,
    RelayPolicy,
)
from {{cookiecutter.package_name}}.application.errors import UnavailableError
from {{cookiecutter.package_name}}.application.messaging.message import Message

from tests.integration.persistence.query_plans import (
    BY_KEY,
    partial_indexes,
    statements_run,
    what_the_plan_reads,
)
from tests.messaging import ContextOfEachLog, a_message, eventually
from tests.outbox import unsent
from tests.unit.application.fakes import FixedClock

FAST = RelayPolicy(batch_size=10, lease=timedelta(seconds=30), idle_seconds=0.01)
LEASE = timedelta(seconds=30)


@pytest.fixture
def outbox(engine: AsyncEngine) -> SqlAlchemyOutbox:
    return SqlAlchemyOutbox(engine, SystemClock())


async def commit(engine: AsyncEngine, messages: Sequence[Message]) -> None:
    async with engine.begin() as connection:
        await append_to_outbox(connection, messages)


def numbers(messages: Sequence[Message]) -> list[object]:
    return [message.payload["number"] for message in messages]


async def test_committed_messages_wait_for_a_relay_and_are_sent_once(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    await commit(
        engine,
        [
            a_message(1, aggregate_id="a"),
            a_message(2, aggregate_id="a"),
            a_message(3, aggregate_id="b"),
        ],
    )
    # A process that committed and died before sending: a relay started later sends it all.
    broker = InMemoryBroker()
    relay = OutboxRelay(outbox, broker, "after-restart", FAST)

    assert await relay.relay_once() == 3
    assert await relay.relay_once() == 0
    assert numbers(broker.published) == [1, 2, 3]
    assert await unsent(engine) == 0


async def test_each_message_sent_is_one_line_in_its_flow(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=OutboxRelay.__module__)
    logs = ContextOfEachLog()
    logging.getLogger(OutboxRelay.__module__).addHandler(logs)
    messages = [a_message(1, aggregate_id="a"), a_message(2, aggregate_id="b")]
    await commit(engine, messages)

    try:
        await OutboxRelay(outbox, InMemoryBroker(), "relay", FAST).relay_once()
    finally:
        logging.getLogger(OutboxRelay.__module__).removeHandler(logs)

    assert [line for line, _ in logs.seen] == [
        f"sent {message.type} v1 {message.id}" for message in messages
    ]
    assert [context.correlation_id if context else None for _, context in logs.seen] == [
        message.correlation_id for message in messages
    ]


async def test_while_the_broker_is_down_nothing_is_lost_and_the_backlog_drains_after(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    await commit(engine, [a_message(number, aggregate_id="a") for number in range(1, 4)])
    broker = InMemoryBroker()
    broker.accepting = False
    relay = OutboxRelay(outbox, broker, "relay", FAST)

    with pytest.raises(RelayError):
        await relay.relay_once()
    assert relay.last_error is not None
    assert await unsent(engine) == 3

    broker.accepting = True
    assert await relay.relay_once() == 3
    assert numbers(broker.published) == [1, 2, 3]
    assert relay.last_error is None


class RefusesOnce(InMemoryBroker):
    """A broker that refuses the message numbered `number` the first time it is sent."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self._refuse = number

    async def publish(self, message: Message) -> None:
        if message.payload["number"] == self._refuse:
            self._refuse = -1
            raise ConnectionError("the broker did not confirm")
        await super().publish(message)


async def test_a_refused_message_holds_back_the_ones_after_it_until_it_is_sent(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    await commit(engine, [a_message(number, aggregate_id="a") for number in (1, 2, 3)])
    broker = RefusesOnce(2)
    relay = OutboxRelay(outbox, broker, "relay", FAST)

    with pytest.raises(RelayError):
        await relay.relay_once()
    assert numbers(broker.published) == [1]
    assert await unsent(engine) == 2

    assert await relay.relay_once() == 2
    assert numbers(broker.published) == [1, 2, 3]


async def test_readiness_fails_while_the_relay_cannot_send_and_recovers_with_nothing_left(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    await commit(engine, [a_message(1)])
    broker = InMemoryBroker()
    broker.accepting = False
    relay = OutboxRelay(outbox, broker, "relay", FAST)
    with pytest.raises(RelayError):
        await relay.relay_once()
    with pytest.raises(RelayError):
        await RelayHealthCheck(relay).check()

    # Another relay sends the message; this one's next round finds nothing, and is well.
    broker.accepting = True
    await OutboxRelay(outbox, broker, "other", FAST).relay_once()
    assert await relay.relay_once() == 0
    await RelayHealthCheck(relay).check()


async def test_a_relay_whose_lease_ran_out_cannot_release_what_another_now_holds(
    engine: AsyncEngine,
) -> None:
    clock = FixedClock(datetime.now(UTC))
    outbox = SqlAlchemyOutbox(engine, clock)
    await commit(engine, [a_message(1, aggregate_id="a")])
    slow = await outbox.claim("slow", 10, LEASE)
    clock.advance(LEASE.total_seconds() + 1)
    assert numbers(await outbox.claim("quick", 10, LEASE)) == [1]

    await outbox.release("slow", [message.id for message in slow])

    assert await outbox.claim("third", 10, LEASE) == [], "still the quick relay's"


async def test_a_relay_that_dies_after_publishing_leaves_messages_that_are_sent_again(
    engine: AsyncEngine,
) -> None:
    clock = FixedClock(datetime.now(UTC))
    outbox = SqlAlchemyOutbox(engine, clock)
    await commit(engine, [a_message(1, aggregate_id="a")])
    broker = InMemoryBroker()
    lease = timedelta(seconds=30)
    claimed = await outbox.claim("dies-before-marking", 10, lease)
    for message in claimed:
        await broker.publish(message)  # ... and the process dies before marking it

    assert await OutboxRelay(outbox, broker, "too-early", FAST).relay_once() == 0
    clock.advance(lease.total_seconds() + 1)
    relay = OutboxRelay(outbox, broker, "survivor", FAST)
    assert await relay.relay_once() == 1

    # At least once: the receiver's inbox turns the duplicate into one effect.
    assert [message.id for message in broker.published] == [claimed[0].id, claimed[0].id]


async def test_a_claim_leases_at_most_its_limit_of_messages_and_the_rest_follow_in_order(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    # One busy aggregate's backlog is one batch at a time, however long it grew.
    await commit(engine, [a_message(number, aggregate_id="a") for number in range(1, 26)])
    broker = InMemoryBroker()
    relay = OutboxRelay(outbox, broker, "relay", FAST)

    assert [await relay.relay_once() for _ in range(4)] == [10, 10, 5, 0]
    assert numbers(broker.published) == list(range(1, 26))


async def test_an_aggregate_claimed_by_one_relay_is_not_claimed_by_another(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    await commit(engine, [a_message(1, aggregate_id="a"), a_message(2, aggregate_id="b")])
    first = await outbox.claim("first", 10, timedelta(seconds=30))
    await commit(engine, [a_message(3, aggregate_id="a")])

    second = await outbox.claim("second", 10, timedelta(seconds=30))

    assert numbers(first) == [1, 2]
    assert numbers(second) == [], "a's later message must wait for its earlier one"


async def test_the_relays_claim_reads_no_message_already_sent(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox
) -> None:
    # The relay claims every round, and sent messages stay for days, until they are pruned.
    await commit(engine, [a_message(n, aggregate_id=f"a{n % 50}") for n in range(2_000)])
    while claimed := await outbox.claim("relay", 500, LEASE):
        await outbox.mark_published([message.id for message in claimed])
    await commit(engine, [a_message(1, aggregate_id="a1")])
    with statements_run(engine) as statements:
        await outbox.claim("relay", 10, LEASE)

    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text("ANALYZE outbox_messages"))
        unsent_only = await partial_indexes(connection)
        plans = [await what_the_plan_reads(connection, sql, args) for sql, args in statements]

    assert len(plans) == 2  # the heads, then their messages leased
    # The lease's update finds its rows by their key, from a subquery of the unsent ones.
    allowed = unsent_only | {BY_KEY}
    assert [read for plan in plans for read in plan if read not in allowed] == []


async def test_while_the_database_is_away_the_relay_says_so_in_one_line_a_round(
    unreachable_sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(unreachable_sqlite_url)
    relay = OutboxRelay(SqlAlchemyOutbox(engine, SystemClock()), InMemoryBroker(), "relay", FAST)
    stop = asyncio.Event()
    caplog.set_level(logging.WARNING, logger=OutboxRelay.__module__)
    try:
        with pytest.raises(UnavailableError):
            await relay.relay_once()
        running = asyncio.create_task(relay.run(stop))
        await eventually(lambda: bool(caplog.records))
        stop.set()
        await running
    finally:
        await engine.dispose()

    record = caplog.records[0]
    assert record.getMessage().startswith("outbox relay backs off")
    assert "unable to open database file" in record.getMessage()
    assert record.exc_info is None
    assert relay.last_error is not None
    assert relay.last_error.startswith("UnavailableError: ")


async def test_the_relay_waits_longer_after_each_failed_round_and_afresh_after_a_good_one(
    engine: AsyncEngine, outbox: SqlAlchemyOutbox, caplog: pytest.LogCaptureFixture
) -> None:
    policy = RelayPolicy(
        batch_size=10, idle_seconds=0.01, first_backoff_seconds=0.1, max_backoff_seconds=0.4
    )
    broker = InMemoryBroker()
    broker.accepting = False
    relay = OutboxRelay(outbox, broker, "relay", policy)
    caplog.set_level(logging.WARNING, logger=OutboxRelay.__module__)
    await commit(engine, [a_message(1)])
    stop = asyncio.Event()
    running = asyncio.create_task(relay.run(stop))

    def waits() -> list[str]:
        return re.findall(r"backs off (\S+)s:", "\n".join(caplog.messages))

    try:
        await eventually(lambda: len(waits()) == 4)
        broker.accepting = True
        await eventually(lambda: len(broker.published) == 1)
        broker.accepting = False
        await commit(engine, [a_message(2)])
        await eventually(lambda: len(waits()) == 5)
    finally:
        stop.set()
        await running

    # Doubling up to the bound while the broker is down, and from the start once it was up.
    assert waits() == ["0.1", "0.2", "0.4", "0.4", "0.1"]
