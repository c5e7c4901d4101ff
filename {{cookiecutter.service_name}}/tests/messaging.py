"""What the messaging tests share: a message to send, bodies no one can read, a dead-letter
queue that can be down, a way to wait for an effect, and one to see each log line's flow."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    MessageContext,
    current_message_context,
)
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue

SOMETHING_HAPPENED = "tests.something_happened"
TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"

UNREADABLE_BODIES = [
    pytest.param(b"\xff not json", None, id="not-json"),
    pytest.param(b"not json", "application/json", id="not-json-declared-as-json"),
    pytest.param(b'{"version": ' + b"1" * 5000 + b"}", None, id="number-too-long"),
    pytest.param(b"[" * 100_000, None, id="nested-too-deep"),
]
"""Bodies the receiver must dead-letter as not JSON, each with the content type it is sent
under: a broker client that read them first would fail out of the receiver's reach."""


def a_message(
    number: int | None,
    *,
    message_type: str = SOMETHING_HAPPENED,
    aggregate_id: str = "aggregate-1",
) -> Message:
    """A message whose payload carries `number`; with None, an empty payload, which the
    tests' consumers reject as malformed."""
    return Message(
        id=uuid4(),
        type=message_type,
        version=1,
        aggregate_id=aggregate_id,
        occurred_at=datetime(2030, 1, 1, tzinfo=UTC),
        correlation_id=uuid4(),
        causation_id=None,
        payload={} if number is None else {"number": number},
        traceparent=TRACEPARENT,
    )


async def eventually(condition: Callable[[], bool | Awaitable[bool]], seconds: float = 10) -> None:
    """Wait until `condition` holds, as the consumer runs in another task; fail once
    `seconds` have passed."""
    async with asyncio.timeout(seconds):
        while True:
            holds = condition()
            if await holds if isinstance(holds, Awaitable) else holds:
                return
            await asyncio.sleep(0.02)


class DeadLettersThatCanBeDown:
    """A real dead-letter queue that raises while `down`, as an unreachable one would."""

    def __init__(self, inner: DeadLetterQueue, *, down: bool) -> None:
        self._inner = inner
        self.down = down
        self.attempts = 0

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        self.attempts += 1
        if self.down:
            raise ConnectionError("the dead-letter queue is down")
        await self._inner.put(consumer, body, headers, reason)


class ContextOfEachLog(logging.Handler):
    """Keeps each log line's message with the message context it was logged in."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, MessageContext | None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((record.getMessage(), current_message_context()))
