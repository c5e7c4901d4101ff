"""The customer side's answers, delivered as the customer service sends them: as messages.

Each answer goes the whole way a real one goes. The service's broker (in-memory here)
hands the message's bytes to the `MessageReceiver`, which reads the envelope;
`CustomerAnswersConsumer` reads the payload in the published language and calls
`CreditAnswerHandler`. A receiver swallows a failure into a dead letter, so each answer
also checks that none was buried: an answer the service failed to act on fails the test.
"""

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from fastapi import FastAPI

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message


async def credit_reserved(app: FastAPI, order: dict[str, Any]) -> Message:
    return await answer(app, "customers.credit_reserved", order, amount=order["total"])


async def credit_limit_exceeded(app: FastAPI, order: dict[str, Any]) -> Message:
    nothing_left = {"amount": "0.00", "currency": order["total"]["currency"]}
    return await answer(
        app,
        "customers.credit_limit_exceeded",
        order,
        requested=order["total"],
        available=nothing_left,
    )


async def customer_unknown(app: FastAPI, order: dict[str, Any]) -> Message:
    return await answer(app, "customers.credit_refused_for_unknown_customer", order)


async def answer(app: FastAPI, message_type: str, order: dict[str, Any], **fields: Any) -> Message:
    """Send `order`'s customer side's answer, version 1, with the fields of its type."""
    occurred_at = datetime.now(UTC)
    payload = {"order_id": order["id"], "customer_id": order["customer_id"]}
    message = Message(
        id=uuid4(),
        type=message_type,
        version=1,
        aggregate_id=order["customer_id"],
        occurred_at=occurred_at,
        correlation_id=uuid4(),
        causation_id=None,
        payload=payload | fields | {"occurred_at": occurred_at.isoformat()},
    )

    await deliver(app, message)
    return message


async def deliver(app: FastAPI, message: Message) -> None:
    """Hand `message` to the service's receivers, as the broker does (again, for a replay)."""
    broker = app.state.container.message_publisher()
    assert isinstance(broker, InMemoryBroker)

    await broker.publish(message)

    assert broker.dead_letters == [], "the service gave up on the message"
