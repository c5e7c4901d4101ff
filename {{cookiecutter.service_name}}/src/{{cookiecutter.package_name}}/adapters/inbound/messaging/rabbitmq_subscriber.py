from faststream import AckPolicy
from faststream.rabbit import ExchangeType, RabbitBroker, RabbitExchange, RabbitQueue
from faststream.rabbit.annotations import RabbitMessage

from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver

# The publishers' topic exchange, named here again: inbound adapters share no code with
# outbound ones, and the name is part of the contract between services.
EVENTS_EXCHANGE = RabbitExchange("events", type=ExchangeType.TOPIC, durable=True)


def subscribe(broker: RabbitBroker, receiver: MessageReceiver, queue_name: str) -> None:
    """Feed the durable queue `queue_name` to `receiver`, acknowledging after it returns.

    The receiver returns once the message's effects are committed (or it is
    dead-lettered); if it raises, the message is requeued and comes back (at least once).
    Bind the queue with `bind` once the broker is connected.
    """
    queue = RabbitQueue(queue_name, durable=True)

    @broker.subscriber(queue, ack_policy=AckPolicy.NACK_ON_ERROR)
    async def on_message(message: RabbitMessage) -> None:
        headers = {key: str(value) for key, value in message.headers.items()}
        await receiver.receive(message.body, headers)


async def bind(broker: RabbitBroker, receiver: MessageReceiver, queue_name: str) -> None:
    """Route to the queue every message of a type the receiver reads."""
    exchange = await broker.declare_exchange(EVENTS_EXCHANGE)
    queue = await broker.declare_queue(RabbitQueue(queue_name, durable=True))
    for message_type in sorted(receiver.message_types):
        await queue.bind(exchange, routing_key=message_type)
