"""A token is believed only with the gateway's signature, unexpired, and for this service."""

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import (
    LEEWAY_SECONDS,
    AccessTokenUncheckableError,
    Caller,
    InvalidAccessTokenError,
    JwtAccessTokens,
    PemGatewayKey,
    VerifyingKey,
    verifying_key,
)

from tests.access_tokens import AUDIENCE, GATEWAY_PUBLIC_KEY, access_token

ISSUER = "https://gateway.test"


PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey


def public_pem(key: PrivateKey) -> str:
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode()


def tampered() -> str:
    """A token granting nothing, its claims swapped for another's that grant everything."""
    header, _, signature = access_token(scope=None).split(".")
    claims = access_token(("things:read", "things:write")).split(".")[1]
    return f"{header}.{claims}.{signature}"


@pytest.fixture
def tokens() -> JwtAccessTokens:
    return JwtAccessTokens(PemGatewayKey(GATEWAY_PUBLIC_KEY), audience=AUDIENCE)


async def test_a_valid_token_names_its_caller_and_scopes(tokens: JwtAccessTokens) -> None:
    token = access_token(("things:read", "things:write"), sub="client-7")

    caller = await tokens.caller(token)

    assert caller == Caller("client-7", frozenset({"things:read", "things:write"}))


async def test_a_token_without_a_scope_grants_none(tokens: JwtAccessTokens) -> None:
    assert (await tokens.caller(access_token(scope=None))).scopes == frozenset()


def later(seconds: int) -> int:
    return int(time.time()) + seconds


# Each token made as the test runs, not when the module is collected, so that the times
# in it are the test's own.
@pytest.mark.parametrize(
    ("token", "reason"),
    [
        pytest.param(lambda: access_token(exp=later(-LEEWAY_SECONDS - 1)), "expired", id="expired"),
        pytest.param(
            lambda: access_token(nbf=later(LEEWAY_SECONDS + 60)), "not yet valid", id="early"
        ),
        pytest.param(
            lambda: access_token(aud="another-service"),
            "Audience doesn.t match",
            id="other-audience",
        ),
        pytest.param(lambda: access_token(aud=None), '"aud"', id="no-audience"),
        pytest.param(lambda: access_token(exp=None), '"exp"', id="no-expiry"),
        pytest.param(lambda: access_token(sub=None), '"sub"', id="no-subject"),
        pytest.param(
            lambda: access_token(key=ec.generate_private_key(ec.SECP256R1())),
            "Signature verification failed",
            id="other-key",
        ),
        pytest.param(tampered, "Signature verification failed", id="tampered"),
        pytest.param(lambda: "not-a-jwt", "Not enough segments", id="malformed"),
        pytest.param(lambda: access_token(scope=["things:read"]), "scope", id="scope-not-a-string"),
    ],
)
async def test_a_token_that_fails_a_check_is_refused_saying_which(
    tokens: JwtAccessTokens, token: Callable[[], str], reason: str
) -> None:
    with pytest.raises(InvalidAccessTokenError, match=reason):
        await tokens.caller(token())


async def test_a_token_cannot_choose_an_algorithm_the_key_does_not_sign_with(
    tokens: JwtAccessTokens,
) -> None:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    claims = {"sub": "developer", "aud": AUDIENCE, "exp": int(time.time()) + 60}
    unsigned = f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."

    with pytest.raises(InvalidAccessTokenError, match="alg"):
        await tokens.caller(unsigned)


async def test_a_clock_behind_the_gateways_by_less_than_the_leeway_is_tolerated(
    tokens: JwtAccessTokens,
) -> None:
    token = access_token(exp=later(-LEEWAY_SECONDS // 2))

    assert (await tokens.caller(token)).subject == "developer"


async def test_an_issuer_when_set_must_be_the_tokens(tokens: JwtAccessTokens) -> None:
    tokens = JwtAccessTokens(PemGatewayKey(GATEWAY_PUBLIC_KEY), audience=AUDIENCE, issuer=ISSUER)

    assert (await tokens.caller(access_token(iss=ISSUER))).subject == "developer"
    with pytest.raises(InvalidAccessTokenError, match="issuer"):
        await tokens.caller(access_token(iss="https://elsewhere.test"))
    with pytest.raises(InvalidAccessTokenError, match='"iss"'):
        await tokens.caller(access_token())


async def test_with_no_key_no_token_passes() -> None:
    tokens = JwtAccessTokens(PemGatewayKey(""), audience=AUDIENCE)

    with pytest.raises(InvalidAccessTokenError, match="no key"):
        await tokens.caller(access_token())


@pytest.mark.parametrize(
    ("key", "algorithm"),
    [
        pytest.param(rsa.generate_private_key(65537, 2048), "RS256", id="rsa"),
        pytest.param(rsa.generate_private_key(65537, 2048), "PS256", id="rsa-pss"),
        pytest.param(ec.generate_private_key(ec.SECP384R1()), "ES384", id="p-384"),
        pytest.param(ed25519.Ed25519PrivateKey.generate(), "EdDSA", id="ed25519"),
    ],
)
async def test_each_kind_of_gateway_key_is_taken(key: PrivateKey, algorithm: str) -> None:
    tokens = JwtAccessTokens(PemGatewayKey(public_pem(key)), audience=AUDIENCE)
    token = jwt.encode(
        {"sub": "developer", "aud": AUDIENCE, "exp": int(time.time()) + 60}, key, algorithm
    )

    assert (await tokens.caller(token)).subject == "developer"


@pytest.mark.parametrize(
    "pem",
    [
        "not a key",
        public_pem(ec.generate_private_key(ec.SECP256K1())),
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
    ],
    ids=["not-pem", "unsupported-curve", "broken"],
)
def test_anything_but_a_public_key_of_a_kind_taken_is_refused(pem: str) -> None:
    with pytest.raises(ValueError, match="should be a PEM public key"):
        verifying_key(pem)


class GatewayAway:
    """Keys that cannot be had: the gateway does not answer."""

    async def key_for(self, token: str) -> VerifyingKey:
        raise ConnectionError("the gateway does not answer")


class GatewayWithoutTheKey:
    """A key set that lacks the token's key."""

    async def key_for(self, token: str) -> VerifyingKey:
        raise LookupError("the gateway has no key 'k2'")


async def test_a_token_whose_key_the_gateway_lacks_is_refused() -> None:
    tokens = JwtAccessTokens(GatewayWithoutTheKey(), audience=AUDIENCE)

    with pytest.raises(InvalidAccessTokenError, match="no key 'k2'"):
        await tokens.caller(access_token())


async def test_a_token_is_neither_taken_nor_refused_while_the_keys_cannot_be_had() -> None:
    tokens = JwtAccessTokens(GatewayAway(), audience=AUDIENCE)

    with pytest.raises(AccessTokenUncheckableError, match="does not answer"):
        await tokens.caller(access_token())
