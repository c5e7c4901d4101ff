"""The gateway's key set, fetched over real HTTP: kept, renewed, and relied on when the
gateway cannot be reached."""

import asyncio
import logging
from collections.abc import Iterator
from http import HTTPStatus

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from {{cookiecutter.package_name}}.adapters.outbound.http.circuit_breaker import (
    BreakerPolicy,
    CircuitBreaker,
)
from {{cookiecutter.package_name}}.adapters.outbound.http.jwks_gateway_keys import (
    JwksGatewayKeys,
    KeySetPolicy,
    KeySetUnavailableError,
    PublicKey,
    UnknownSigningKeyError,
)

from tests.access_tokens import AUDIENCE, access_token
from tests.key_set_server import KeySetServer, jwk_of, key_set_server
from tests.manual_clock import ManualClock

POLICY = KeySetPolicy(max_age_seconds=300.0, refresh_spacing_seconds=30.0, timeout_seconds=2.0)
FIRST_KEY = ec.generate_private_key(ec.SECP256R1())
NEXT_KEY = ec.generate_private_key(ec.SECP256R1())


def signed_by(key: ec.EllipticCurvePrivateKey, key_id: str | None) -> str:
    """A valid token signed by `key`, its header naming `key_id` (or no key)."""
    return access_token(key=key, key_id=key_id)


def checks(key: PublicKey, token: str) -> bool:
    """Whether `key` verifies `token`'s signature (`jwt.InvalidTokenError` if not)."""
    return bool(jwt.decode(token, key, algorithms=["ES256"], audience=AUDIENCE))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def gateway() -> Iterator[KeySetServer]:
    with key_set_server(jwk_of(FIRST_KEY, "k1")) as server:
        yield server


def keys_at(server: KeySetServer, clock: ManualClock) -> JwksGatewayKeys:
    breaker = CircuitBreaker("the gateway", BreakerPolicy(3, 30.0), clock=clock)
    return JwksGatewayKeys(server.url, policy=POLICY, breaker=breaker, clock=clock)


async def fetched_once(server: KeySetServer, clock: ManualClock) -> JwksGatewayKeys:
    """Keys of the set at `server`, fetched for a first token."""
    keys = keys_at(server, clock)
    await keys.key_for(signed_by(FIRST_KEY, "k1"))
    return keys


async def test_the_key_a_token_names_checks_it_and_the_set_is_fetched_once(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = keys_at(gateway, clock)
    tokens = [signed_by(FIRST_KEY, "k1") for _ in range(3)]

    found = [await keys.key_for(token) for token in tokens]

    assert all(checks(key, token) for key, token in zip(found, tokens, strict=True))
    assert gateway.requests == 1


async def test_requests_that_find_no_set_yet_wait_for_one_fetch_together(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = keys_at(gateway, clock)
    token = signed_by(FIRST_KEY, "k1")

    found = await asyncio.gather(*(keys.key_for(token) for _ in range(5)))

    assert all(checks(key, token) for key in found)
    assert gateway.requests == 1


async def test_requests_waiting_on_a_fetch_that_fails_all_learn_there_is_no_set(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = keys_at(gateway, clock)
    gateway.status = HTTPStatus.SERVICE_UNAVAILABLE
    token = signed_by(FIRST_KEY, "k1")

    outcomes = await asyncio.gather(
        *(keys.key_for(token) for _ in range(3)), return_exceptions=True
    )

    assert [type(outcome) for outcome in outcomes] == [KeySetUnavailableError] * 3
    assert gateway.requests == 1


async def test_a_token_naming_no_key_is_checked_with_the_only_key_of_the_set(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    token = signed_by(FIRST_KEY, None)

    assert checks(await keys_at(gateway, clock).key_for(token), token)


async def test_a_token_naming_no_key_is_refused_when_the_set_has_several(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    gateway.document = {"keys": [jwk_of(FIRST_KEY, "k1"), jwk_of(NEXT_KEY, "k2")]}

    with pytest.raises(UnknownSigningKeyError, match="names no key"):
        await keys_at(gateway, clock).key_for(signed_by(FIRST_KEY, None))


async def test_a_key_new_in_a_rotation_is_fetched_when_a_token_names_it(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = await fetched_once(gateway, clock)
    gateway.document = {"keys": [jwk_of(FIRST_KEY, "k1"), jwk_of(NEXT_KEY, "k2")]}
    clock.now += POLICY.refresh_spacing_seconds
    token = signed_by(NEXT_KEY, "k2")

    assert checks(await keys.key_for(token), token)
    assert gateway.requests == 2


async def test_tokens_naming_made_up_keys_fetch_the_set_again_at_most_once_a_spacing(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = await fetched_once(gateway, clock)
    clock.now += POLICY.refresh_spacing_seconds

    for attempt in range(5):
        with pytest.raises(UnknownSigningKeyError, match="no key 'made-up-"):
            await keys.key_for(signed_by(NEXT_KEY, f"made-up-{attempt}"))

    assert gateway.requests == 2


async def test_a_set_older_than_its_age_limit_is_fetched_again(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = await fetched_once(gateway, clock)
    gateway.document = {"keys": [jwk_of(NEXT_KEY, "k2")]}  # k1 retired
    clock.now += POLICY.max_age_seconds

    with pytest.raises(UnknownSigningKeyError, match="no key 'k1'"):
        await keys.key_for(signed_by(FIRST_KEY, "k1"))
    assert gateway.requests == 2


async def test_while_the_gateway_is_away_the_keys_fetched_before_go_on_checking_tokens(
    gateway: KeySetServer, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    keys = await fetched_once(gateway, clock)
    gateway.stop()
    clock.now += POLICY.max_age_seconds + 1
    token = signed_by(FIRST_KEY, "k1")

    with caplog.at_level(logging.WARNING, logger="{{cookiecutter.package_name}}"):
        found = await keys.key_for(token)

    assert checks(found, token)
    (warning,) = [r for r in caplog.records if "could not be fetched again" in r.getMessage()]
    assert "keys fetched 301 s ago" in warning.getMessage()


async def test_before_any_set_is_fetched_an_unreachable_gateway_leaves_no_key(
    gateway: KeySetServer, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.stop()

    with (
        caplog.at_level(logging.WARNING, logger="{{cookiecutter.package_name}}"),
        pytest.raises(KeySetUnavailableError, match=f"GET {gateway.url} failed"),
    ):
        await keys_at(gateway, clock).key_for(signed_by(FIRST_KEY, "k1"))

    [warning] = [record.getMessage() for record in caplog.records]
    assert warning.startswith(f"the gateway's key set could not be fetched (GET {gateway.url}")
    assert warning.endswith("no token can be checked until it is")


async def test_after_three_failures_the_gateway_is_left_alone_until_a_trial_is_due(
    gateway: KeySetServer, clock: ManualClock
) -> None:
    keys = keys_at(gateway, clock)
    gateway.status = HTTPStatus.INTERNAL_SERVER_ERROR
    token = signed_by(FIRST_KEY, "k1")
    for _ in range(3):
        with pytest.raises(KeySetUnavailableError, match="answered 500"):
            await keys.key_for(token)

    with pytest.raises(KeySetUnavailableError, match="not called for now"):
        await keys.key_for(token)
    assert gateway.requests == 3

    gateway.status = HTTPStatus.OK
    clock.now += 30.0
    assert checks(await keys.key_for(token), token)
    assert gateway.requests == 4


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        pytest.param("not a key set", "sent no key set", id="not-an-object"),
        pytest.param({"keys": []}, "sent no key set", id="empty"),
        pytest.param(
            {"keys": [jwk_of(FIRST_KEY, "k1", use="enc")]},
            "no public key for signatures",
            id="for-encryption",
        ),
        pytest.param(
            {"keys": [{"kty": "oct", "kid": "k1", "k": "c2VjcmV0"}]},
            "no public key for signatures",
            id="symmetric",
        ),
    ],
)
async def test_a_set_with_no_key_that_checks_signatures_is_no_set(
    gateway: KeySetServer, clock: ManualClock, document: object, reason: str
) -> None:
    gateway.document = document

    with pytest.raises(KeySetUnavailableError, match=reason):
        await keys_at(gateway, clock).key_for(signed_by(FIRST_KEY, "k1"))
