"""`POST /orders` with an `Idempotency-Key`: sent again, it answers alike and places nothing."""

import asyncio
from uuid import uuid4

from fastapi import FastAPI
from httpx import AsyncClient

from tests.e2e.orders.test_orders_api import an_order_request
from tests.outbox import outbox_contents


async def test_an_order_sent_again_with_its_key_is_answered_alike_and_placed_once(
    client: AsyncClient, app: FastAPI
) -> None:
    body, key = an_order_request(), {"Idempotency-Key": str(uuid4())}

    first = await client.post("/orders", json=body, headers=key)
    again = await client.post("/orders", json=body, headers=key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["location"] == first.headers["location"]
    assert again.json() == first.json()
    listed = await client.get("/orders", params={"customer_id": body["customer_id"]})
    assert listed.json()["total"] == 1
    assert len(await outbox_contents(app.state.container.engine())) == 1


async def test_the_same_order_sent_at_once_twice_with_one_key_is_placed_once(
    client: AsyncClient,
) -> None:
    body, key = an_order_request(), {"Idempotency-Key": "retry-7"}

    answers = await asyncio.gather(
        client.post("/orders", json=body, headers=key),
        client.post("/orders", json=body, headers=key),
    )

    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json()["id"] == answers[1].json()["id"]


async def test_a_key_sent_with_another_order_is_a_422_problem_naming_the_key(
    client: AsyncClient,
) -> None:
    key = {"Idempotency-Key": "retry-8"}
    await client.post("/orders", json=an_order_request(), headers=key)

    response = await client.post("/orders", json=an_order_request(), headers=key)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "idempotency key 'retry-8' came with another request before" in response.json()["detail"]


async def test_a_malformed_key_is_a_422_problem_naming_the_header(client: AsyncClient) -> None:
    for key in ("two words", "k" * 256):
        response = await client.post(
            "/orders", json=an_order_request(), headers={"Idempotency-Key": key}
        )

        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["location"] == ["header", "Idempotency-Key"]
        assert error["value"] == (key if len(key) <= 100 else key[:97] + "...")


async def test_the_key_is_documented_on_placing_an_order(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    parameters = schema["paths"]["/orders"]["post"]["parameters"]

    assert [(p["name"], p["in"], p["required"]) for p in parameters] == [
        ("Idempotency-Key", "header", False)
    ]
