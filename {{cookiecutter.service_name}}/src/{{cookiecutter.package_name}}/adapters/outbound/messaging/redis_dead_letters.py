import asyncio
from collections.abc import AsyncGenerator

from faststream.redis import RedisBroker

from {{cookiecutter.package_name}}.adapters.outbound.messaging.redis_publisher import (
    REASON_HEADER,
    dead_letter_stream,
)
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetter

DATA_FIELD = b"__data__"
"""The entry's field that holds a message in FastStream's format."""


class RedisDeadLetterBacklog:
    """The `DeadLetterBacklog` port on Redis Streams: the stream `<consumer>.dead-letter`.

    Entries are read one at a time (XRANGE), up to the last one the stream held when the
    iteration began: a letter buried meanwhile comes after it. Reading changes nothing;
    removing deletes the entry (XDEL). Each entry is read back in the format the broker
    writes (`RedisDeadLetterQueue` puts them through it).
    """

    def __init__(self, broker: RedisBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def letters(self, consumer: str) -> AsyncGenerator[DeadLetter, None]:
        stream = dead_letter_stream(consumer)
        client = await self._broker.connect()
        async with asyncio.timeout(self._timeout_seconds):
            newest = await client.xrevrange(stream, count=1)
        last_id, after = (newest[0][0] if newest else None), "-"
        if last_id is None:
            return
        while True:
            async with asyncio.timeout(self._timeout_seconds):
                entries = await client.xrange(stream, min=after, max=last_id, count=1)
            if not entries:
                return
            entry_id, fields = entries[0]
            data = (fields or {}).get(DATA_FIELD)
            if not isinstance(entry_id, bytes) or not isinstance(data, bytes):
                msg = f"{stream}: entry {entry_id!r} holds no message in field {DATA_FIELD!r}"
                raise ValueError(msg)
            body, stored_headers = self._broker.message_format.parse(data)
            headers = {key: str(value) for key, value in stored_headers.items()}
            reason = headers.pop(REASON_HEADER, "")
            position = entry_id.decode()
            yield DeadLetter(consumer, body, headers, reason, position)
            after = f"({position}"  # exclusive: the entries after this one

    async def remove(self, letter: DeadLetter) -> None:
        client = await self._broker.connect()
        async with asyncio.timeout(self._timeout_seconds):
            await client.xdel(dead_letter_stream(letter.consumer), letter.position)
