from collections.abc import AsyncGenerator

from faststream.nats import NatsBroker
from nats.js.errors import NotFoundError

from {{cookiecutter.package_name}}.adapters.outbound.messaging.nats_publisher import (
    DEAD_LETTERS_STREAM,
    REASON_HEADER,
)
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetter


class NatsDeadLetterBacklog:
    """The `DeadLetterBacklog` port on NATS JetStream: subject `dead-letter.<consumer>` of
    the stream `dead-letters`.

    Letters are read one at a time by sequence, up to the last one the stream held when
    the iteration began: a letter buried meanwhile comes after it. Reading changes
    nothing; removing deletes the letter from the stream. The broker must be connected.
    """

    def __init__(self, broker: NatsBroker) -> None:
        self._broker = broker

    async def letters(self, consumer: str) -> AsyncGenerator[DeadLetter, None]:
        jetstream = self._broker.connection.jetstream()
        subject = f"dead-letter.{consumer}"
        try:
            state = (await jetstream.stream_info(DEAD_LETTERS_STREAM)).state
        except NotFoundError:
            return  # no service has buried anything yet
        sequence, last = max(state.first_seq, 1), state.last_seq
        while sequence <= last:
            try:
                stored = await jetstream.get_msg(
                    DEAD_LETTERS_STREAM, seq=sequence, subject=subject, next=True
                )
            except NotFoundError:
                return
            if stored.seq is None or stored.seq > last:
                return
            headers = dict(stored.headers or {})
            reason = headers.pop(REASON_HEADER, "")
            # The burial's own id: kept, a second burial of this letter within the stream's
            # duplicate window would be dropped as a copy of the first.
            headers.pop("Nats-Msg-Id", None)
            yield DeadLetter(consumer, stored.data or b"", headers, reason, str(stored.seq))
            sequence = stored.seq + 1

    async def remove(self, letter: DeadLetter) -> None:
        await self._broker.connection.jetstream().delete_msg(
            DEAD_LETTERS_STREAM, int(letter.position)
        )
