"""Each API route lets a request in only with a valid access token granting its scope."""

import time
from collections.abc import AsyncIterator

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from dependency_injector import providers
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient, Response
from pydantic import BaseModel

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import LEEWAY_SECONDS
from {{cookiecutter.package_name}}.adapters.inbound.rest.authorization import (
    AUTHORIZATION,
    requires,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.bootstrap.app import create_app
from {{cookiecutter.package_name}}.bootstrap.settings import Settings

from tests.access_tokens import GATEWAY_KEY, access_token, bearer
from tests.e2e.conftest import build_app, container_on
from tests.key_set_server import jwk_of, key_set_server

# Routes of the tests' own, beside the service's: the checks hold for any route.
things = APIRouter(prefix="/things", responses=AUTHORIZATION)


class Thing(BaseModel):
    name: str


@things.get("/{number}", dependencies=[requires("things:read")])
async def get_thing(number: int) -> Thing:
    return Thing(name=f"thing {number}")


@things.post("", dependencies=[requires("things:write")])
async def make_thing(thing: Thing) -> Thing:
    return thing


def with_things(app: FastAPI) -> FastAPI:
    app.include_router(things)
    return app


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """A client of the service with the routes above, sending no token unless told to."""
    transport = ASGITransport(app=with_things(app))
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=transport, base_url="http://service.test") as client,
    ):
        yield client


def assert_refused(response: Response, status: int, challenge: str, detail: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == challenge
    assert response.json()["detail"] == detail


async def test_a_request_with_a_token_granting_the_scope_gets_in(anonymous: AsyncClient) -> None:
    response = await anonymous.get("/things/7", headers=bearer(access_token(("things:read",))))

    assert response.status_code == 200
    assert response.json() == {"name": "thing 7"}


@pytest.mark.parametrize("authorization", [None, "Basic ZGV2OnB3", "Bearer"])
async def test_a_request_without_a_bearer_token_is_answered_401(
    anonymous: AsyncClient, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = await anonymous.get("/things/7", headers=headers)

    assert_refused(
        response,
        401,
        "Bearer",
        "The request carries no bearer token in its Authorization header.",
    )


async def test_an_expired_token_is_answered_401_saying_so(anonymous: AsyncClient) -> None:
    expired = access_token(("things:read",), exp=int(time.time()) - LEEWAY_SECONDS - 1)

    response = await anonymous.get("/things/7", headers=bearer(expired))

    assert_refused(
        response,
        401,
        'Bearer error="invalid_token"',
        "The access token is invalid: Signature has expired.",
    )


async def test_a_token_without_the_scope_is_answered_403_naming_it(
    anonymous: AsyncClient,
) -> None:
    response = await anonymous.post(
        "/things", json={"name": "x"}, headers=bearer(access_token(("things:read",)))
    )

    assert_refused(
        response,
        403,
        'Bearer error="insufficient_scope", scope="things:write"',
        "The access token does not grant the scope things:write.",
    )


async def test_the_token_is_checked_before_the_body(anonymous: AsyncClient) -> None:
    response = await anonymous.post("/things", json={"nom": 1})

    assert response.status_code == 401


async def test_without_a_key_the_service_lets_no_token_in(migrated_database_url: str) -> None:
    container = container_on(InMemoryBroker(), migrated_database_url, run_relay=False)
    container.settings.override(
        providers.Object(Settings(database_url=migrated_database_url, jwt_public_key=""))
    )
    transport = ASGITransport(app=with_things(create_app(container)))
    async with AsyncClient(transport=transport, base_url="http://service.test") as client:
        response = await client.get("/things/7", headers=bearer(access_token(("things:read",))))

    assert_refused(
        response,
        401,
        'Bearer error="invalid_token"',
        "The access token is invalid: the service has no key to check it with.",
    )


def client_with_key_set(database_url: str, jwks_url: str) -> AsyncClient:
    """A client of the service taking the gateway's keys from the key set at `jwks_url`."""
    container = container_on(InMemoryBroker(), database_url, run_relay=False)
    settings = Settings(database_url=database_url, jwt_public_key="", jwt_jwks_url=jwks_url)
    container.settings.override(providers.Object(settings))
    transport = ASGITransport(app=with_things(create_app(container)))
    return AsyncClient(transport=transport, base_url="http://service.test")


async def test_with_a_key_set_a_token_signed_by_the_key_it_names_gets_in(
    migrated_database_url: str,
) -> None:
    rotated_in = ec.generate_private_key(ec.SECP256R1())
    with key_set_server(jwk_of(GATEWAY_KEY, "k1"), jwk_of(rotated_in, "k2")) as gateway:
        async with client_with_key_set(migrated_database_url, gateway.url) as client:
            token = access_token(("things:read",), key=rotated_in, key_id="k2")
            response = await client.get("/things/7", headers=bearer(token))

    assert response.status_code == 200, response.text


async def test_with_a_key_set_out_of_reach_a_request_is_answered_503_not_401(
    migrated_database_url: str,
) -> None:
    with key_set_server(jwk_of(GATEWAY_KEY, "k1")) as gateway:
        gateway.stop()
        async with client_with_key_set(migrated_database_url, gateway.url) as client:
            token = access_token(("things:read",), key_id="k1")
            response = await client.get("/things/7", headers=bearer(token))

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "30"
    assert response.json()["detail"] == "The service cannot check access tokens at the moment."


@pytest.mark.parametrize("path", ["/health/live", "/health/ready", "/openapi.json", "/docs"])
async def test_the_probes_and_the_documentation_need_no_token(
    anonymous: AsyncClient, path: str
) -> None:
    response = await anonymous.get(path)

    assert response.status_code != 401


def test_every_api_route_of_the_service_requires_a_scope_and_documents_401_and_403(
    migrated_database_url: str,
) -> None:
    # A route added without `dependencies=[requires(...)]` would be open to anyone.
    paths = build_app(migrated_database_url).openapi()["paths"]

    open_routes = [
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        if not path.startswith("/health/")
        for method, operation in operations.items()
        if not operation.get("security") or not {"401", "403"} <= set(operation["responses"])
    ]

    assert open_routes == []
