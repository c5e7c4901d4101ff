"""What the work in progress is a consequence of: a request, or a message being handled.

The inbound adapters open a context (an HTTP request, a message received); the unit of
work reads it when it commits, to stamp the messages it writes to the outbox with their
correlation and causation ids and trace context, and, while a message is handled, to
record it in the consumer's inbox in the same transaction. A context variable carries
it, so use cases never pass it along by hand.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from uuid import UUID, uuid4


@dataclass(frozen=True, slots=True)
class HandledMessage:
    """The message a consumer is acting on: the key of its inbox entry."""

    consumer: str
    message_id: UUID


@dataclass(frozen=True, slots=True)
class MessageContext:
    """The correlation, causation and trace of the messages that the current work sends."""

    correlation_id: UUID
    causation_id: UUID | None = None
    traceparent: str | None = None
    handling: HandledMessage | None = None


_current: ContextVar[MessageContext | None] = ContextVar("message_context", default=None)


def current_message_context() -> MessageContext | None:
    """The context opened by the innermost `message_context` block, if any."""
    return _current.get()


@contextmanager
def message_context(context: MessageContext) -> Iterator[MessageContext]:
    """Run the block in `context`; the previous one comes back when it ends."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def request_context(traceparent: str | None = None) -> MessageContext:
    """The context of work that a request starts: a new correlation id, and no cause."""
    return MessageContext(correlation_id=uuid4(), traceparent=traceparent)
