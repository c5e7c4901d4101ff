"""The Redis Streams adapters against a real server at `BROKER_URL` (127.0.0.1:6379).

Each test appends to a stream of its own, read by a group of its own, and deletes both
(and the dead-letter stream) after; one test looks at the shared `events` stream.
"""

import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast
from uuid import uuid4

import pytest
from faststream.redis import RedisBroker
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from {{cookiecutter.package_name}}.adapters.outbound.messaging.redis_dead_letters import (
    RedisDeadLetterBacklog,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.redis_publisher import (
    RedisDeadLetterQueue,
    RedisMessagePublisher,
    dead_letter_stream,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue
from {{cookiecutter.package_name}}.bootstrap.brokers.redis import RedisConnection

from tests.dead_letter_backlog_contract import DeadLetterBacklogContract
from tests.messaging import (
    SOMETHING_HAPPENED,
    TRACEPARENT,
    UNREADABLE_BODIES,
    DeadLettersThatCanBeDown,
    a_message,
    eventually,
)

BROKER_URL = os.environ.get("BROKER_URL", "redis://127.0.0.1:6379/0")
SOMETHING_ELSE_HAPPENED = "tests.something_else_happened"

RawEntries = list[tuple[bytes, dict[bytes, bytes]]]
"""What XRANGE answers: each entry's id and fields."""


class RecordingConsumer:
    """Reads two `tests.*` types; a payload without `number` is malformed."""

    message_types = frozenset({SOMETHING_HAPPENED, SOMETHING_ELSE_HAPPENED})

    def __init__(self) -> None:
        self.handled: list[tuple[str, int]] = []
        self.seen_types: list[str] = []

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        self.seen_types.append(event_type)
        if event_type not in self.message_types:
            return False
        if "number" not in payload:
            raise MalformedMessageError("number: field required")
        self.handled.append((event_type, payload["number"]))
        return True

    @property
    def numbers(self) -> list[int]:
        return [number for _, number in self.handled]


def a_broker() -> RedisBroker:
    """A broker that logs nothing, as the container makes it (FastStream's types omit None)."""
    return RedisBroker(BROKER_URL, logger=None)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Entry:
    """A stream entry written by FastStream: the message's body and headers."""

    id: bytes
    body: bytes
    headers: dict[str, Any]


@dataclass
class Service:
    """One service's wiring on a stream and group of its own, and a raw client to look."""

    redis: Redis
    broker: RedisBroker
    stream: str
    group: str
    consumer: RecordingConsumer = field(default_factory=RecordingConsumer)
    connections: list[RedisConnection] = field(default_factory=list)

    @property
    def dead_letter_stream(self) -> str:
        return dead_letter_stream(self.group)

    def publisher(self) -> RedisMessagePublisher:
        return RedisMessagePublisher(self.broker, stream=self.stream)

    async def start(
        self, dead_letters: DeadLetterQueue | None = None, claim_idle_seconds: float = 30.0
    ) -> None:
        """Connect a consumer of the group on a broker of its own, as another process would."""
        broker = a_broker()
        receiver = MessageReceiver(
            self.consumer,
            dead_letters or RedisDeadLetterQueue(broker),
            self.group,
            RetryPolicy(max_attempts=2, first_backoff_seconds=0.01),
        )
        connection = RedisConnection(
            broker,
            receivers=[receiver],
            group_name=self.group,
            consumer=f"{self.group}-consumer-{len(self.connections)}",
            claim_idle_seconds=claim_idle_seconds,
            stream=self.stream,
        )
        self.connections.append(connection)
        await connection.connect()

    async def pending(self) -> int:
        """How many entries the group was given and has not acknowledged."""
        summary = await self.redis.xpending(self.stream, self.group)
        return int(summary["pending"])

    async def nothing_pending(self) -> bool:
        return await self.pending() == 0

    async def entries(self, stream: str, count: int | None = None) -> list[Entry]:
        """The newest `count` entries of `stream` (all by default), newest first; only those
        FastStream wrote: the stream is shared with whatever else used this server."""
        raw = cast(RawEntries, await self.redis.xrevrange(stream, count=count))
        parse = self.broker.message_format.parse
        return [
            Entry(entry_id, *parse(fields[b"__data__"]))
            for entry_id, fields in raw
            if b"__data__" in fields
        ]


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(BROKER_URL)
    try:
        await client.ping()
    except (OSError, RedisConnectionError) as error:
        await client.aclose()
        pytest.fail(f"Redis is not reachable at {BROKER_URL} ({error}): start redis-server")
    yield client
    await client.aclose()


@pytest.fixture
async def service(redis: Redis) -> AsyncIterator[Service]:
    """A connected publishing broker; the test starts the consumers. All is deleted after."""
    name = f"test-{uuid4().hex[:12]}"
    broker = a_broker()
    await broker.connect()
    service = Service(redis, broker, stream=f"{name}.events", group=name)
    yield service
    for connection in service.connections:
        await connection.close()
    await broker.stop()
    await redis.delete(service.stream, service.dead_letter_stream)


async def test_published_messages_reach_the_consumer_in_order_whatever_their_type(
    service: Service,
) -> None:
    await service.start()
    publisher = service.publisher()
    sent = [(SOMETHING_HAPPENED, 1), (SOMETHING_ELSE_HAPPENED, 2), (SOMETHING_HAPPENED, 3)]
    sent += [(SOMETHING_ELSE_HAPPENED, 4), (SOMETHING_HAPPENED, 5)]

    for message_type, number in sent:
        await publisher.publish(a_message(number, message_type=message_type))

    await eventually(lambda: len(service.consumer.handled) == 5)
    assert service.consumer.handled == sent
    await eventually(service.nothing_pending)


async def test_messages_published_before_the_service_first_started_are_read(
    service: Service,
) -> None:
    await service.publisher().publish(a_message(1))

    await service.start()

    await eventually(lambda: service.consumer.numbers == [1])


async def test_every_message_goes_to_the_one_events_stream_with_its_headers_and_ids(
    service: Service,
) -> None:
    message = a_message(1, message_type=f"tests.only_here_{uuid4().hex}")

    await RedisMessagePublisher(service.broker).publish(message)

    newest = await service.entries("events", count=100)
    ours = [entry for entry in newest if entry.body == message.to_json()]
    await service.redis.xdel("events", *(entry.id for entry in ours))
    (entry,) = ours
    headers = entry.headers
    assert headers["message-type"] == message.type
    assert headers["traceparent"] == TRACEPARENT
    assert headers["message_id"] == str(message.id)
    assert headers["correlation_id"] == str(message.correlation_id)


async def test_a_message_of_a_type_nobody_reads_is_acknowledged_and_skipped(
    service: Service,
) -> None:
    await service.start()
    publisher = service.publisher()

    await publisher.publish(a_message(1, message_type="tests.nobody_reads_this"))
    await publisher.publish(a_message(2))

    await eventually(lambda: service.consumer.numbers == [2])
    assert "tests.nobody_reads_this" not in service.consumer.seen_types
    await eventually(service.nothing_pending)


async def test_a_malformed_message_goes_to_the_dead_letter_stream_and_the_rest_flow(
    service: Service,
) -> None:
    await service.start()
    publisher = service.publisher()
    malformed = a_message(None)

    await publisher.publish(malformed)
    await publisher.publish(a_message(2))

    await eventually(lambda: service.consumer.numbers == [2])
    (dead,) = await service.entries(service.dead_letter_stream)
    assert dead.body == malformed.to_json()
    assert dead.headers["message-type"] == SOMETHING_HAPPENED
    assert dead.headers["message_id"] == str(malformed.id)
    assert "number" in dead.headers["x-dead-letter-reason"]
    await eventually(service.nothing_pending)


@pytest.mark.parametrize(("body", "content_type"), UNREADABLE_BODIES)
async def test_a_body_that_is_not_json_goes_to_the_dead_letter_stream_and_the_rest_flow(
    service: Service, body: bytes, content_type: str | None
) -> None:
    await service.start()
    headers = {"message-type": SOMETHING_HAPPENED}
    if content_type is not None:
        headers["content-type"] = content_type

    await service.broker.publish(body, stream=service.stream, headers=headers)
    await service.publisher().publish(a_message(2))

    await eventually(lambda: service.consumer.numbers == [2])
    (dead,) = await service.entries(service.dead_letter_stream)
    assert dead.body == body
    assert dead.headers["x-dead-letter-reason"].startswith("the body is not JSON")
    await eventually(service.nothing_pending)


async def test_a_dead_letter_received_without_a_correlation_id_takes_the_envelopes(
    service: Service,
) -> None:
    message = a_message(None)

    await RedisDeadLetterQueue(service.broker).put(
        service.group, message.to_json(), {"message-type": SOMETHING_HAPPENED}, "number: missing"
    )

    (dead,) = await service.entries(service.dead_letter_stream)
    assert dead.headers["correlation_id"] == str(message.correlation_id)


@pytest.mark.parametrize("body", [b"\xff not json", b'{"correlation_id": "not a uuid"}'])
async def test_a_dead_letter_that_names_no_flow_gets_no_correlation_id(
    service: Service, body: bytes
) -> None:
    await RedisDeadLetterQueue(service.broker).put(service.group, body, {}, "unreadable")

    (dead,) = await service.entries(service.dead_letter_stream)
    assert dead.body == body
    assert not dead.headers.get("correlation_id")


async def test_a_message_whose_receiver_raises_stays_pending_and_is_delivered_again(
    service: Service,
) -> None:
    dead_letters = DeadLettersThatCanBeDown(RedisDeadLetterQueue(service.broker), down=True)
    await service.start(dead_letters, claim_idle_seconds=0.2)
    publisher = service.publisher()
    malformed = a_message(None)

    await publisher.publish(malformed)
    await publisher.publish(a_message(2))

    # The dead-letter queue is down: the receiver raises, again and again.
    await eventually(lambda: service.consumer.numbers == [2] and dead_letters.attempts >= 3)
    assert await service.pending() == 1
    assert await service.entries(service.dead_letter_stream) == []
    dead_letters.down = False
    await eventually(service.nothing_pending)
    (dead,) = await service.entries(service.dead_letter_stream)
    assert dead.body == malformed.to_json()
    assert service.consumer.numbers == [2]


async def test_a_message_left_pending_by_a_process_that_died_is_delivered_again(
    service: Service,
) -> None:
    await service.redis.xgroup_create(service.stream, service.group, id="0", mkstream=True)
    await service.publisher().publish(a_message(1))
    # A consumer reads the entry, then dies before acknowledging it.
    await service.redis.xreadgroup(service.group, "died", {service.stream: ">"}, count=1)
    assert await service.pending() == 1

    await service.start(claim_idle_seconds=0.2)
    await service.publisher().publish(a_message(2))

    await eventually(lambda: sorted(service.consumer.numbers) == [1, 2])
    await eventually(service.nothing_pending)


async def test_connecting_raises_when_redis_does_not_answer() -> None:
    broker = RedisBroker("redis://127.0.0.1:1/0")
    connection = RedisConnection(broker, receivers=[], group_name="nobody", consumer="nobody-1")

    with pytest.raises(RedisConnectionError):
        await connection.connect()
    await connection.close()


class TestRedisDeadLetterBacklog(DeadLetterBacklogContract):
    @pytest.fixture
    async def consumer(self, redis: Redis) -> AsyncIterator[str]:
        name = f"test-{uuid4().hex[:12]}"
        yield name
        await redis.delete(dead_letter_stream(name), dead_letter_stream(f"{name}-other"))

    @pytest.fixture
    async def broker(self) -> AsyncIterator[RedisBroker]:
        broker = a_broker()
        await broker.connect()
        yield broker
        await broker.stop()

    @pytest.fixture
    def dead_letters(self, broker: RedisBroker) -> RedisDeadLetterQueue:
        return RedisDeadLetterQueue(broker)

    @pytest.fixture
    def backlog(self, broker: RedisBroker) -> RedisDeadLetterBacklog:
        return RedisDeadLetterBacklog(broker)
