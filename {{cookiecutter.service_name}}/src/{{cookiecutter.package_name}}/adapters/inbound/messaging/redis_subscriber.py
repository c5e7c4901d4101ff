import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from faststream import AckPolicy, StreamMessage
from faststream.redis import RedisBroker, StreamSub
from faststream.redis.annotations import RedisStreamMessage
from redis.exceptions import ResponseError

from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver

logger = logging.getLogger(__name__)

# The publishers' stream, named here again: inbound adapters share no code with
# outbound ones, and the name is part of the contract between services.
EVENTS_STREAM = "events"

GROUP_START_ID = "0"
"""Where a new group starts reading: the stream's first entry. A service that starts
after others already published still gets every message kept in the stream, instead
of only those appended after its group exists."""


def subscribe(
    broker: RedisBroker,
    receivers: Sequence[MessageReceiver],
    group_name: str,
    consumer: str,
    claim_idle_seconds: float,
    stream: str = EVENTS_STREAM,
) -> None:
    """Feed the group's entries to the receivers, acknowledging (XACK) each after.

    An entry goes to every receiver that reads its type (header `message-type`), and is
    acknowledged once they return: after the effects are committed, or the message is
    dead-lettered. An entry nobody reads is acknowledged at once. If a receiver raises,
    the entry stays pending. Two readers share the consumer: one reads new entries, one
    at a time (XREADGROUP `>`); the other takes over entries pending for longer than
    `claim_idle_seconds` in any consumer of the group (XAUTOCLAIM), left by a receiver
    that raised or by a process that died, and hands them over again (at least once),
    after the entries read since. Create the group with `declare_group` before the
    broker starts.
    """
    idle_ms = max(1, round(claim_idle_seconds * 1000))
    # One entry per read: an entry read in a batch would grow idle while it waits for the
    # ones before it, and be claimed a second time while still in this process.
    new_entries = StreamSub(stream, group=group_name, consumer=consumer, max_records=1)
    # With nothing to claim, the claimer looks again after `polling_interval` ms.
    stale_entries = StreamSub(
        stream,
        group=group_name,
        consumer=consumer,
        min_idle_time=idle_ms,
        polling_interval=min(idle_ms, 1000),
    )
    for entries in (new_entries, stale_entries):
        subscriber = broker.subscriber(
            stream=entries, ack_policy=AckPolicy.NACK_ON_ERROR, decoder=_undecoded
        )
        subscriber(_feed(receivers))


def _feed(receivers: Sequence[MessageReceiver]) -> Callable[..., Awaitable[None]]:
    async def on_message(message: RedisStreamMessage) -> None:
        headers = {key: str(value) for key, value in message.headers.items()}
        message_type = headers.get("message-type", "")
        try:
            for receiver in receivers:
                if message_type in receiver.message_types:
                    await receiver.receive(message.body, headers)
        except Exception:
            logger.warning(
                "message %s left pending for redelivery", message.message_id, exc_info=True
            )
            raise

    return on_message


async def _undecoded(message: StreamMessage[Any]) -> bytes:
    """The body as received. FastStream's own decoder reads JSON before the handler runs,
    and a body it cannot read would fail there, out of reach of the receiver, which
    dead-letters it: it would then stay pending, delivered again and again."""
    body: bytes = message.body
    return body


async def declare_group(broker: RedisBroker, group_name: str, stream: str = EVENTS_STREAM) -> None:
    """Create the group (and the stream) unless it exists; it starts at `GROUP_START_ID`.

    FastStream would create it at the stream's end, skipping what is already there.
    """
    client = await broker.connect()
    try:
        await client.xgroup_create(stream, group_name, id=GROUP_START_ID, mkstream=True)
    except ResponseError as error:
        if "BUSYGROUP" not in str(error):
            raise
