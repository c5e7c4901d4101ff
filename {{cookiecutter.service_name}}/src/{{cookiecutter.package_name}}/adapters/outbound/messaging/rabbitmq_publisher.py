import asyncio
from collections.abc import Mapping
from uuid import UUID

from aio_pika import DeliveryMode
from aio_pika import Message as AmqpMessage
from aio_pika.abc import HeadersType
from faststream.rabbit import ExchangeType, RabbitBroker, RabbitExchange, RabbitQueue

from {{cookiecutter.package_name}}.application.messaging.message import Message, correlation_id_in

EVENTS_EXCHANGE = RabbitExchange("events", type=ExchangeType.TOPIC, durable=True)
"""Every service publishes to this topic exchange, with the message type as routing key."""

REASON_HEADER = "x-dead-letter-reason"


def dead_letter_queue(consumer: str) -> RabbitQueue:
    """The durable queue of `consumer`'s dead letters."""
    return RabbitQueue(f"{consumer}.dead-letter", durable=True)


class RabbitMessagePublisher:
    """The `MessagePublisher` port on RabbitMQ: a persistent message, confirmed by the broker.

    The routing key is the message type (`<context>.<event>`), so each consumer binds
    its queue to what it reads. RabbitMQ keeps a queue's order, so each aggregate's
    messages arrive in the order the relay sent them. `publish` returns only when the
    broker confirms it stored the message (publisher confirms).
    """

    def __init__(self, broker: RabbitBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def publish(self, message: Message) -> None:
        headers: HeadersType = dict(message.headers)
        # Bounded here: FastStream does not pass its own `timeout` on to the publish, and a
        # broker that stops answering without closing the connection would hold the relay
        # until the client's heartbeat gives up, minutes later.
        async with asyncio.timeout(self._timeout_seconds):
            await self._broker.publish(
                message.to_json(),
                exchange=EVENTS_EXCHANGE,
                routing_key=message.type,
                message_id=str(message.id),
                correlation_id=str(message.correlation_id),
                message_type=message.type,
                headers=headers,
                content_type="application/json",
                persist=True,
            )


class RabbitDeadLetterQueue:
    """The `DeadLetterQueue` port on RabbitMQ: a durable queue `<consumer>.dead-letter`.

    Each message keeps the body and headers as received, and the reason in the header
    `x-dead-letter-reason`. Its correlation id is the received header `correlation_id`,
    else the envelope's (a UUID either way); with neither, it has none.
    """

    def __init__(self, broker: RabbitBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        queue = dead_letter_queue(consumer)
        kept: HeadersType = {**headers, REASON_HEADER: reason[:1000]}
        # Built here: given no correlation id, FastStream would make one up.
        message = AmqpMessage(
            body,
            headers=kept,
            content_type="application/json",
            delivery_mode=DeliveryMode.PERSISTENT,
            correlation_id=_correlation_id(body, headers),
        )
        async with asyncio.timeout(self._timeout_seconds):
            await self._broker.declare_queue(queue)
            await self._broker.publish(message, queue=queue)


def _correlation_id(body: bytes, headers: Mapping[str, str]) -> str | None:
    """The received header `correlation_id` if it is a UUID, else the envelope's.

    Any other header value stays in the headers only: AMQP's `correlation_id` holds 255
    bytes at most, and a longer one would fail every attempt to dead-letter the message.
    """
    try:
        return str(UUID(headers["correlation_id"]))
    except (KeyError, ValueError):
        from_envelope = correlation_id_in(body)
        return None if from_envelope is None else str(from_envelope)
