"""The NATS JetStream adapters against a real server at `BROKER_URL` (127.0.0.1:4222)."""

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from dependency_injector import providers
from faststream.nats import NatsBroker
from nats.js.errors import NotFoundError

from {{cookiecutter.package_name}}.adapters.outbound.messaging.nats_dead_letters import (
    NatsDeadLetterBacklog,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.nats_publisher import (
    DEAD_LETTERS_STREAM,
    EVENTS_STREAM,
    REASON_HEADER,
    NatsDeadLetterQueue,
    NatsMessagePublisher,
    declare_streams,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue
from {{cookiecutter.package_name}}.bootstrap.brokers.nats import NatsConnection
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings

from tests.dead_letter_backlog_contract import DeadLetterBacklogContract
from tests.messaging import TRACEPARENT, UNREADABLE_BODIES, a_message, eventually

BROKER_URL = os.environ.get("BROKER_URL", "nats://127.0.0.1:4222")


@dataclass(frozen=True)
class Names:
    """What one test creates on the shared server, unique to it: nothing leaks between tests."""

    consumer: str
    message_type: str


class RecordingConsumer:
    """Reads one message type; a payload without `number` is malformed."""

    def __init__(self, message_type: str, log: list[object]) -> None:
        self.message_types = frozenset({message_type})
        self.log = log

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        if "number" not in payload:
            raise MalformedMessageError("number: field required")
        self.log.append(payload["number"])
        return True


@dataclass
class FailingFirstDeadLetterQueue:
    """The real dead-letter queue, unreachable the first `failures` times it is used."""

    inner: DeadLetterQueue
    log: list[object]
    failures: int = 1
    attempts: int = field(default=0, init=False)

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        self.attempts += 1
        if self.attempts <= self.failures:
            self.log.append("dead-letter queue down")
            raise ConnectionError("the dead-letter queue does not answer")
        await self.inner.put(consumer, body, headers, reason)
        self.log.append("dead-lettered")


class CuttableLink:
    """A TCP relay to the NATS server, on a port of its own, that the test can cut: the
    server gone away for a client connected through it (the shared server stays up)."""

    def __init__(self) -> None:
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def open(self) -> str:
        """Start relaying; the URL to connect to through the link."""
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"nats://127.0.0.1:{port}"

    def cut(self) -> None:
        """Stop listening and drop every connection."""
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.close()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        target = urlsplit(BROKER_URL)
        upstream_reader, upstream_writer = await asyncio.open_connection(
            target.hostname, target.port or 4222
        )
        self._writers += [writer, upstream_writer]
        await asyncio.gather(
            _copy(reader, upstream_writer), _copy(upstream_reader, writer), return_exceptions=True
        )


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def connected_broker() -> NatsBroker:
    broker = NatsBroker(BROKER_URL, logger=None)
    try:
        async with asyncio.timeout(5):
            await broker.connect()
    except TimeoutError:
        pytest.fail(f"NATS does not answer at {BROKER_URL}: start nats-server -js")
    await declare_streams(broker)
    return broker


@pytest.fixture
def names() -> Names:
    suffix = uuid4().hex[:12]
    return Names(consumer=f"test-{suffix}", message_type=f"tests.t{suffix}.something_happened")


@pytest.fixture
async def publisher_broker(names: Names) -> AsyncIterator[NatsBroker]:
    """A connected broker for the test's own use; what the test left on the server goes after."""
    broker = await connected_broker()
    yield broker
    jetstream = broker.connection.jetstream()
    with contextlib.suppress(NotFoundError):
        await jetstream.delete_consumer(EVENTS_STREAM, names.consumer)
    await jetstream.purge_stream(EVENTS_STREAM, subject=f"events.{names.message_type}")
    await jetstream.purge_stream(DEAD_LETTERS_STREAM, subject=f"dead-letter.{names.consumer}")
    await broker.stop()


@contextlib.asynccontextmanager
async def running_service(
    names: Names, log: list[object], dead_letters: Callable[[NatsBroker], DeadLetterQueue]
) -> AsyncIterator[None]:
    """The service's side: its own broker, its durable consumer fed to one receiver."""
    broker = NatsBroker(BROKER_URL, logger=None)
    receiver = MessageReceiver(
        RecordingConsumer(names.message_type, log),
        dead_letters(broker),
        names.consumer,
        RetryPolicy(max_attempts=2, first_backoff_seconds=0.01),
    )
    connection = NatsConnection(broker, [receiver], consumer_name=names.consumer)
    await connection.connect()
    try:
        yield
    finally:
        await connection.close()


async def test_published_messages_reach_the_consumer_in_order(
    names: Names, publisher_broker: NatsBroker
) -> None:
    handled: list[object] = []
    publisher = NatsMessagePublisher(publisher_broker)

    async with running_service(names, handled, NatsDeadLetterQueue):
        for number in range(1, 6):
            await publisher.publish(a_message(number, message_type=names.message_type))

        await eventually(lambda: len(handled) == 5)
    assert handled == [1, 2, 3, 4, 5]


async def test_a_malformed_message_goes_to_the_dead_letter_stream_and_the_next_one_flows(
    names: Names, publisher_broker: NatsBroker
) -> None:
    handled: list[object] = []
    publisher = NatsMessagePublisher(publisher_broker)
    malformed = a_message(None, message_type=names.message_type)

    async with running_service(names, handled, NatsDeadLetterQueue):
        await publisher.publish(malformed)
        await publisher.publish(a_message(2, message_type=names.message_type))

        await eventually(lambda: handled == [2])
    dead = await publisher_broker.connection.jetstream().get_last_msg(
        DEAD_LETTERS_STREAM, f"dead-letter.{names.consumer}"
    )
    assert dead.data == malformed.to_json()
    assert dead.headers is not None
    assert "number" in dead.headers[REASON_HEADER]
    assert dead.headers["message-type"] == names.message_type


@pytest.mark.parametrize(("body", "content_type"), UNREADABLE_BODIES)
async def test_a_body_that_is_not_json_goes_to_the_dead_letter_stream_and_the_next_one_flows(
    names: Names, publisher_broker: NatsBroker, body: bytes, content_type: str | None
) -> None:
    handled: list[object] = []
    jetstream = publisher_broker.connection.jetstream()
    headers = {} if content_type is None else {"content-type": content_type}

    async with running_service(names, handled, NatsDeadLetterQueue):
        await jetstream.publish(f"events.{names.message_type}", body, headers=headers)
        await NatsMessagePublisher(publisher_broker).publish(
            a_message(2, message_type=names.message_type)
        )

        await eventually(lambda: handled == [2])
    dead = await jetstream.get_last_msg(DEAD_LETTERS_STREAM, f"dead-letter.{names.consumer}")
    assert dead.data == body
    assert dead.headers is not None
    assert dead.headers[REASON_HEADER].startswith("the body is not JSON")


async def test_a_dead_letter_keeps_the_received_headers_and_a_one_line_reason(
    names: Names, publisher_broker: NatsBroker
) -> None:
    received = {
        "message-type": names.message_type,
        "traceparent": TRACEPARENT,
        "correlation_id": str(uuid4()),
        "Nats-Msg-Id": str(uuid4()),
        "Nats-Expected-Stream": EVENTS_STREAM,
    }

    await NatsDeadLetterQueue(publisher_broker).put(
        names.consumer, b"{}", received, "payload: invalid\nnot a number: \u00e9"
    )

    dead = await publisher_broker.connection.jetstream().get_last_msg(
        DEAD_LETTERS_STREAM, f"dead-letter.{names.consumer}"
    )
    assert dead.headers is not None
    assert dead.headers[REASON_HEADER] == "payload: invalid not a number: \\xe9"
    assert dead.headers["traceparent"] == received["traceparent"]
    assert dead.headers["correlation_id"] == received["correlation_id"]
    assert dead.headers["Nats-Msg-Id"] == f"{names.consumer}:{received['Nats-Msg-Id']}"


async def test_a_dead_letter_received_without_a_correlation_id_takes_the_envelopes(
    names: Names, publisher_broker: NatsBroker
) -> None:
    message = a_message(None, message_type=names.message_type)

    await NatsDeadLetterQueue(publisher_broker).put(
        names.consumer, message.to_json(), {"message-type": names.message_type}, "number: missing"
    )

    dead = await publisher_broker.connection.jetstream().get_last_msg(
        DEAD_LETTERS_STREAM, f"dead-letter.{names.consumer}"
    )
    assert dead.headers is not None
    assert dead.headers["correlation_id"] == str(message.correlation_id)


@pytest.mark.parametrize("body", [b"\xff not json", b'{"correlation_id": "not\\na uuid"}'])
async def test_a_dead_letter_that_names_no_flow_gets_no_correlation_id(
    names: Names, publisher_broker: NatsBroker, body: bytes
) -> None:
    await NatsDeadLetterQueue(publisher_broker).put(names.consumer, body, {}, "unreadable")

    dead = await publisher_broker.connection.jetstream().get_last_msg(
        DEAD_LETTERS_STREAM, f"dead-letter.{names.consumer}"
    )
    assert dead.data == body
    assert "correlation_id" not in (dead.headers or {})


async def test_a_message_whose_receiver_raises_is_not_acknowledged_and_comes_back_first(
    names: Names, publisher_broker: NatsBroker
) -> None:
    log: list[object] = []
    publisher = NatsMessagePublisher(publisher_broker)

    def dead_letters(broker: NatsBroker) -> DeadLetterQueue:
        return FailingFirstDeadLetterQueue(NatsDeadLetterQueue(broker), log)

    async with running_service(names, log, dead_letters):
        await publisher.publish(a_message(None, message_type=names.message_type))
        await publisher.publish(a_message(2, message_type=names.message_type))

        await eventually(lambda: 2 in log)
    # The malformed message was delivered again, and the next one waited for it.
    assert log == ["dead-letter queue down", "dead-lettered", 2]


async def test_a_message_published_before_the_consumer_first_connects_is_delivered_once_it_does(
    names: Names, publisher_broker: NatsBroker
) -> None:
    handled: list[object] = []
    publisher = NatsMessagePublisher(publisher_broker)
    await publisher.publish(a_message(1, message_type=names.message_type))

    async with running_service(names, handled, NatsDeadLetterQueue):
        await eventually(lambda: handled == [1])


async def test_a_message_sent_twice_is_stored_once(
    names: Names, publisher_broker: NatsBroker
) -> None:
    handled: list[object] = []
    publisher = NatsMessagePublisher(publisher_broker)
    message = a_message(1, message_type=names.message_type)

    async with running_service(names, handled, NatsDeadLetterQueue):
        await publisher.publish(message)
        await publisher.publish(message)
        await publisher.publish(a_message(2, message_type=names.message_type))

        await eventually(lambda: 2 in handled)
    assert handled == [1, 2]


async def test_a_stopped_service_gets_what_was_published_meanwhile_when_it_comes_back(
    names: Names, publisher_broker: NatsBroker
) -> None:
    handled: list[object] = []
    publisher = NatsMessagePublisher(publisher_broker)
    async with running_service(names, handled, NatsDeadLetterQueue):
        await publisher.publish(a_message(1, message_type=names.message_type))
        await eventually(lambda: handled == [1])

    await publisher.publish(a_message(2, message_type=names.message_type))
    async with running_service(names, handled, NatsDeadLetterQueue):
        await eventually(lambda: handled == [1, 2])


async def test_stopping_while_the_client_reconnects_is_one_warning_and_completes(
    names: Names,
    publisher_broker: NatsBroker,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    link = CuttableLink()
    settings = Settings(
        database_url=database_url, broker_url=await link.open(), service_name=names.consumer
    )
    container = Container()
    container.settings.override(providers.Object(settings))
    messaging = container.messaging()
    client = container.broker()
    messaging_logger = "{{cookiecutter.package_name}}.bootstrap.messaging"
    caplog.set_level(logging.INFO, logger=messaging_logger)
    await messaging.start(relay=False)
    await eventually(lambda: "broker connected" in caplog.messages)

    link.cut()
    await eventually(lambda: client.connection.is_reconnecting)
    caplog.clear()
    try:
        await messaging.stop()
    finally:
        # The test's own clean-up: with the link cut, bytes still unsent make closing fail.
        with contextlib.suppress(OSError):
            await client.connection.close()
        await container.engine().dispose()

    # The runtime's own lines: the consumer may be busy with the stream's history.
    [record] = [record for record in caplog.records if record.name == messaging_logger]
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        "broker not closed cleanly: ConnectionReconnectingError: nats: connection reconnecting"
    )


class TestNatsDeadLetterBacklog(DeadLetterBacklogContract):
    @pytest.fixture
    def consumer(self, names: Names) -> str:
        return names.consumer

    @pytest.fixture
    async def other_consumers_letters_purged(
        self, publisher_broker: NatsBroker, names: Names
    ) -> AsyncIterator[None]:
        yield
        jetstream = publisher_broker.connection.jetstream()
        subject = f"dead-letter.{names.consumer}-other"
        await jetstream.purge_stream(DEAD_LETTERS_STREAM, subject=subject)

    @pytest.fixture
    def dead_letters(
        self, publisher_broker: NatsBroker, other_consumers_letters_purged: None
    ) -> NatsDeadLetterQueue:
        return NatsDeadLetterQueue(publisher_broker)

    @pytest.fixture
    def backlog(self, publisher_broker: NatsBroker) -> NatsDeadLetterBacklog:
        return NatsDeadLetterBacklog(publisher_broker)
