"""The customer side of the saga: each order the order side announces gets one answer.

The order side's messages arrive through the broker, as they do in production
(`tests/e2e/messages.py`); the answers are read back from the outbox they are sent from.
"""

from typing import Any
from uuid import uuid4

from fastapi import FastAPI
from httpx import AsyncClient

from {{cookiecutter.package_name}}.application.messaging.message import Message

from tests.e2e.customers.test_customers_api import register
from tests.e2e.messages import a_published_message, deliver
from tests.outbox import OutboxEntry, outbox_contents


async def order_placed(
    app: FastAPI, customer_id: Any, total: str, currency: str = "EUR"
) -> Message:
    """The order side announces a new order of `total` by the customer."""
    order_id = str(uuid4())
    message = a_published_message(
        "orders.order_placed",
        order_id,
        order_id=order_id,
        customer_id=str(customer_id),
        total={"amount": total, "currency": currency},
    )
    await deliver(app, message)
    return message


async def order_cancelled(app: FastAPI, placed: Message) -> Message:
    """The order side announces that the order `placed` announced was cancelled."""
    message = a_published_message(
        "orders.order_cancelled",
        placed.aggregate_id,
        **{key: placed.payload[key] for key in ("order_id", "customer_id", "total")},
    )
    await deliver(app, message)
    return message


async def answers_to(app: FastAPI, order: Message) -> list[OutboxEntry]:
    """What this side sent about the order, in the order it was sent."""
    sent = await outbox_contents(app.state.container.engine())
    return [entry for entry in sent if entry.payload.get("order_id") == order.aggregate_id]


async def customer(client: AsyncClient, customer_id: Any) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get(f"/customers/{customer_id}")).json()
    return body


async def test_credit_is_reserved_for_an_order_within_the_limit(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")

    order = await order_placed(app, registered["id"], "60.00")

    assert [entry.type for entry in await answers_to(app, order)] == ["customers.credit_reserved"]
    stored = await customer(client, registered["id"])
    assert stored["available_credit"]["amount"] == "40.00"
    assert stored["reservations"] == [
        {"order_id": order.aggregate_id, "amount": {"amount": "60.00", "currency": "EUR"}}
    ]


async def test_an_order_over_the_available_credit_is_refused(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")
    await order_placed(app, registered["id"], "60.00")

    order = await order_placed(app, registered["id"], "40.01")

    [refusal] = await answers_to(app, order)
    assert refusal.type == "customers.credit_limit_exceeded"
    assert (refusal.payload["requested"]["amount"], refusal.payload["available"]["amount"]) == (
        "40.01",
        "40.00",
    )
    assert (await customer(client, registered["id"]))["available_credit"]["amount"] == "40.00"


async def test_an_order_for_an_unknown_customer_gets_a_clear_answer(
    client: AsyncClient, app: FastAPI
) -> None:
    # No request is made, but `client` runs the lifespan, which subscribes the receivers.
    unknown = uuid4()

    order = await order_placed(app, unknown, "10.00")

    [refusal] = await answers_to(app, order)
    assert refusal.type == "customers.credit_refused_for_unknown_customer"
    assert refusal.payload["customer_id"] == str(unknown)


async def test_an_order_in_another_currency_than_the_credit_gets_a_clear_answer(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")

    order = await order_placed(app, registered["id"], "10.00", currency="USD")

    [refusal] = await answers_to(app, order)
    assert refusal.type == "customers.credit_refused_for_currency"
    assert refusal.payload["credit_currency"] == "EUR"
    assert (await customer(client, registered["id"]))["reservations"] == []


async def test_a_redelivered_order_reserves_its_credit_once(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")
    order = await order_placed(app, registered["id"], "30.00")

    await deliver(app, order)

    assert len(await answers_to(app, order)) == 1
    assert (await customer(client, registered["id"]))["available_credit"]["amount"] == "70.00"


async def test_an_order_redelivered_after_its_cancellation_reserves_nothing_again(
    client: AsyncClient, app: FastAPI
) -> None:
    # Handled again, "order placed" would find no reservation, its credit having been
    # released, and reserve it anew: only the inbox keeps the redelivery from acting.
    registered = await register(client, "100.00")
    order = await order_placed(app, registered["id"], "30.00")
    await order_cancelled(app, order)

    await deliver(app, order)

    answers = [entry.type for entry in await answers_to(app, order)]
    assert answers == ["customers.credit_reserved", "customers.credit_released"]
    assert (await customer(client, registered["id"]))["available_credit"]["amount"] == "100.00"


async def test_cancelling_an_order_releases_its_credit_once(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")
    order = await order_placed(app, registered["id"], "60.00")

    cancelled = await order_cancelled(app, order)
    await deliver(app, cancelled)
    await order_cancelled(app, order)

    answers = [entry.type for entry in await answers_to(app, order)]
    assert answers == ["customers.credit_reserved", "customers.credit_released"]
    stored = await customer(client, registered["id"])
    assert (stored["available_credit"]["amount"], stored["reservations"]) == ("100.00", [])
