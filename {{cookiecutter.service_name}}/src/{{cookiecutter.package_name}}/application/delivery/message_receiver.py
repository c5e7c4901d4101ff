import asyncio
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from {{cookiecutter.package_name}}.application.errors import (
    ConcurrencyConflictError,
    MalformedMessageError,
    MessageAlreadyHandledError,
    UnavailableError,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    HandledMessage,
    MessageContext,
    message_context,
)
from {{cookiecutter.package_name}}.application.messaging.null_tracer import NullTracer
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue
from {{cookiecutter.package_name}}.application.ports.message_consumer import MessageConsumer
from {{cookiecutter.package_name}}.application.ports.tracer import Tracer

logger = logging.getLogger(__name__)

# Failures that say "not now" rather than "not this message": the service's own database
# is away, or another process changed the same aggregate first. Such a message is never
# buried; after the last try it is left for the broker to deliver again.
_NOT_NOW = (UnavailableError, ConcurrencyConflictError)


class Outcome(Enum):
    """What became of a message the receiver was handed."""

    HANDLED = "handled"
    HANDLED_BEFORE = "handled before"
    NOT_READ = "not read"
    """Of a type the consumer does not read: nothing was done."""
    DEAD_LETTERED = "dead-lettered"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often a failing message is tried before it goes to the dead-letter queue."""

    max_attempts: int = 5
    first_backoff_seconds: float = 0.05
    max_backoff_seconds: float = 2.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            msg = f"max_attempts={self.max_attempts!r} is invalid: a message is tried at least once"
            raise ValueError(msg)


class MessageReceiver:
    """Hands one received message to its consumer so that it has exactly one effect.

    The handling runs in a `MessageContext` naming the consumer and the message id: the
    unit of work that commits the effects records them in the consumer's inbox in the
    same transaction, and refuses a second time (`MessageAlreadyHandledError`), which
    is a success here. A malformed message goes to the dead-letter queue at once; one
    that keeps failing goes there after `max_attempts` tries, and the next one is read,
    unless what failed was the service's own database (`UnavailableError`), or a race with
    another process over the same aggregate (`ConcurrencyConflictError`): nothing is wrong
    with the message then, and it is left for redelivery instead. Waits between tries are
    jittered, so that processes that collided once do not collide again in step.
    `receive` returns only once the message is dealt with, saying how (`Outcome`): the
    broker adapter acknowledges it then, and not before. If it raises (the database is
    away, or the dead-letter queue itself is unreachable), the adapter must leave the
    message unacknowledged for redelivery. With a `Tracer`, the handling is a span of the
    message's trace, and what it sends continues the trace from that span.
    """

    def __init__(
        self,
        consumer: MessageConsumer,
        dead_letters: DeadLetterQueue,
        consumer_name: str,
        policy: RetryPolicy,
        tracer: Tracer | None = None,
    ) -> None:
        self._consumer = consumer
        self._dead_letters = dead_letters
        self._consumer_name = consumer_name
        self._policy = policy
        self._tracer = tracer or NullTracer()

    @property
    def message_types(self) -> frozenset[str]:
        return self._consumer.message_types

    @property
    def consumer_name(self) -> str:
        """The name its dead letters and its inbox entries are kept under."""
        return self._consumer_name

    async def receive(self, body: bytes, headers: Mapping[str, str]) -> Outcome:
        try:
            message = Message.from_json(body, headers)
        except MalformedMessageError as error:
            return await self._bury(body, headers, str(error))
        span = f"{message.type} process"
        with self._tracer.message_span(span, message.traceparent) as traceparent:
            context = MessageContext(
                correlation_id=message.correlation_id,
                causation_id=message.id,
                traceparent=traceparent,
                handling=HandledMessage(self._consumer_name, message.id),
            )
            # Its retries and their logs too, so that each log line names the message's flow.
            with message_context(context):
                return await self._handle(message, body, headers)

    async def _handle(self, message: Message, body: bytes, headers: Mapping[str, str]) -> Outcome:
        backoff = self._policy.first_backoff_seconds
        for attempt in range(1, self._policy.max_attempts + 1):
            try:
                read = await self._consumer.handle(message.type, message.version, message.payload)
            except MessageAlreadyHandledError:
                logger.info("%s was handled before; redelivery ignored", message.id)
                return Outcome.HANDLED_BEFORE
            except MalformedMessageError as error:
                return await self._bury(body, headers, str(error))
            except Exception as error:  # retried, then dead-lettered or left for redelivery
                if attempt == self._policy.max_attempts:
                    if isinstance(error, _NOT_NOW):
                        logger.warning("%s left for redelivery: %s", message.id, error)
                        raise
                    reason = f"failed {attempt} times, last: {type(error).__name__}: {error}"
                    return await self._bury(body, headers, reason)
                logger.warning(
                    "handling %s failed (attempt %d of %d): %s",
                    message.id,
                    attempt,
                    self._policy.max_attempts,
                    error,
                )
                await asyncio.sleep(backoff * random.uniform(0.5, 1.5))
                backoff = min(backoff * 2, self._policy.max_backoff_seconds)
            else:
                if not read:
                    return Outcome.NOT_READ
                # One line a message, in its context: its flow can be followed.
                logger.info(
                    "handled %s v%d %s",
                    message.type,
                    message.version,
                    message.id,
                    extra={"aggregate_id": message.aggregate_id},
                )
                return Outcome.HANDLED
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _bury(self, body: bytes, headers: Mapping[str, str], reason: str) -> Outcome:
        logger.error("message dead-lettered by %s: %s", self._consumer_name, reason)
        await self._dead_letters.put(self._consumer_name, body, dict(headers), reason)
        return Outcome.DEAD_LETTERED
