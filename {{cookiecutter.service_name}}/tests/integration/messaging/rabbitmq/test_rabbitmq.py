"""The RabbitMQ adapters against a real server on 127.0.0.1 (`.ci/start-rabbitmq`)."""

import os
from collections.abc import AsyncIterator, Mapping
from typing import Any
from uuid import uuid4

import pytest
from faststream.rabbit import RabbitBroker, RabbitQueue

from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_publisher import (
    RabbitDeadLetterQueue,
    RabbitMessagePublisher,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.bootstrap.brokers.rabbitmq import RabbitMQConnection
from tests.messaging import a_message, eventually

BROKER_URL = os.environ.get("BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")


class RecordingConsumer:
    """Reads `tests.*` messages; a payload without `number` is malformed."""

    message_types = frozenset({"tests.something_happened"})

    def __init__(self) -> None:
        self.handled: list[object] = []

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        if "number" not in payload:
            raise MalformedMessageError("number: field required")
        self.handled.append(payload["number"])
        return True


@pytest.fixture
async def service() -> AsyncIterator[tuple[RabbitBroker, RecordingConsumer, str]]:
    """A connected broker feeding a fresh queue to a receiver; the queues are deleted after."""
    queue_name = f"test-{uuid4().hex[:12]}"
    broker = RabbitBroker(BROKER_URL, logger=None)
    consumer = RecordingConsumer()
    receiver = MessageReceiver(
        consumer, RabbitDeadLetterQueue(broker), queue_name, RetryPolicy(max_attempts=2)
    )
    connection = RabbitMQConnection(broker, [receiver], queue_name)
    try:
        await connection.connect()
    except OSError as error:
        pytest.fail(f"RabbitMQ is not reachable at {BROKER_URL} ({error}): run .ci/start-rabbitmq")
    yield broker, consumer, queue_name
    for name in (queue_name, f"{queue_name}.dead-letter"):
        queue = await broker.declare_queue(_queue(name))
        await queue.delete(if_unused=False, if_empty=False)
    await connection.close()


def _queue(name: str) -> RabbitQueue:
    return RabbitQueue(name, durable=True)


async def test_a_published_message_reaches_the_consumer_in_order(
    service: tuple[RabbitBroker, RecordingConsumer, str],
) -> None:
    broker, consumer, _ = service
    publisher = RabbitMessagePublisher(broker)

    for number in range(1, 6):
        await publisher.publish(a_message(number))

    await eventually(lambda: len(consumer.handled) == 5)
    assert consumer.handled == [1, 2, 3, 4, 5]


async def test_a_malformed_message_goes_to_the_dead_letter_queue_and_the_rest_flow(
    service: tuple[RabbitBroker, RecordingConsumer, str],
) -> None:
    broker, consumer, queue_name = service
    publisher = RabbitMessagePublisher(broker)

    await publisher.publish(a_message(None))
    await publisher.publish(a_message(2))

    await eventually(lambda: consumer.handled == [2])
    dead = await broker.declare_queue(_queue(f"{queue_name}.dead-letter"))
    kept = await dead.get(timeout=5, fail=False)
    assert kept is not None
    assert Message.from_json(kept.body).payload == {}
    assert "number" in str(kept.headers["x-dead-letter-reason"])
