import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from faststream import AckPolicy, StreamMessage
from faststream.nats import JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js import api

from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver

logger = logging.getLogger(__name__)

# The publishers' stream and subjects, named here again: inbound adapters share no code
# with outbound ones, and the names are part of the contract between services.
EVENTS_STREAM = "events"
SUBJECT_PREFIX = "events."

ACK_WAIT_SECONDS = 30.0
"""How long JetStream waits for the acknowledgement of a message it delivered before it
delivers it again (its process died). Keep it well above the time one message takes to
handle, the receiver's retries included."""

MAX_REDELIVERY_DELAY_SECONDS = 30.0


def consumer_config(consumer_name: str, receivers: Sequence[MessageReceiver]) -> api.ConsumerConfig:
    """The service's durable consumer of `events`: the subjects of the types it reads.

    It starts at the stream's first message (`DeliverPolicy.ALL`): a service whose
    consumer is created after others published still gets every message the stream
    kept, and not only those stored after. Once it exists, it goes on from where it was.
    It hands out one message at a time (`max_ack_pending=1`) and the next only after
    the acknowledgement, even to several processes of the service: messages are handled
    in stream order, and a message that comes back comes back before the next one.
    It redelivers forever (`max_deliver=-1`): the receiver dead-letters what it gives up on.
    """
    return api.ConsumerConfig(
        name=consumer_name,
        durable_name=consumer_name,
        deliver_policy=api.DeliverPolicy.ALL,
        ack_policy=api.AckPolicy.EXPLICIT,
        ack_wait=ACK_WAIT_SECONDS,
        max_deliver=-1,
        max_ack_pending=1,
        filter_subjects=[SUBJECT_PREFIX + name for name in types_read_by(receivers)],
    )


def types_read_by(receivers: Sequence[MessageReceiver]) -> list[str]:
    """Every type that one of the receivers reads, sorted."""
    return sorted(
        {message_type for receiver in receivers for message_type in receiver.message_types}
    )


def subscribe(broker: NatsBroker, receivers: Sequence[MessageReceiver], consumer_name: str) -> None:
    """Feed the durable consumer `consumer_name` to the receivers, acknowledging after.

    A message goes to every receiver that reads its type, and is acknowledged once they
    return: after the effects are committed, or the message is dead-lettered. If one
    raises (the dead-letter queue is unreachable), the message is not acknowledged: it is
    handed back (nak) and JetStream delivers it again after a delay that doubles with each
    delivery, from 1 s up to `MAX_REDELIVERY_DELAY_SECONDS` (at least once). Create the
    consumer with `declare_consumer` before the broker starts.
    """
    subscriber = broker.subscriber(
        config=consumer_config(consumer_name, receivers),
        durable=consumer_name,
        stream=JStream(EVENTS_STREAM, declare=False),
        # One message per pull: FastStream handles the messages of one pull concurrently.
        pull_sub=PullSub(batch_size=1),
        ack_policy=AckPolicy.MANUAL,
        no_reply=True,
        decoder=_undecoded,
    )
    subscriber(_feed(receivers))


def _feed(receivers: Sequence[MessageReceiver]) -> Callable[..., Awaitable[None]]:
    async def on_message(message: NatsMessage) -> None:
        raw = message.raw_message
        message_type = raw.subject.removeprefix(SUBJECT_PREFIX)
        headers = {key: str(value) for key, value in message.headers.items()}
        try:
            for receiver in receivers:
                if message_type in receiver.message_types:
                    await receiver.receive(message.body, headers)
        except asyncio.CancelledError:
            # The process is stopping: hand the message back now, not after `ack_wait`.
            with contextlib.suppress(Exception):
                await message.nack()
            raise
        except Exception:
            delay = redelivery_delay(raw.metadata.num_delivered)
            logger.warning(
                "message %s not acknowledged; delivered again in %.0f s",
                headers.get("Nats-Msg-Id", raw.subject),
                delay,
                exc_info=True,
            )
            await message.nack(delay=delay)
        else:
            await message.ack()

    return on_message


async def _undecoded(message: StreamMessage[Any]) -> bytes:
    """The body as received. FastStream's own decoder reads JSON before the handler runs,
    and a body it cannot read would fail there, out of reach of the receiver, which
    dead-letters it: on NATS, that one message would then block the consumer for good."""
    body: bytes = message.body
    return body


def redelivery_delay(deliveries: int) -> float:
    """Seconds before a message handed back after its `deliveries`-th delivery comes back."""
    return min(2.0 ** (max(deliveries, 1) - 1), MAX_REDELIVERY_DELAY_SECONDS)


async def declare_consumer(
    broker: NatsBroker, receivers: Sequence[MessageReceiver], consumer_name: str
) -> None:
    """Create the durable consumer, or update its subjects to the types read now.

    The broker must be connected and the stream must exist. A type added later is read
    from the consumer's position on, not from the stream's start.
    """
    jetstream = broker.connection.jetstream()
    await jetstream.add_consumer(EVENTS_STREAM, consumer_config(consumer_name, receivers))
