"""The customer side's answers, sent as the customer service sends them: as messages."""

from typing import Any

from fastapi import FastAPI

from {{cookiecutter.package_name}}.application.messaging.message import Message

from tests.e2e.messages import a_published_message, deliver


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
    """The customer side's answer about `order`, with the fields of its type, delivered."""
    customer_id = order["customer_id"]
    message = a_published_message(
        message_type, customer_id, order_id=order["id"], customer_id=customer_id, **fields
    )
    await deliver(app, message)
    return message
