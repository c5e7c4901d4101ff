"""Access tokens: the JWTs the gateway signs for each caller it has authenticated.

The gateway authenticates users and clients; the service believes a token only once its
signature checks out against the gateway's public key. A token names its caller (`sub`)
and what the caller may do (`scope`, OAuth 2.0's space-separated list, as RFC 9068 writes
it in a JWT access token).

The gateway's keys come from a `GatewayKeys`: its one PEM key (`PemGatewayKey`), or the
key set it publishes, read over HTTP by an outbound adapter (`adapters/outbound/http/`).
"""

from dataclasses import dataclass
from typing import Protocol

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

LEEWAY_SECONDS = 30
"""How far the gateway's clock may be from this one's, for `exp` and `nbf`."""

_RSA_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_EC_ALGORITHMS = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}
_CLAIMS_REQUIRED = ["exp", "sub"]

VerifyingKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey


@dataclass(frozen=True)
class Caller:
    """Whom the gateway vouches for, and the scopes it granted them."""

    subject: str
    scopes: frozenset[str]


class InvalidAccessTokenError(Exception):
    """The token is malformed, forged, expired or meant for another service, or there is
    no key to check it with."""


class AccessTokenUncheckableError(Exception):
    """The gateway's keys cannot be had now: the token is neither accepted nor refused."""


class GatewayKeys(Protocol):
    """Where the keys that check access tokens come from.

    `key_for` raises `LookupError` when no key of the gateway can have signed the token,
    `ConnectionError` when the keys cannot be had at the moment, and may raise
    `jwt.InvalidTokenError` for a token whose header it cannot read.
    """

    async def key_for(self, token: str) -> VerifyingKey:
        """The key to check `token`'s signature with."""
        ...


class PemGatewayKey:
    """The gateway's one public key, given in PEM (`JWT_PUBLIC_KEY`); empty, there is none
    and no token passes: the service fails closed."""

    def __init__(self, pem: str) -> None:
        self._key = verifying_key(pem) if pem else None

    async def key_for(self, token: str) -> VerifyingKey:
        if self._key is None:
            raise LookupError("the service has no key to check it with")
        return self._key


def verifying_key(pem: str) -> VerifyingKey:
    """The public key written in `pem`; `ValueError` naming the kinds taken if it is none."""
    try:
        key = load_pem_public_key(pem.encode())
    except ValueError:
        key = None
    if isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name not in _EC_ALGORITHMS:
        key = None
    if not isinstance(key, VerifyingKey):
        raise ValueError(
            "should be a PEM public key (-----BEGIN PUBLIC KEY-----): RSA, EC on P-256,"
            " P-384 or P-521, or Ed25519"
        )
    return key


def _algorithms_for(key: VerifyingKey) -> list[str]:
    # Only what the key's own kind signs: a token cannot choose how it is checked (an
    # HMAC "signed" with the public key, or `none`, is refused).
    if isinstance(key, rsa.RSAPublicKey):
        return list(_RSA_ALGORITHMS)
    if isinstance(key, ec.EllipticCurvePublicKey):
        return [_EC_ALGORITHMS[key.curve.name]]
    return ["EdDSA"]


class JwtAccessTokens:
    """Checks access tokens with PyJWT: the gateway's signature, the expiry, the audience
    and, when one is set, the issuer."""

    def __init__(self, keys: GatewayKeys, *, audience: str, issuer: str = "") -> None:
        self._keys = keys
        self._audience = audience
        self._issuer = issuer or None

    async def caller(self, token: str) -> Caller:
        """The caller `token` vouches for; `InvalidAccessTokenError` saying why not, or
        `AccessTokenUncheckableError` when the gateway's keys cannot be had."""
        try:
            key = await self._keys.key_for(token)
            claims = jwt.decode(
                token,
                key,
                algorithms=_algorithms_for(key),
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": _CLAIMS_REQUIRED},
            )
        except (jwt.InvalidTokenError, LookupError) as error:
            raise InvalidAccessTokenError(str(error) or type(error).__name__) from None
        except ConnectionError as error:
            raise AccessTokenUncheckableError(str(error)) from error
        scope = claims.get("scope", "")
        if not isinstance(scope, str):
            raise InvalidAccessTokenError("scope must be a string of space-separated scopes")
        return Caller(subject=claims["sub"], scopes=frozenset(scope.split()))
