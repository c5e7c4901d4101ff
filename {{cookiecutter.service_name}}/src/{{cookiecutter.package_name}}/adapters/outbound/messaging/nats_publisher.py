import logging

from faststream.nats import NatsBroker
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

from {{cookiecutter.package_name}}.application.messaging.message import Message, correlation_id_in

logger = logging.getLogger(__name__)

EVENTS_STREAM = "events"
"""Every service publishes here, on subject `events.<message type>`, and reads its own
durable consumer of it."""

DEAD_LETTERS_STREAM = "dead-letters"
"""Every consumer's dead letters, on subject `dead-letter.<consumer>`."""

STREAMS = (
    # Messages are kept for `max_age` seconds whether read or not: a service that starts
    # later, or was down, still gets them. Within `duplicate_window` seconds, a message
    # whose `Nats-Msg-Id` (the message id) was stored before is dropped: a relay's
    # re-send is stored once.
    StreamConfig(
        name=EVENTS_STREAM,
        description="Integration events between services, on subject events.<message type>",
        subjects=["events.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        discard=DiscardPolicy.OLD,
        max_age=7 * 24 * 3600,
        duplicate_window=120,
    ),
    # Kept until someone deletes them: they are for people to look at.
    StreamConfig(
        name=DEAD_LETTERS_STREAM,
        description="Messages a consumer gave up on, on subject dead-letter.<consumer>",
        subjects=["dead-letter.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        discard=DiscardPolicy.OLD,
        duplicate_window=120,
    ),
)
"""What every service declares, the same everywhere."""

REASON_HEADER = "x-dead-letter-reason"

_STREAM_CONFIGURED_OTHERWISE = 10058
"""JetStream's error code: the stream exists, with another configuration."""


async def declare_streams(broker: NatsBroker) -> None:
    """Create the `STREAMS` unless they exist; the broker must be connected.

    Creating a stream that exists with the same configuration changes nothing. One that
    exists with another configuration (an operator raised its limits or replicas, or an
    older service declared it) is kept as it is.
    """
    jetstream = broker.connection.jetstream()
    for stream in STREAMS:
        try:
            await jetstream.add_stream(stream)
        except BadRequestError as error:
            if error.err_code != _STREAM_CONFIGURED_OTHERWISE:
                raise
            logger.warning("stream %s exists with another configuration; kept", stream.name)


class NatsMessagePublisher:
    """The `MessagePublisher` port on NATS JetStream: stored in stream `events`, or raise.

    The subject is `events.<message type>`, so each consumer filters the types it reads.
    A stream keeps the order it stored messages in, so each aggregate's messages arrive
    in the order the relay sent them. `publish` returns only once JetStream answers that
    it stored the message (its PubAck); it raises if JetStream refuses, or does not answer
    within `timeout_seconds`. The message id goes as `Nats-Msg-Id`: JetStream drops a
    message it already stored within the stream's duplicate window.
    """

    def __init__(self, broker: NatsBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def publish(self, message: Message) -> None:
        headers = {
            **message.headers,
            "content-type": "application/json",
            "Nats-Msg-Id": str(message.id),
        }
        await self._broker.publish(
            message.to_json(),
            subject=f"events.{message.type}",
            headers=headers,
            correlation_id=str(message.correlation_id),
            stream=EVENTS_STREAM,
            timeout=self._timeout_seconds,
        )


class NatsDeadLetterQueue:
    """The `DeadLetterQueue` port on NATS JetStream: stream `dead-letters`.

    Each consumer's dead letters have the subject `dead-letter.<consumer>`; the body and
    headers are the received ones, and `x-dead-letter-reason` says why. `put` returns
    once JetStream stored it, and raises otherwise. Putting the same received message
    twice (its redelivery) within the duplicate window stores it once. The header
    `correlation_id` is the received one, else the envelope's; with neither, there is none.
    """

    def __init__(self, broker: NatsBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        # JetStream's own headers (`Nats-*`) describe the first publication; drop them.
        kept = {key: value for key, value in headers.items() if not key.lower().startswith("nats-")}
        kept[REASON_HEADER] = _header_value(reason)[:1000]
        if message_id := headers.get("Nats-Msg-Id"):
            kept["Nats-Msg-Id"] = f"{consumer}:{message_id}"
        if "correlation_id" not in kept and (correlation_id := correlation_id_in(body)):
            kept["correlation_id"] = str(correlation_id)
        # JetStream's own client: FastStream's would make up a correlation id when none is.
        await self._broker.connection.jetstream().publish(
            f"dead-letter.{consumer}",
            body,
            timeout=self._timeout_seconds,
            stream=DEAD_LETTERS_STREAM,
            headers=kept,
        )


def _header_value(text: str) -> str:
    """`text` as a header value can be: one line of ASCII (others are escaped)."""
    return " ".join(text.splitlines()).encode("ascii", "backslashreplace").decode("ascii")
