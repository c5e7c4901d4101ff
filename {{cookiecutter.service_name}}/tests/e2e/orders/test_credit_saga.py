"""The order side of the saga: each answer from the customer side leads to one outcome."""

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from dependency_injector import providers
from fastapi import FastAPI
from httpx import AsyncClient

from {{cookiecutter.package_name}}.bootstrap.recurring_job import RecurringJob

from tests.e2e.conftest import build_app, serve
from tests.e2e.messages import deliver
from tests.e2e.orders.saga import credit_limit_exceeded, credit_reserved, customer_unknown
from tests.e2e.orders.test_orders_api import place
from tests.outbox import outbox_contents
from tests.unit.application.fakes import FixedClock


async def status_of(client: AsyncClient, order: dict[str, Any]) -> dict[str, Any]:
    response = await client.get(f"/orders/{order['id']}")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_an_order_is_approved_when_its_credit_is_reserved(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await place(client)

    await credit_reserved(app, order)

    assert (await status_of(client, order))["status"] == "approved"


async def test_an_order_is_rejected_when_the_credit_limit_is_exceeded(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await place(client)

    await credit_limit_exceeded(app, order)

    stored = await status_of(client, order)
    assert (stored["status"], stored["rejection_reason"]) == ("rejected", "credit limit exceeded")


async def test_an_order_is_rejected_when_its_customer_is_unknown(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await place(client)

    await customer_unknown(app, order)

    stored = await status_of(client, order)
    assert (stored["status"], stored["rejection_reason"]) == ("rejected", "unknown customer")


async def test_a_replayed_answer_changes_nothing(client: AsyncClient, app: FastAPI) -> None:
    order = await place(client)
    answer = await credit_reserved(app, order)
    approved = await status_of(client, order)

    await deliver(app, answer)

    assert await status_of(client, order) == approved


async def test_an_answer_replayed_after_the_order_moved_on_is_not_acted_on_again(
    client: AsyncClient, app: FastAPI
) -> None:
    # Handled again, the reservation would now find the order cancelled and ask the credit
    # back a second time: only the inbox keeps the replay from acting.
    order = await place(client)
    answer = await credit_reserved(app, order)
    await client.post(f"/orders/{order['id']}/cancellation")

    await deliver(app, answer)

    assert len(await cancellations_sent(app)) == 1
    assert (await status_of(client, order))["status"] == "cancelled"


async def test_a_second_answer_of_the_same_kind_changes_nothing(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await place(client)
    await credit_reserved(app, order)
    approved = await status_of(client, order)

    await credit_reserved(app, order)

    assert await status_of(client, order) == approved


async def test_an_answer_for_an_order_cancelled_meanwhile_is_ignored(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await place(client)
    await client.post(f"/orders/{order['id']}/cancellation")

    await credit_limit_exceeded(app, order)

    assert (await status_of(client, order))["status"] == "cancelled"


async def test_cancelling_an_approved_order_announces_it_so_its_credit_can_be_released(
    client: AsyncClient, app: FastAPI
) -> None:
    customer_id = uuid4()
    order = await place(client, customer_id=str(customer_id))
    await credit_reserved(app, order)

    await client.post(f"/orders/{order['id']}/cancellation")

    cancellations = await cancellations_sent(app)
    assert [(entry.aggregate_id, entry.payload["customer_id"]) for entry in cancellations] == [
        (order["id"], str(customer_id))
    ]
    assert cancellations[0].payload["total"] == order["total"]


async def test_credit_reserved_after_the_order_was_cancelled_is_asked_back(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await place(client)
    await client.post(f"/orders/{order['id']}/cancellation")

    await credit_reserved(app, order)

    cancellations = await cancellations_sent(app)
    assert [entry.aggregate_id for entry in cancellations] == [order["id"], order["id"]]
    assert (await status_of(client, order))["status"] == "cancelled"


async def test_an_order_without_an_answer_by_its_deadline_is_cancelled_and_released_if_late(
    migrated_database_url: str,
) -> None:
    # No relay in this process, so no housekeeping either: the test runs the rounds itself.
    app = build_app(migrated_database_url, run_relay=False)
    clock = FixedClock(datetime.now(UTC))
    app.state.container.clock.override(providers.Object(clock))
    deadline = deadline_job(app)
    async for client in serve(app):
        order = await place(client)

        clock.advance(59 * 60)
        await deadline.run_round()
        assert (await status_of(client, order))["status"] == "pending"

        clock.advance(2 * 60)  # the default timeout is 60 minutes
        await deadline.run_round()
        assert (await status_of(client, order))["status"] == "cancelled"
        assert [entry.aggregate_id for entry in await cancellations_sent(app)] == [order["id"]]

        # The customer service was only slow: its reservation is asked back.
        await credit_reserved(app, order)
        assert len(await cancellations_sent(app)) == 2
        assert (await status_of(client, order))["status"] == "cancelled"


def deadline_job(app: FastAPI) -> RecurringJob:
    [job] = [job for job in app.state.container.housekeeping() if job.name.startswith("overdue")]
    assert isinstance(job, RecurringJob)
    return job


async def cancellations_sent(app: FastAPI) -> list[Any]:
    sent = await outbox_contents(app.state.container.engine())
    return [entry for entry in sent if entry.type == "orders.order_cancelled"]
