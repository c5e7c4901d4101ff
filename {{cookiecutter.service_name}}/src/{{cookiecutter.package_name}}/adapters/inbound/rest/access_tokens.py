"""Access tokens: the JWTs the gateway signs for each caller it has authenticated.

The gateway authenticates users and clients; the service believes a token only once its
signature checks out against the gateway's public key. A token names its caller (`sub`)
and what the caller may do (`scope`, OAuth 2.0's space-separated list, as RFC 9068 writes
it in a JWT access token).
"""

from dataclasses import dataclass

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
    and, when one is set, the issuer.

    With no key (`public_key_pem` empty) no token passes: the service fails closed.
    """

    def __init__(self, public_key_pem: str, *, audience: str, issuer: str = "") -> None:
        self._key = verifying_key(public_key_pem) if public_key_pem else None
        self._algorithms = [] if self._key is None else _algorithms_for(self._key)
        self._audience = audience
        self._issuer = issuer or None

    def caller(self, token: str) -> Caller:
        """The caller `token` vouches for; `InvalidAccessTokenError` saying why not."""
        if self._key is None:
            raise InvalidAccessTokenError("the service has no key to check it with")
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=self._algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": _CLAIMS_REQUIRED},
            )
        except jwt.InvalidTokenError as error:
            raise InvalidAccessTokenError(str(error) or type(error).__name__) from None
        scope = claims.get("scope", "")
        if not isinstance(scope, str):
            raise InvalidAccessTokenError("scope must be a string of space-separated scopes")
        return Caller(subject=claims["sub"], scopes=frozenset(scope.split()))
