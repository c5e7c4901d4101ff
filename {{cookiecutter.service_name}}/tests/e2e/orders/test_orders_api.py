import asyncio
import json
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from {{cookiecutter.package_name}}.domain.orders import MAX_LINES

from tests.e2e.conftest import build_app, serve
from tests.e2e.orders.saga import credit_limit_exceeded
from tests.messaging import TRACEPARENT
from tests.outbox import outbox_contents


def an_order_request(customer_id: UUID | None = None, **changes: Any) -> dict[str, Any]:
    """Two books at 12.50 EUR for some customer."""
    line = {"sku": "BOOK-1", "quantity": 2, "unit_price": {"amount": "12.50", "currency": "EUR"}}
    return {"customer_id": str(customer_id or uuid4()), "lines": [line]} | changes


async def place(client: AsyncClient, **changes: Any) -> dict[str, Any]:
    response = await client.post("/orders", json=an_order_request(**changes))
    assert response.status_code == 201, response.text
    order: dict[str, Any] = response.json()
    return order


async def test_placing_an_order_answers_201_with_its_location_and_the_pending_order(
    client: AsyncClient,
) -> None:
    customer_id = uuid4()

    response = await client.post("/orders", json=an_order_request(customer_id))

    assert response.status_code == 201
    order = response.json()
    assert response.headers["location"] == f"/orders/{order['id']}"
    assert order["customer_id"] == str(customer_id)
    assert order["status"] == "pending"
    assert order["total"] == {"amount": "25.00", "currency": "EUR"}
    assert order["lines"][0]["line_total"] == {"amount": "25.00", "currency": "EUR"}
    assert order["version"] == 1


async def test_the_message_announcing_an_order_carries_on_the_request_s_trace(
    client: AsyncClient, app: FastAPI
) -> None:
    order = await client.post(
        "/orders", json=an_order_request(), headers={"traceparent": TRACEPARENT}
    )

    [sent] = await outbox_contents(app.state.container.engine())
    assert sent.aggregate_id == order.json()["id"]
    assert sent.traceparent == TRACEPARENT
    # The request started the flow: its correlation id is the request's, not the message's.
    assert sent.correlation_id != sent.id


async def test_an_order_reads_back_at_its_location(client: AsyncClient) -> None:
    placed = await client.post("/orders", json=an_order_request())

    read = await client.get(placed.headers["location"])

    assert read.status_code == 200
    assert read.json() == placed.json()


async def test_an_unknown_order_is_a_404_problem(client: AsyncClient) -> None:
    order_id = uuid4()

    response = await client.get(f"/orders/{order_id}")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert str(order_id) in response.json()["detail"]


async def test_an_order_without_lines_is_a_422_problem_naming_the_field(
    client: AsyncClient,
) -> None:
    response = await client.post("/orders", json=an_order_request(lines=[]))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert (error["location"], error["type"]) == (["body", "lines"], "too_short")


async def test_an_order_of_more_lines_than_it_holds_is_a_422_problem(client: AsyncClient) -> None:
    line = an_order_request()["lines"][0]
    lines = [{**line, "sku": f"SKU-{n}"} for n in range(MAX_LINES + 1)]

    response = await client.post("/orders", json=an_order_request(lines=lines))

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["type"]) == (["body", "lines"], "too_long")


async def test_an_order_mixing_currencies_is_a_422_problem_naming_them(
    client: AsyncClient,
) -> None:
    lines = [
        {"sku": "BOOK-1", "quantity": 1, "unit_price": {"amount": "1.00", "currency": "EUR"}},
        {"sku": "BOOK-2", "quantity": 1, "unit_price": {"amount": "1.00", "currency": "USD"}},
    ]

    response = await client.post("/orders", json=an_order_request(lines=lines))

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "all lines of an order must be priced in one currency, got EUR, USD"
    )


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("quantity", "2", "int_type"),  # a number, not a string that holds one
        ("quantity", True, "int_type"),  # not one unit
        ("quantity", 0, "greater_than_equal"),
        ("quantity", 1001, "less_than_equal"),
        ("sku", "book 42", "string_pattern_mismatch"),
    ],
)
async def test_a_line_breaking_a_rule_is_a_422_problem_naming_the_field_and_the_value(
    client: AsyncClient, field: str, value: object, rule: str
) -> None:
    request = an_order_request()
    request["lines"][0][field] = value

    response = await client.post("/orders", json=request)

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["location"] == ["body", "lines", 0, field]
    assert (error["value"], error["type"]) == (value, rule)


async def test_a_price_past_the_largest_amount_is_a_422_problem_not_a_failed_insert(
    client: AsyncClient,
) -> None:
    request = an_order_request()
    request["lines"][0]["unit_price"]["amount"] = "99999999999999999999"

    response = await client.post("/orders", json=request)

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["location"] == ["body", "lines", 0, "unit_price", "amount"]
    assert error["type"] == "less_than_equal"


@pytest.mark.parametrize(("amount", "status"), [("12.500", 201), ("0.001", 422), ("1E+2", 201)])
async def test_a_price_is_taken_when_exact_to_the_cent_however_written(
    client: AsyncClient, amount: str, status: int
) -> None:
    request = an_order_request()
    request["lines"][0]["unit_price"]["amount"] = amount

    response = await client.post("/orders", json=request)

    assert response.status_code == status


async def test_a_total_past_the_largest_amount_is_a_422_problem(client: AsyncClient) -> None:
    request = an_order_request()
    request["lines"][0]["unit_price"]["amount"] = "999999999999.99"

    response = await client.post("/orders", json=request)

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "the line of 2 x BOOK-1 at 999999999999.99 EUR would cost 1999999999999.98 EUR,"
        " more than the largest amount, 999999999999.99"
    )


async def test_a_number_json_cannot_hold_is_named_but_not_echoed(client: AsyncClient) -> None:
    body = json.dumps(an_order_request()).replace('"12.50"', "1e400")

    response = await client.post(
        "/orders", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["location"] == ["body", "lines", 0, "unit_price", "amount"]
    assert error["type"] == "finite_number"
    assert "value" not in error


async def test_a_long_string_sent_in_error_is_echoed_only_in_part(client: AsyncClient) -> None:
    request = an_order_request()
    request["lines"][0]["quantity"] = "9" * 1_000_000

    response = await client.post("/orders", json=request)

    assert response.status_code == 422
    assert len(response.content) < 1_000
    [error] = response.json()["errors"]
    assert error["value"] == "9" * 97 + "..."


async def test_an_amount_reads_the_same_in_the_answer_and_at_the_location(
    client: AsyncClient,
) -> None:
    request = an_order_request()
    request["lines"][0]["unit_price"]["amount"] = "1E+1"

    placed = await client.post("/orders", json=request)
    read = await client.get(placed.headers["location"])

    assert placed.json()["lines"][0]["unit_price"]["amount"] == "10.00"
    assert read.json() == placed.json()


async def test_an_order_sent_as_another_media_type_than_json_is_a_415_problem(
    client: AsyncClient,
) -> None:
    body = json.dumps(an_order_request())

    response = await client.post("/orders", content=body, headers={"content-type": "text/plain"})

    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "the body must be sent as application/json, got text/plain"
    )


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/x+json"])
async def test_an_order_sent_as_any_json_media_type_is_read(
    client: AsyncClient, content_type: str
) -> None:
    body = json.dumps(an_order_request())

    response = await client.post("/orders", content=body, headers={"content-type": content_type})

    assert response.status_code == 201


async def test_an_order_sent_without_a_content_type_is_a_415_problem(client: AsyncClient) -> None:
    response = await client.post("/orders", content=json.dumps(an_order_request()))

    assert response.status_code == 415
    assert response.json()["detail"].endswith("got no Content-Type")


async def test_an_order_whose_bytes_are_not_utf_8_is_a_400_problem(client: AsyncClient) -> None:
    body = json.dumps(an_order_request()).encode().replace(b"BOOK", b"\xff\xfeOK")

    response = await client.post(
        "/orders", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_order_request_without_a_body_is_a_422_naming_it(client: AsyncClient) -> None:
    response = await client.post("/orders")

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["type"]) == (["body"], "missing")


async def test_a_malformed_order_sent_as_json_is_still_a_422(client: AsyncClient) -> None:
    response = await client.post(
        "/orders", content=b"[1, 2]", headers={"content-type": "application/json"}
    )

    assert response.status_code == 422


async def test_a_wrong_method_is_a_405_allowing_every_method_the_path_takes(
    client: AsyncClient,
) -> None:
    response = await client.put("/orders")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


async def test_orders_are_listed_by_customer_and_status_a_page_at_a_time(
    client: AsyncClient,
) -> None:
    customer_id = uuid4()
    mine = [await place(client, customer_id=str(customer_id)) for _ in range(3)]
    await place(client)
    await client.post(f"/orders/{mine[0]['id']}/cancellation")

    response = await client.get(
        "/orders", params={"customer_id": str(customer_id), "status": "pending", "limit": 1}
    )

    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 0)
    assert [order["id"] for order in page["items"]] == [mine[2]["id"]]


@pytest.mark.parametrize("limit", [0, 101, 1000])
async def test_a_page_size_out_of_range_is_a_422_problem(client: AsyncClient, limit: int) -> None:
    response = await client.get("/orders", params={"limit": limit})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["value"]) == (["query", "limit"], str(limit))


@pytest.mark.parametrize("limit", [1, 100])
async def test_a_page_size_at_either_end_of_its_range_is_served(
    client: AsyncClient, limit: int
) -> None:
    response = await client.get("/orders", params={"limit": limit})

    assert response.status_code == 200
    assert response.json()["limit"] == limit


async def test_an_offset_past_any_list_is_a_422_problem(client: AsyncClient) -> None:
    response = await client.get("/orders", params={"offset": "9" * 30})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["location"], error["type"]) == (["query", "offset"], "less_than_equal")


async def test_cancelling_an_order_answers_with_the_cancelled_order(client: AsyncClient) -> None:
    order = await place(client)

    response = await client.post(f"/orders/{order['id']}/cancellation")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["version"] == 2


async def test_cancelling_twice_changes_nothing_more(client: AsyncClient) -> None:
    order = await place(client)
    await client.post(f"/orders/{order['id']}/cancellation")

    again = await client.post(f"/orders/{order['id']}/cancellation")

    assert again.status_code == 200
    assert again.json()["version"] == 2


async def test_cancellations_sent_at_once_all_answer_with_the_cancelled_order(
    client: AsyncClient,
) -> None:
    order = await place(client)

    responses = await asyncio.gather(
        *(client.post(f"/orders/{order['id']}/cancellation") for _ in range(10))
    )

    assert [response.status_code for response in responses] == [200] * 10
    assert {response.json()["version"] for response in responses} == {2}


async def test_cancelling_a_rejected_order_is_a_409_problem(client: AsyncClient, app: Any) -> None:
    order = await place(client)
    await credit_limit_exceeded(app, order)

    response = await client.post(f"/orders/{order['id']}/cancellation")

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_schema_says_how_a_total_is_worked_out(client: AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()["components"]["schemas"]

    description = schema["OrderResponse"]["properties"]["total"]["description"]
    assert "less 5% when the order has 100 units or more" in description


async def test_every_order_route_documents_the_problems_it_can_answer(client: AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    def documented(method: str, path: str) -> set[str]:
        return set(paths[path][method]["responses"])

    placing = documented("post", "/orders")
    assert placing == {"201", "400", "401", "403", "413", "415", "422", "500", "503"}
    assert documented("get", "/orders") == {"200", "401", "403", "422", "500", "503"}
    reading = documented("get", "/orders/{order_id}")
    assert reading == {"200", "401", "403", "404", "422", "500", "503"}
    cancellation = documented("post", "/orders/{order_id}/cancellation")
    assert cancellation == {"200", "401", "403", "404", "409", "422", "500", "503"}


async def test_while_the_database_is_away_orders_are_answered_503(
    unreachable_sqlite_url: str,
) -> None:
    async for client in serve(build_app(unreachable_sqlite_url)):
        placing = await client.post("/orders", json=an_order_request())
        reading = await client.get(f"/orders/{uuid4()}")
        listing = await client.get("/orders")

    for response in (placing, reading, listing):
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
