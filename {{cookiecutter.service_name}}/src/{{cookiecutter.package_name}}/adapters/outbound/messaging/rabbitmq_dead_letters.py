import asyncio
from collections.abc import AsyncGenerator

from aio_pika.abc import AbstractIncomingMessage
from faststream.rabbit import RabbitBroker

from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_publisher import (
    REASON_HEADER,
    dead_letter_queue,
)
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetter


class RabbitDeadLetterBacklog:
    """The `DeadLetterBacklog` port on RabbitMQ: the queue `<consumer>.dead-letter`.

    Letters are taken one at a time (basic.get), as many as the queue held when the
    iteration began: a letter buried meanwhile joins the queue's end, behind them. Each
    is held unacknowledged until it is removed (acknowledged); any still held when the
    iteration ends is rejected, to be requeued: RabbitMQ puts it back in its place a
    moment later, not at once. The broker must be connected.
    """

    def __init__(self, broker: RabbitBroker, timeout_seconds: float = 5.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds
        self._held: dict[str, AbstractIncomingMessage] = {}

    async def letters(self, consumer: str) -> AsyncGenerator[DeadLetter, None]:
        async with asyncio.timeout(self._timeout_seconds):
            queue = await self._broker.declare_queue(dead_letter_queue(consumer))
            # Declared again: FastStream hands back its first declaration, with its count.
            held_at_start = (await queue.declare()).message_count or 0
        taken: list[str] = []
        try:
            for _ in range(held_at_start):
                async with asyncio.timeout(self._timeout_seconds):
                    incoming = await queue.get(no_ack=False, fail=False)
                if incoming is None:
                    return  # another reader took the rest
                position = f"{consumer}:{incoming.delivery_tag}"
                self._held[position] = incoming
                taken.append(position)
                headers = {key: str(value) for key, value in incoming.headers.items()}
                reason = headers.pop(REASON_HEADER, "")
                yield DeadLetter(consumer, incoming.body, headers, reason, position)
        finally:
            for position in taken:
                if (still_held := self._held.pop(position, None)) is not None:
                    await still_held.nack(requeue=True)

    async def remove(self, letter: DeadLetter) -> None:
        async with asyncio.timeout(self._timeout_seconds):
            await self._held.pop(letter.position).ack()
