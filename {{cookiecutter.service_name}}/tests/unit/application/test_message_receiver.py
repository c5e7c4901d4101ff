import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest

from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    Outcome,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import (
    ConcurrencyConflictError,
    MalformedMessageError,
    MessageAlreadyHandledError,
    UnavailableError,
)
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    HandledMessage,
    MessageContext,
    current_message_context,
)

from tests.messaging import (
    SOMETHING_HAPPENED,
    TRACEPARENT,
    UNREADABLE_BODIES,
    ContextOfEachLog,
    a_message,
)

CONSUMER = "this-service"
NO_WAIT = RetryPolicy(max_attempts=3, first_backoff_seconds=0)


class FailingConsumer:
    """Raises each error of `errors` in turn, one per try, then handles the message."""

    message_types = frozenset({SOMETHING_HAPPENED})

    def __init__(self, *errors: Exception) -> None:
        self._errors = list(errors)
        self.tries: list[MessageContext | None] = []

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        self.tries.append(current_message_context())
        if self._errors:
            raise self._errors.pop(0)
        return True


class RecordingDeadLetterQueue:
    """Keeps what it is given, as `(consumer, headers, reason)`."""

    def __init__(self) -> None:
        self.buried: list[tuple[str, dict[str, str], str]] = []

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        self.buried.append((consumer, headers, reason))


def receiver_of(
    consumer: FailingConsumer, dead_letters: RecordingDeadLetterQueue
) -> MessageReceiver:
    return MessageReceiver(consumer, dead_letters, CONSUMER, NO_WAIT)


async def test_a_message_is_handled_in_the_context_of_the_message_that_caused_it() -> None:
    consumer, dead_letters = FailingConsumer(), RecordingDeadLetterQueue()
    message = a_message(1)

    await receiver_of(consumer, dead_letters).receive(message.to_json(), message.headers)

    assert consumer.tries == [
        MessageContext(
            correlation_id=message.correlation_id,
            causation_id=message.id,
            traceparent=TRACEPARENT,
            handling=HandledMessage(CONSUMER, message.id),
        )
    ]
    assert dead_letters.buried == []


class ConsumerOfNothing:
    """Reads no type it is handed: does nothing and says so."""

    message_types = frozenset({SOMETHING_HAPPENED})

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        return False


@pytest.mark.parametrize(
    ("consumer", "outcome"),
    [
        (FailingConsumer(), Outcome.HANDLED),
        (FailingConsumer(MessageAlreadyHandledError("handled")), Outcome.HANDLED_BEFORE),
        (FailingConsumer(MalformedMessageError("number: missing")), Outcome.DEAD_LETTERED),
        (ConsumerOfNothing(), Outcome.NOT_READ),
    ],
    ids=["handled", "handled-before", "dead-lettered", "not-read"],
)
async def test_receiving_says_what_became_of_the_message(
    consumer: FailingConsumer | ConsumerOfNothing, outcome: Outcome
) -> None:
    message = a_message(1)
    receiver = MessageReceiver(consumer, RecordingDeadLetterQueue(), CONSUMER, NO_WAIT)

    assert await receiver.receive(message.to_json(), message.headers) == outcome


class OneSpanTracer:
    """A `Tracer` that names each span it is asked for, and hands on `SPAN_TRACEPARENT`."""

    SPAN_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"

    def __init__(self) -> None:
        self.spans: list[tuple[str, str | None]] = []

    @contextmanager
    def message_span(self, name: str, parent: str | None) -> Iterator[str | None]:
        self.spans.append((name, parent))
        yield self.SPAN_TRACEPARENT

    def current(self) -> str | None:
        return None


async def test_a_message_is_handled_in_its_span_and_what_it_sends_continues_from_there() -> None:
    consumer, tracer = FailingConsumer(), OneSpanTracer()
    receiver = MessageReceiver(
        consumer, RecordingDeadLetterQueue(), CONSUMER, NO_WAIT, tracer=tracer
    )
    message = a_message(1)

    await receiver.receive(message.to_json(), message.headers)

    assert tracer.spans == [(f"{SOMETHING_HAPPENED} process", TRACEPARENT)]
    [context] = consumer.tries
    assert context is not None
    assert context.traceparent == OneSpanTracer.SPAN_TRACEPARENT


def test_a_retry_policy_tries_a_message_at_least_once() -> None:
    with pytest.raises(ValueError, match=r"^max_attempts=0 is invalid: a message is tried"):
        RetryPolicy(max_attempts=0)


async def test_a_malformed_traceparent_on_a_message_is_dropped() -> None:
    consumer, dead_letters = FailingConsumer(), RecordingDeadLetterQueue()
    message = a_message(1)

    await receiver_of(consumer, dead_letters).receive(
        message.to_json(), {"traceparent": TRACEPARENT.upper()}
    )

    [context] = consumer.tries
    assert context is not None
    assert context.traceparent is None
    assert dead_letters.buried == []


@pytest.fixture
def logs() -> Iterator[ContextOfEachLog]:
    handler = ContextOfEachLog()
    logger = logging.getLogger(MessageReceiver.__module__)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


async def test_the_logs_of_a_messages_retries_and_burial_are_in_its_context(
    logs: ContextOfEachLog,
) -> None:
    consumer = FailingConsumer(*(ConnectionError(f"down {n}") for n in range(1, 4)))
    message = a_message(1)

    await receiver_of(consumer, RecordingDeadLetterQueue()).receive(
        message.to_json(), message.headers
    )

    assert len(logs.seen) == 3  # two retries, then the dead letter
    for line, context in logs.seen:
        assert context is not None, line
        assert (context.correlation_id, context.causation_id) == (
            message.correlation_id,
            message.id,
        )
    assert current_message_context() is None


async def test_a_handled_message_is_one_line_in_its_context_naming_it(
    logs: ContextOfEachLog, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=MessageReceiver.__module__)
    message = a_message(1)

    await receiver_of(FailingConsumer(), RecordingDeadLetterQueue()).receive(
        message.to_json(), message.headers
    )

    [(line, context)] = logs.seen
    assert line == f"handled {SOMETHING_HAPPENED} v1 {message.id}"
    assert context is not None
    assert context.correlation_id == message.correlation_id


async def test_a_message_that_fails_then_succeeds_is_handled_and_kept() -> None:
    consumer, dead_letters = FailingConsumer(ConnectionError("down")), RecordingDeadLetterQueue()
    message = a_message(1)

    await receiver_of(consumer, dead_letters).receive(message.to_json(), message.headers)

    assert len(consumer.tries) == 2
    assert dead_letters.buried == []


async def test_a_message_that_keeps_failing_is_dead_lettered_after_the_last_try() -> None:
    consumer = FailingConsumer(*(ConnectionError(f"down {n}") for n in range(1, 4)))
    dead_letters = RecordingDeadLetterQueue()
    message = a_message(1)

    await receiver_of(consumer, dead_letters).receive(message.to_json(), message.headers)

    assert len(consumer.tries) == NO_WAIT.max_attempts
    assert dead_letters.buried == [
        (CONSUMER, message.headers, "failed 3 times, last: ConnectionError: down 3")
    ]


@pytest.mark.parametrize(
    "not_now",
    [
        UnavailableError("the database is unavailable (database is locked)"),
        ConcurrencyConflictError("account 1 was changed by someone else; reload it"),
    ],
    ids=["database-away", "lost-a-race"],
)
async def test_a_message_that_failed_for_now_is_left_for_redelivery_not_buried(
    not_now: Exception,
) -> None:
    consumer = FailingConsumer(*(not_now for _ in range(NO_WAIT.max_attempts)))
    dead_letters = RecordingDeadLetterQueue()
    message = a_message(1)

    with pytest.raises(type(not_now)):
        await receiver_of(consumer, dead_letters).receive(message.to_json(), message.headers)

    assert len(consumer.tries) == NO_WAIT.max_attempts
    assert dead_letters.buried == []


async def test_a_payload_the_consumer_calls_malformed_is_dead_lettered_without_a_retry() -> None:
    consumer = FailingConsumer(MalformedMessageError("number: missing"))
    dead_letters = RecordingDeadLetterQueue()
    message = a_message(None)

    await receiver_of(consumer, dead_letters).receive(message.to_json(), message.headers)

    assert len(consumer.tries) == 1
    assert dead_letters.buried == [(CONSUMER, message.headers, "number: missing")]


@pytest.mark.parametrize(("body", "_content_type"), UNREADABLE_BODIES)
async def test_a_body_that_is_no_message_is_dead_lettered_unread(
    body: bytes, _content_type: str | None
) -> None:
    consumer, dead_letters = FailingConsumer(), RecordingDeadLetterQueue()

    await receiver_of(consumer, dead_letters).receive(body, {})

    assert consumer.tries == []
    [(consumer_name, headers, reason)] = dead_letters.buried
    assert (consumer_name, headers) == (CONSUMER, {})
    assert reason.startswith("the body is not JSON")


async def test_a_message_handled_before_is_a_success_not_a_failure() -> None:
    consumer = FailingConsumer(MessageAlreadyHandledError("handled before"))
    dead_letters = RecordingDeadLetterQueue()
    message = a_message(1)

    await receiver_of(consumer, dead_letters).receive(message.to_json(), message.headers)

    assert len(consumer.tries) == 1
    assert dead_letters.buried == []
