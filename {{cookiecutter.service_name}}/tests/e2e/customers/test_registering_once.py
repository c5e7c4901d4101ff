"""`POST /customers` with an `Idempotency-Key`: sent again, it registers no second customer."""

from httpx import AsyncClient

from tests.e2e.customers.test_customers_api import a_customer_request


async def test_a_customer_sent_again_with_its_key_is_answered_alike_and_registered_once(
    client: AsyncClient,
) -> None:
    key = {"Idempotency-Key": "signup-1"}

    first = await client.post("/customers", json=a_customer_request(), headers=key)
    again = await client.post("/customers", json=a_customer_request(), headers=key)
    other = await client.post("/customers", json=a_customer_request("5.00"), headers=key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["location"] == first.headers["location"]
    assert again.json() == first.json()
    assert other.status_code == 422
