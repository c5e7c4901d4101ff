"""The customer side of the saga, driven through its use cases as the consumer will."""

from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from fastapi import FastAPI
from httpx import AsyncClient

from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCredit,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    CreditDecision,
    ReserveCredit,
)
from {{cookiecutter.package_name}}.bootstrap.container import Container
from tests.e2e.customers.test_customers_api import register
from tests.outbox import outbox_contents


def container_of(app: FastAPI) -> Container:
    container: Container = app.state.container
    return container


async def order_placed(app: FastAPI, customer_id: Any, total: str) -> tuple[UUID, CreditDecision]:
    """The order side announced an order; this side checks and reserves its credit."""
    order_id = uuid4()
    command = ReserveCredit(order_id, UUID(str(customer_id)), Decimal(total), "EUR")
    check = await container_of(app).customers.reserve_credit().execute(command)
    return order_id, check.decision


async def customer(client: AsyncClient, customer_id: Any) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get(f"/customers/{customer_id}")).json()
    return body


async def test_credit_is_reserved_for_an_order_within_the_limit(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")

    order_id, decision = await order_placed(app, registered["id"], "60.00")

    assert decision is CreditDecision.RESERVED
    stored = await customer(client, registered["id"])
    assert stored["available_credit"]["amount"] == "40.00"
    assert stored["reservations"] == [
        {"order_id": str(order_id), "amount": {"amount": "60.00", "currency": "EUR"}}
    ]


async def test_an_order_over_the_available_credit_is_refused(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")
    await order_placed(app, registered["id"], "60.00")

    _, decision = await order_placed(app, registered["id"], "40.01")

    assert decision is CreditDecision.LIMIT_EXCEEDED
    assert (await customer(client, registered["id"]))["available_credit"]["amount"] == "40.00"


async def test_an_order_for_an_unknown_customer_gets_a_clear_answer(app: FastAPI) -> None:
    unknown = uuid4()

    order_id, decision = await order_placed(app, unknown, "10.00")

    assert decision is CreditDecision.UNKNOWN_CUSTOMER
    sent = await outbox_contents(container_of(app).engine())
    assert [
        (entry.payload["order_id"], entry.payload["customer_id"])
        for entry in sent
        if entry.type == "customers.credit_refused_for_unknown_customer"
    ] == [(str(order_id), str(unknown))]


async def test_a_replayed_order_reserves_its_credit_once(client: AsyncClient, app: FastAPI) -> None:
    registered = await register(client, "100.00")
    order_id = uuid4()
    command = ReserveCredit(order_id, UUID(registered["id"]), Decimal("30.00"), "EUR")

    await container_of(app).customers.reserve_credit().execute(command)
    again = await container_of(app).customers.reserve_credit().execute(command)

    assert again.decision is CreditDecision.RESERVED
    assert (await customer(client, registered["id"]))["available_credit"]["amount"] == "70.00"


async def test_cancelling_an_order_releases_its_credit_once(
    client: AsyncClient, app: FastAPI
) -> None:
    registered = await register(client, "100.00")
    order_id, _ = await order_placed(app, registered["id"], "60.00")
    release = ReleaseCredit(order_id, UUID(registered["id"]))

    first = await container_of(app).customers.release_credit().execute(release)
    second = await container_of(app).customers.release_credit().execute(release)

    assert (first.released, second.released) == (True, False)
    stored = await customer(client, registered["id"])
    assert (stored["available_credit"]["amount"], stored["reservations"]) == ("100.00", [])
