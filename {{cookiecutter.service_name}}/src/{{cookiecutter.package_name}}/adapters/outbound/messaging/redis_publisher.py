import asyncio

from faststream.redis import RedisBroker

from {{cookiecutter.package_name}}.application.messaging.message import Message, correlation_id_in

EVENTS_STREAM = "events"
"""Every service appends every message to this one stream, so it keeps one order."""

REASON_HEADER = "x-dead-letter-reason"


def dead_letter_stream(consumer: str) -> str:
    """The stream of `consumer`'s dead letters."""
    return f"{consumer}.dead-letter"


class RedisMessagePublisher:
    """The `MessagePublisher` port on Redis Streams: one entry (XADD) on `events`.

    Every message of every type goes to the one stream, so each consumer group reads
    them in the order the relays appended them: each aggregate's messages stay in order,
    whatever their types. `publish` returns once Redis has answered XADD with the
    entry's id, and raises if it does not within the timeout.
    """

    def __init__(
        self, broker: RedisBroker, stream: str = EVENTS_STREAM, timeout_seconds: float = 5.0
    ) -> None:
        self._broker = broker
        self._stream = stream
        self._timeout_seconds = timeout_seconds

    async def publish(self, message: Message) -> None:
        # FastStream reads `message_id` back as the message's id on the consumer's side.
        headers = {**message.headers, "message_id": str(message.id)}
        async with asyncio.timeout(self._timeout_seconds):
            entry_id = await self._broker.publish(
                message.to_json(),
                stream=self._stream,
                headers=headers,
                correlation_id=str(message.correlation_id),
            )
        if not entry_id:
            raise ConnectionError(f"Redis did not store message {message.id} on {self._stream}")


class RedisDeadLetterQueue:
    """The `DeadLetterQueue` port on Redis Streams: a stream `<consumer>.dead-letter`.

    Each entry keeps the body and headers as received, and the reason in the header
    `x-dead-letter-reason`, in FastStream's format: a FastStream subscriber reads it back.
    The header `correlation_id` is the received one, else the envelope's; with neither,
    it is empty (the format always has it).
    """

    def __init__(self, broker: RedisBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        kept = {**headers, REASON_HEADER: reason[:1000]}
        # Given none, FastStream would make one up.
        kept.setdefault("correlation_id", str(correlation_id_in(body) or ""))
        async with asyncio.timeout(self._timeout_seconds):
            await self._broker.publish(body, stream=dead_letter_stream(consumer), headers=kept)
