"""The RabbitMQ adapters against a real server at `BROKER_URL` (127.0.0.1:5672).

Each test reads a queue of its own, bound to the shared `events` exchange, and deletes it
(and its dead-letter queue) after.
"""

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from aio_pika.abc import AbstractIncomingMessage
from faststream.rabbit import RabbitBroker, RabbitQueue

from {{cookiecutter.package_name}}.adapters.inbound.messaging.rabbitmq_subscriber import (
    EVENTS_EXCHANGE,
    requeue_delay,
    service_queue,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_dead_letters import (
    RabbitDeadLetterBacklog,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_publisher import (
    RabbitDeadLetterQueue,
    RabbitMessagePublisher,
    dead_letter_queue,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue
from {{cookiecutter.package_name}}.bootstrap.brokers.rabbitmq import RabbitMQConnection

from tests.dead_letter_backlog_contract import DeadLetterBacklogContract
from tests.messaging import UNREADABLE_BODIES, DeadLettersThatCanBeDown, a_message, eventually

BROKER_URL = os.environ.get("BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")


class RecordingConsumer:
    """Reads one message type; a payload without `number` is malformed."""

    def __init__(self, message_type: str) -> None:
        self.message_types = frozenset({message_type})
        self.handled: list[object] = []
        self.seconds_to_handle: Callable[[int], float] = lambda number: 0.0

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        if "number" not in payload:
            raise MalformedMessageError("number: field required")
        await asyncio.sleep(self.seconds_to_handle(payload["number"]))
        self.handled.append(payload["number"])
        return True


class Service:
    """The service's side, which a test can start and stop: a broker of its own feeding the
    queue to one receiver. The test's side publishes through `broker`."""

    def __init__(self, broker: RabbitBroker) -> None:
        self.broker = broker
        # Of its own: the exchange is shared, and so is the server when test runs overlap.
        suffix = uuid4().hex[:12]
        self.queue_name = f"test-{suffix}"
        self.message_type = f"tests.t{suffix}.something_happened"
        self.consumer = RecordingConsumer(self.message_type)
        self._connection: RabbitMQConnection | None = None

    async def start(self, dead_letters: DeadLetterQueue | None = None) -> None:
        broker = RabbitBroker(BROKER_URL, logger=None)
        receiver = MessageReceiver(
            self.consumer,
            dead_letters or RabbitDeadLetterQueue(broker),
            self.queue_name,
            RetryPolicy(max_attempts=2, first_backoff_seconds=0.01),
        )
        self._connection = RabbitMQConnection(broker, [receiver], self.queue_name)
        await self._connection.connect()

    async def stop(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None

    async def publish(self, number: int | None) -> Message:
        """Send a message of the service's type; with None, a malformed one."""
        message = a_message(number, message_type=self.message_type)
        await RabbitMessagePublisher(self.broker).publish(message)
        return message

    async def next_dead_letter(self) -> tuple[bytes, str]:
        """The next body in the dead-letter queue, and its reason; waits until one is."""
        dead = await self.next_dead_message()
        return dead.body, str(dead.headers["x-dead-letter-reason"])

    async def next_dead_message(self) -> AbstractIncomingMessage:
        """The next message in the dead-letter queue, as RabbitMQ has it; waits until one is."""
        queue = await self.broker.declare_queue(_queue(f"{self.queue_name}.dead-letter"))
        kept: list[AbstractIncomingMessage] = []

        async def arrived() -> bool:
            message = await queue.get(timeout=5, fail=False)
            if message is not None:
                kept.append(message)
            return bool(kept)

        await eventually(arrived)
        return kept[0]


@pytest.fixture
async def service() -> AsyncIterator[Service]:
    broker = RabbitBroker(BROKER_URL, logger=None)
    try:
        await broker.connect()
    except OSError as error:
        pytest.fail(f"RabbitMQ is not reachable at {BROKER_URL} ({error}): start rabbitmq-server")
    service = Service(broker)
    yield service
    await service.stop()
    dead_letters = _queue(f"{service.queue_name}.dead-letter")
    for declared in (service_queue(service.queue_name), dead_letters):
        queue = await broker.declare_queue(declared)
        await queue.delete(if_unused=False, if_empty=False)
    await broker.stop()


def _queue(name: str) -> RabbitQueue:
    return RabbitQueue(name, durable=True)


async def test_published_messages_are_handled_one_at_a_time_in_order(service: Service) -> None:
    # The earlier a message, the longer it takes: handled side by side, they would finish
    # in reverse.
    service.consumer.seconds_to_handle = lambda number: 0.05 / number
    await service.start()

    for number in range(1, 6):
        await service.publish(number)

    await eventually(lambda: len(service.consumer.handled) == 5)
    assert service.consumer.handled == [1, 2, 3, 4, 5]


async def test_a_malformed_message_goes_to_the_dead_letter_queue_and_the_rest_flow(
    service: Service,
) -> None:
    await service.start()

    await service.publish(None)
    await service.publish(2)

    await eventually(lambda: service.consumer.handled == [2])
    dead, reason = await service.next_dead_letter()
    assert Message.from_json(dead).payload == {}
    assert "number" in reason


@pytest.mark.parametrize(("body", "content_type"), UNREADABLE_BODIES)
async def test_a_body_that_is_not_json_goes_to_the_dead_letter_queue_and_the_rest_flow(
    service: Service, body: bytes, content_type: str | None
) -> None:
    await service.start()

    await service.broker.publish(
        body, exchange=EVENTS_EXCHANGE, routing_key=service.message_type, content_type=content_type
    )
    await service.publish(2)

    await eventually(lambda: service.consumer.handled == [2])
    dead, reason = await service.next_dead_letter()
    assert dead == body
    assert reason.startswith("the body is not JSON")


async def test_a_dead_letter_keeps_the_correlation_id_of_the_envelope(service: Service) -> None:
    await service.start()

    malformed = await service.publish(None)

    dead = await service.next_dead_message()
    assert dead.correlation_id == str(malformed.correlation_id)


async def test_a_dead_letter_received_with_a_correlation_id_header_keeps_it(
    service: Service,
) -> None:
    received = {"message-type": service.message_type, "correlation_id": str(uuid4())}

    await RabbitDeadLetterQueue(service.broker).put(
        service.queue_name, a_message(None).to_json(), received, "number: missing"
    )

    dead = await service.next_dead_message()
    assert dead.correlation_id == received["correlation_id"]


@pytest.mark.parametrize(
    ("body", "received"),
    [
        pytest.param(b"\xff not json", {}, id="not-json"),
        pytest.param(b'{"correlation_id": "not a uuid"}', {}, id="not-a-uuid"),
        pytest.param(b"\xff not json", {"correlation_id": "x" * 300}, id="header-too-long"),
    ],
)
async def test_a_dead_letter_that_names_no_flow_gets_no_correlation_id(
    service: Service, body: bytes, received: dict[str, str]
) -> None:
    await RabbitDeadLetterQueue(service.broker).put(service.queue_name, body, received, "why")

    dead = await service.next_dead_message()
    assert dead.body == body
    assert dead.correlation_id is None


async def test_a_message_whose_receiver_raises_is_requeued_and_comes_back_first(
    service: Service,
) -> None:
    dead_letters = DeadLettersThatCanBeDown(RabbitDeadLetterQueue(service.broker), down=True)
    await service.start(dead_letters)
    malformed = await service.publish(None)
    await service.publish(2)

    # The dead-letter queue is down: the receiver raises, the message comes back, and the
    # next one waits behind it.
    await eventually(lambda: dead_letters.attempts >= 3)
    assert service.consumer.handled == []
    dead_letters.down = False
    dead, reason = await service.next_dead_letter()
    assert Message.from_json(dead).id == malformed.id
    assert "number" in reason
    await eventually(lambda: service.consumer.handled == [2])


async def test_a_message_whose_receiver_keeps_raising_is_held_before_each_requeue(
    service: Service,
) -> None:
    dead_letters = DeadLettersThatCanBeDown(RabbitDeadLetterQueue(service.broker), down=True)
    await service.start(dead_letters)
    await service.publish(None)

    # Held 1 s before it goes back, where RabbitMQ alone would requeue it at once and
    # deliver it dozens of times a second. A busy machine can only make the wait longer.
    await eventually(lambda: dead_letters.attempts >= 1)
    first = time.monotonic()
    await eventually(lambda: dead_letters.attempts >= 2)

    assert time.monotonic() - first >= 0.9
    assert [requeue_delay(failures) for failures in range(1, 6)] == [1, 2, 4, 5, 5]


async def test_a_stopped_service_gets_what_was_published_meanwhile_when_it_comes_back(
    service: Service,
) -> None:
    await service.start()
    await service.publish(1)
    await eventually(lambda: service.consumer.handled == [1])
    await service.stop()

    # Its queue is durable and still bound: RabbitMQ keeps what arrives for it.
    await service.publish(2)
    await service.start()

    await eventually(lambda: service.consumer.handled == [1, 2])


class StallingProxy:
    """A TCP relay to the broker that can stop relaying: a broker that stops answering
    without closing the connection, as a hung host or a network partition does."""

    def __init__(self, url: str) -> None:
        target = urlsplit(url)
        self._target = (target.hostname or "127.0.0.1", target.port or 5672)
        self._url = url
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._writers: list[asyncio.StreamWriter] = []
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> "StallingProxy":
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        self._flowing.set()  # the pipes wake, find their sockets gone, and end

    @property
    def url(self) -> str:
        """The broker's URL, through the relay."""
        assert self._server is not None
        port = self._server.sockets[0].getsockname()[1]
        target = urlsplit(self._url)
        credentials = f"{target.username}:{target.password}"
        return target._replace(netloc=f"{credentials}@127.0.0.1:{port}").geturl()

    def stall(self) -> None:
        self._flowing.clear()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self._target)
        self._writers += [writer, upstream_writer]
        await asyncio.gather(
            self._pipe(reader, upstream_writer),
            self._pipe(upstream_reader, writer),
            return_exceptions=True,
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            await self._flowing.wait()
            writer.write(data)
            await writer.drain()


async def publish_a_message(broker: RabbitBroker) -> None:
    await RabbitMessagePublisher(broker, timeout_seconds=0.5).publish(a_message(1))


async def dead_letter_a_message(broker: RabbitBroker) -> None:
    dead_letters = RabbitDeadLetterQueue(broker, timeout_seconds=0.5)
    await dead_letters.put(f"test-{uuid4().hex[:12]}", b"{}", {}, "a reason")


@pytest.mark.parametrize("send", [publish_a_message, dead_letter_a_message])
async def test_a_broker_that_stops_answering_fails_a_send_within_its_timeout(
    send: Callable[[RabbitBroker], Awaitable[None]],
) -> None:
    async with StallingProxy(BROKER_URL) as proxy:
        broker = RabbitBroker(proxy.url, logger=None)
        await broker.connect()
        try:
            proxy.stall()
            started = time.monotonic()
            # The outer bound turns a send that never gives up into a failure, not a hang.
            async with asyncio.timeout(30):
                with pytest.raises(TimeoutError):
                    await send(broker)
            waited = time.monotonic() - started
        finally:
            await proxy.__aexit__()
            with contextlib.suppress(Exception):
                async with asyncio.timeout(10):
                    await broker.stop()

    assert waited < 3, f"the send took {waited:.1f}s to give up"


@pytest.fixture
async def broker() -> AsyncIterator[RabbitBroker]:
    broker = RabbitBroker(BROKER_URL, logger=None)
    await broker.connect()
    yield broker
    await broker.stop()


class TestRabbitDeadLetterBacklog(DeadLetterBacklogContract):
    @pytest.fixture
    async def consumer(self, broker: RabbitBroker) -> AsyncIterator[str]:
        name = f"test-{uuid4().hex[:12]}"
        yield name
        for owner in (name, f"{name}-other"):
            queue = await broker.declare_queue(dead_letter_queue(owner))
            await queue.delete(if_unused=False, if_empty=False)

    @pytest.fixture
    def dead_letters(self, broker: RabbitBroker) -> RabbitDeadLetterQueue:
        return RabbitDeadLetterQueue(broker)

    @pytest.fixture
    def backlog(self, broker: RabbitBroker) -> RabbitDeadLetterBacklog:
        return RabbitDeadLetterBacklog(broker)
