import asyncio
from typing import Any

from faststream import AckPolicy, StreamMessage
from faststream.rabbit import Channel, ExchangeType, RabbitBroker, RabbitExchange, RabbitQueue
from faststream.rabbit.annotations import RabbitMessage

from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver

# The publishers' topic exchange, named here again: inbound adapters share no code with
# outbound ones, and the name is part of the contract between services.
EVENTS_EXCHANGE = RabbitExchange("events", type=ExchangeType.TOPIC, durable=True)

MAX_REQUEUE_DELAY_SECONDS = 5.0
"""The longest a message the receiver raised on is held before it is requeued: short enough
that stopping the service (which waits for the message in hand) stays quick."""


def service_queue(queue_name: str) -> RabbitQueue:
    """The service's durable queue, bound to the message types it reads."""
    return RabbitQueue(queue_name, durable=True)


def subscribe(broker: RabbitBroker, receiver: MessageReceiver, queue_name: str) -> None:
    """Feed the durable queue `queue_name` to `receiver`, acknowledging after it returns.

    The receiver returns once the message's effects are committed (or it is
    dead-lettered); if it raises, the message is requeued and comes back (at least once),
    before the messages behind it. RabbitMQ requeues at once, so the message is held first,
    for a delay that doubles with each failure in a row, from 1 s up to
    `MAX_REQUEUE_DELAY_SECONDS`: while the database is away, the service then tries a few
    times a minute, not a hundred times a second.
    Bind the queue with `bind` once the broker is connected.
    """
    queue = service_queue(queue_name)
    # One unacknowledged message at a time: aio-pika hands each delivery to a task of its
    # own, so with more in flight a later message could be handled first, and an aggregate's
    # messages would lose the order the relay sent them in.
    one_at_a_time = Channel(prefetch_count=1)
    failures_in_a_row = 0

    @broker.subscriber(
        queue, channel=one_at_a_time, ack_policy=AckPolicy.NACK_ON_ERROR, decoder=_undecoded
    )
    async def on_message(message: RabbitMessage) -> None:
        nonlocal failures_in_a_row
        headers = {key: str(value) for key, value in message.headers.items()}
        try:
            await receiver.receive(message.body, headers)
        except Exception:
            failures_in_a_row += 1
            await asyncio.sleep(requeue_delay(failures_in_a_row))
            raise
        failures_in_a_row = 0


def requeue_delay(failures_in_a_row: int) -> float:
    """Seconds a message is held before it is requeued, after that many failures in a row."""
    return min(2.0 ** (max(failures_in_a_row, 1) - 1), MAX_REQUEUE_DELAY_SECONDS)


async def _undecoded(message: StreamMessage[Any]) -> bytes:
    """The body as received. FastStream's own decoder reads JSON before the handler runs,
    and a body it cannot read would fail there, out of reach of the receiver, which
    dead-letters it: it would then be requeued, again and again."""
    body: bytes = message.body
    return body


async def bind(broker: RabbitBroker, receiver: MessageReceiver, queue_name: str) -> None:
    """Route to the queue every message of a type the receiver reads."""
    exchange = await broker.declare_exchange(EVENTS_EXCHANGE)
    queue = await broker.declare_queue(service_queue(queue_name))
    for message_type in sorted(receiver.message_types):
        await queue.bind(exchange, routing_key=message_type)
