"""Messages from another service, delivered the way the service's broker delivers them.

Each goes the whole way a real one goes: the broker (the in-memory one here) hands its
bytes to a `MessageReceiver`, which reads the envelope and calls its consumer, which reads
the payload in the published language and runs a use case. A receiver turns a failure
into a dead letter rather than raise, so `deliver` also checks that none was buried: a
message the service could not act on fails the test.
"""

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from fastapi import FastAPI

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message


def a_published_message(message_type: str, aggregate_id: str, **payload: Any) -> Message:
    """Version 1 of `message_type`, about `aggregate_id`, sent now, starting a flow."""
    occurred_at = datetime.now(UTC)
    return Message(
        id=uuid4(),
        type=message_type,
        version=1,
        aggregate_id=aggregate_id,
        occurred_at=occurred_at,
        correlation_id=uuid4(),
        causation_id=None,
        payload=payload | {"occurred_at": occurred_at.isoformat()},
    )


async def deliver(app: FastAPI, message: Message) -> None:
    """Hand `message` to the service's receivers (again, for a redelivery)."""
    broker = app.state.container.message_publisher()
    assert isinstance(broker, InMemoryBroker)
    assert message.type in broker.subscribed_types, "no receiver: is the app's lifespan on?"

    await broker.publish(message)

    assert broker.dead_letters == [], "the service gave up on the message"
