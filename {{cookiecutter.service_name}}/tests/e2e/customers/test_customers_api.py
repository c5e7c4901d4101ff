from typing import Any
from uuid import uuid4

from httpx import AsyncClient


def a_customer_request(limit: str = "100.00", **changes: Any) -> dict[str, Any]:
    return {"name": "Ada Lovelace", "credit_limit": {"amount": limit, "currency": "EUR"}} | changes


async def register(client: AsyncClient, limit: str = "100.00") -> dict[str, Any]:
    response = await client.post("/customers", json=a_customer_request(limit))
    assert response.status_code == 201, response.text
    customer: dict[str, Any] = response.json()
    return customer


async def test_registering_a_customer_answers_201_with_its_location(client: AsyncClient) -> None:
    response = await client.post("/customers", json=a_customer_request("250.00"))

    assert response.status_code == 201
    customer = response.json()
    assert response.headers["location"] == f"/customers/{customer['id']}"
    assert customer["credit_limit"] == {"amount": "250.00", "currency": "EUR"}
    assert customer["available_credit"] == {"amount": "250.00", "currency": "EUR"}
    assert customer["reservations"] == []


async def test_a_customer_reads_back_at_its_location(client: AsyncClient) -> None:
    registered = await client.post("/customers", json=a_customer_request())

    read = await client.get(registered.headers["location"])

    assert read.status_code == 200
    assert read.json() == registered.json()


async def test_an_unknown_customer_is_a_404_problem(client: AsyncClient) -> None:
    response = await client.get(f"/customers/{uuid4()}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_credit_limit_that_is_not_positive_is_a_422_problem(client: AsyncClient) -> None:
    response = await client.post("/customers", json=a_customer_request("0"))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_unknown_currency_code_shape_is_a_422_problem_naming_the_field(
    client: AsyncClient,
) -> None:
    request = a_customer_request()
    request["credit_limit"]["currency"] = "euro"

    response = await client.post("/customers", json=request)

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["location"] == ["body", "credit_limit", "currency"]
    assert (error["value"], error["type"]) == ("euro", "string_pattern_mismatch")
    assert error["message"] == "String should match pattern '^[A-Z]{3}$'"


async def test_a_blank_name_is_a_422_problem_naming_the_field(client: AsyncClient) -> None:
    response = await client.post("/customers", json=a_customer_request(name="   "))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert (error["location"], error["type"]) == (["body", "name"], "string_too_short")


async def test_a_name_is_trimmed_before_its_length_is_counted(client: AsyncClient) -> None:
    response = await client.post("/customers", json=a_customer_request(name=f"  {'A' * 100} "))

    assert response.status_code == 201
    assert response.json()["name"] == "A" * 100


async def test_a_huge_name_is_a_422_problem_that_echoes_only_its_start(
    client: AsyncClient,
) -> None:
    response = await client.post("/customers", json=a_customer_request(name="A" * 1_000_000))

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["type"]) == (["body", "name"], "string_too_long")
    assert error["value"] == "A" * 97 + "..."


async def test_a_credit_limit_past_the_largest_amount_is_a_422_problem(
    client: AsyncClient,
) -> None:
    response = await client.post("/customers", json=a_customer_request("1e400"))

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["location"] == ["body", "credit_limit", "amount"]
    assert error["message"] == "Input should be less than or equal to 999999999999.99"


async def test_a_name_with_a_nul_character_is_a_422_problem_on_every_database(
    client: AsyncClient,
) -> None:
    response = await client.post("/customers", json=a_customer_request(name="Ada\u0000"))

    assert response.status_code == 422
    assert "cannot contain control characters" in response.json()["detail"]


async def test_a_name_with_a_lone_surrogate_is_a_422_problem_on_every_database(
    client: AsyncClient,
) -> None:
    body = b'{"name": "Ada\\udfff", "credit_limit": {"amount": "1.00", "currency": "EUR"}}'

    response = await client.post(
        "/customers", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["value"]) == (["body", "name"], "Ada\\udfff")


async def test_a_customer_sent_as_a_form_is_a_415_problem(client: AsyncClient) -> None:
    response = await client.post("/customers", data={"name": "Ada"})

    assert response.status_code == 415
    assert response.json()["detail"] == (
        "the body must be sent as application/json, got application/x-www-form-urlencoded"
    )


async def test_every_customer_route_documents_the_problems_it_can_answer(
    client: AsyncClient,
) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    registering = paths["/customers"]["post"]["responses"]
    reading = paths["/customers/{customer_id}"]["get"]["responses"]

    assert set(registering) == {"201", "400", "401", "403", "413", "415", "422", "500", "503"}
    assert set(reading) == {"200", "401", "403", "404", "422", "500", "503"}
