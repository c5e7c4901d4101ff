"""Every error is RFC 9457 problem+json, whichever layer it comes from."""

import json
import logging
from collections.abc import AsyncIterator, Iterator
from http import HTTPStatus
from typing import Any
from uuid import UUID

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient
from pydantic import BaseModel

from {{cookiecutter.package_name}}.application.errors import (
    ConflictError,
    NotFoundError,
    UnavailableError,
)
from {{cookiecutter.package_name}}.bootstrap.logging import JsonLinesFormatter
from {{cookiecutter.package_name}}.domain.building_blocks import (
    DomainError,
    IllegalStateTransitionError,
)

from tests.e2e.conftest import serve
from tests.messaging import TRACEPARENT

# Routes that fail on purpose, added to the real app: the mapping is what is under test.
failing = APIRouter(prefix="/failing")


@failing.get("/rule")
async def broken_rule() -> None:
    raise DomainError("a deposit must be more than zero")


@failing.get("/missing")
async def missing() -> None:
    raise NotFoundError("account 42 does not exist")


@failing.get("/conflict")
async def conflict() -> None:
    raise ConflictError("account 42 was changed by someone else")


@failing.get("/transition")
async def illegal_transition() -> None:
    raise IllegalStateTransitionError("cannot deposit into account 42: it is closed")


@failing.get("/unavailable")
async def unavailable() -> None:
    raise UnavailableError("the database is unavailable (OperationalError: database is locked)")


@failing.api_route("/crash", methods=["GET", "POST"])
async def crash() -> None:
    raise RuntimeError("secret internals")


@failing.get("/typed")
async def typed(limit: int) -> dict[str, int]:
    return {"limit": limit}


class Typed(BaseModel):
    limit: int


@failing.post("/typed")
async def typed_body(body: Typed) -> dict[str, int]:
    return {"limit": body.limit}


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    app.include_router(failing)
    async for client in serve(app):
        yield client


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["type"] == "about:blank"
    assert problem["title"] == HTTPStatus(status).phrase
    assert problem["status"] == status
    return problem


async def test_a_broken_business_rule_is_422(client: AsyncClient) -> None:
    problem = assert_problem(await client.get("/failing/rule"), 422)

    assert problem["detail"] == "a deposit must be more than zero"
    assert problem["instance"] == "/failing/rule"


async def test_an_unknown_resource_is_404(client: AsyncClient) -> None:
    problem = assert_problem(await client.get("/failing/missing"), 404)

    assert problem["detail"] == "account 42 does not exist"


async def test_a_conflicting_change_is_409(client: AsyncClient) -> None:
    problem = assert_problem(await client.get("/failing/conflict"), 409)

    assert problem["detail"] == "account 42 was changed by someone else"


async def test_a_change_the_current_state_forbids_is_409(client: AsyncClient) -> None:
    problem = assert_problem(await client.get("/failing/transition"), 409)

    assert problem["detail"] == "cannot deposit into account 42: it is closed"


async def test_a_database_that_is_away_is_503_and_its_own_error_stays_in_the_log(
    client: AsyncClient,
) -> None:
    response = await client.get("/failing/unavailable")

    problem = assert_problem(response, 503)
    assert problem["detail"].startswith("The service cannot reach its database right now")
    assert "locked" not in response.text


async def test_an_unexpected_error_is_500_and_reveals_nothing(client: AsyncClient) -> None:
    response = await client.get("/failing/crash")

    problem = assert_problem(response, 500)
    assert "secret" not in response.text
    assert "detail" not in problem


async def test_an_unexpected_error_stops_at_the_service_so_the_server_logs_it_not_again(
    app: FastAPI,
) -> None:
    # The transport raises what escapes the app, as a server would catch and log it.
    app.include_router(failing)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/failing/crash")

    assert_problem(response, 500)


class JsonLines(logging.Handler):
    """Keeps each record as the JSON object the service writes for it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonLinesFormatter())
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def logged() -> Iterator[JsonLines]:
    handler = JsonLines()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


async def test_an_unexpected_error_is_logged_with_its_requests_flow_and_trace(
    client: AsyncClient, logged: JsonLines
) -> None:
    response = await client.post("/failing/crash", headers={"traceparent": TRACEPARENT})

    assert_problem(response, 500)
    [line] = [line for line in logged.lines if line["message"].startswith("unhandled error")]
    assert line["message"] == "unhandled error on POST /failing/crash"
    assert line["trace_id"] == "0af7651916cd43dd8448eb211c80319c"
    assert UUID(line["correlation_id"])
    assert line["exception"].endswith("RuntimeError: secret internals")


async def test_an_invalid_request_is_422_naming_the_field_its_value_and_the_rule(
    client: AsyncClient,
) -> None:
    response = await client.get("/failing/typed", params={"limit": "many"})

    problem = assert_problem(response, 422)
    assert problem["errors"] == [
        {
            "location": ["query", "limit"],
            "value": "many",
            "message": "Input should be a valid integer, unable to parse string as an integer",
            "type": "int_parsing",
        }
    ]


async def test_a_missing_field_or_a_wrong_object_is_named_but_not_echoed(
    client: AsyncClient,
) -> None:
    missing = await client.get("/failing/typed")
    wrong = await client.post("/failing/typed", json={"limit": {"max": 2}})

    [missing_error] = assert_problem(missing, 422)["errors"]
    [wrong_error] = assert_problem(wrong, 422)["errors"]
    assert (missing_error["location"], missing_error["type"]) == (["query", "limit"], "missing")
    assert (wrong_error["location"], wrong_error["type"]) == (["body", "limit"], "int_type")
    assert "value" not in missing_error
    assert "value" not in wrong_error


async def test_a_lone_surrogate_sent_in_error_is_echoed_escaped(client: AsyncClient) -> None:
    body = b'{"limit": "12\\udfff"}'  # JSON's escape for a surrogate with no pair

    response = await client.post(
        "/failing/typed", content=body, headers={"content-type": "application/json"}
    )

    [error] = assert_problem(response, 422)["errors"]
    assert error["value"] == "12\\udfff"


async def test_an_unknown_route_is_404(client: AsyncClient) -> None:
    assert_problem(await client.get("/no/such/route"), 404)


async def test_a_wrong_method_is_405(client: AsyncClient) -> None:
    response = await client.post("/health/live")

    assert_problem(response, 405)
    assert response.headers["allow"] == "GET, HEAD"


async def test_a_body_longer_than_the_service_takes_is_a_413_problem(client: AsyncClient) -> None:
    response = await client.post(
        "/failing/typed", content=b" " * 1_048_577, headers={"content-type": "application/json"}
    )

    problem = assert_problem(response, 413)
    assert problem["detail"] == "the body is longer than the 1048576 bytes this service takes"
