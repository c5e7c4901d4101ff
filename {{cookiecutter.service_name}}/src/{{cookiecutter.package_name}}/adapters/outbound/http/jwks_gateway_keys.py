"""The gateway's public keys, read from its JSON Web Key Set (RFC 7517) over HTTP.

A gateway that rotates its signing keys publishes them at a JWKS URL; each token names the
key that signed it (`kid`). The set is fetched when first needed, then again when it is
older than `max_age_seconds`, or sooner when a token names a key it lacks: a new key in
rotation. The fetches go through a circuit breaker. When the gateway cannot be reached, the
keys already fetched go on checking tokens: that is the fallback, and it keeps the service
serving callers through the gateway's outage. Only when no key was ever fetched does a
check fail for want of keys (`KeySetUnavailableError`).
"""

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from {{cookiecutter.package_name}}.adapters.outbound.http.circuit_breaker import (
    CircuitBreaker,
    CircuitOpenError,
)

logger = logging.getLogger(__name__)

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey
_CURVES = frozenset({"secp256r1", "secp384r1", "secp521r1"})


class UnknownSigningKeyError(LookupError):
    """No key of the gateway's set can have signed the token."""


class KeySetUnavailableError(ConnectionError):
    """The key set could not be fetched, and no earlier one is held."""


@dataclass(frozen=True, slots=True)
class KeySetPolicy:
    """How long a key set is trusted, and how often it may be fetched."""

    max_age_seconds: float = 300.0
    """A set older than this is fetched again before it checks a token."""
    refresh_spacing_seconds: float = 30.0
    """A token naming an unknown key starts a fetch at most this often: tokens with made-up
    key ids cannot turn the service into a flood of requests to the gateway."""
    timeout_seconds: float = 2.0
    """The longest one fetch may take, connecting included."""


class JwksGatewayKeys:
    """The key of the gateway's set that signed a token; fetched with httpx."""

    def __init__(
        self,
        url: str,
        *,
        policy: KeySetPolicy = KeySetPolicy(),
        breaker: CircuitBreaker | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = url
        self._policy = policy
        self._breaker = breaker or CircuitBreaker(f"the gateway's key set at {url}", clock=clock)
        self._clock = clock
        self._keys: dict[str | None, PublicKey] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._attempts_ended = 0
        self._fetching = asyncio.Lock()

    async def key_for(self, token: str) -> PublicKey:
        """The key `token`'s header names (`kid`), or the set's only key if it names none.

        `jwt.InvalidTokenError` for a token whose header cannot be read,
        `UnknownSigningKeyError` when no key matches, `KeySetUnavailableError` when there
        is no set to look in.
        """
        key_id = jwt.get_unverified_header(token).get("kid")
        if self._fetched_at is None or self._age() >= self._policy.max_age_seconds:
            await self._refresh()
        key = self._find(key_id)
        if key is None and self._may_refresh_early():
            await self._refresh()
            key = self._find(key_id)
        if key is None:
            if self._fetched_at is None:  # another request's fetch failed meanwhile
                raise KeySetUnavailableError(f"no key set was fetched from {self._url} yet")
            if key_id is None:
                raise UnknownSigningKeyError("it names no key (`kid`), and the gateway has several")
            raise UnknownSigningKeyError(f"the gateway has no key {key_id!r}")
        return key

    def _find(self, key_id: object) -> PublicKey | None:
        if key_id is None and len(self._keys) == 1:
            return next(iter(self._keys.values()))
        return self._keys.get(key_id) if isinstance(key_id, str) else None

    def _age(self) -> float:
        return 0.0 if self._fetched_at is None else self._clock() - self._fetched_at

    def _may_refresh_early(self) -> bool:
        return (
            self._attempted_at is None
            or self._clock() - self._attempted_at >= self._policy.refresh_spacing_seconds
        )

    async def _refresh(self) -> None:
        """Fetch the set again. On failure, keep the keys held (the fallback), if any."""
        ended = self._attempts_ended
        async with self._fetching:
            if self._attempts_ended != ended:
                return  # another request's attempt ended while this one waited: not again
            self._attempted_at = self._clock()
            try:
                self._keys = await self._breaker.call(self._fetch)
                self._fetched_at = self._clock()
            except (KeySetUnavailableError, CircuitOpenError) as error:
                # An open circuit was logged as it opened: not once per request since.
                if not isinstance(error, CircuitOpenError):
                    self._log_failure(error)
                if self._fetched_at is None:
                    raise KeySetUnavailableError(str(error)) from error
            finally:
                self._attempts_ended += 1

    def _log_failure(self, error: KeySetUnavailableError) -> None:
        if self._fetched_at is None:
            logger.warning(
                "the gateway's key set could not be fetched (%s); no token can be checked"
                " until it is",
                error,
            )
        else:
            logger.warning(
                "the gateway's key set could not be fetched again (%s); tokens are checked"
                " with the keys fetched %.0f s ago",
                error,
                self._age(),
            )

    async def _fetch(self) -> dict[str | None, PublicKey]:
        try:
            async with httpx.AsyncClient(timeout=self._policy.timeout_seconds) as client:
                response = await client.get(self._url, headers={"Accept": "application/json"})
        except httpx.HTTPError as error:
            raise KeySetUnavailableError(f"GET {self._url} failed: {error!r}") from error
        if response.status_code != httpx.codes.OK:
            raise KeySetUnavailableError(f"GET {self._url} answered {response.status_code}")
        try:
            document = response.json()
            key_set = jwt.PyJWKSet.from_dict(document if isinstance(document, dict) else {})
        except (ValueError, jwt.PyJWKSetError) as error:
            raise KeySetUnavailableError(f"{self._url} sent no key set: {error}") from error
        keys = {jwk.key_id: jwk.key for jwk in key_set.keys if _signs(jwk)}
        if not keys:
            raise KeySetUnavailableError(f"{self._url} sent no public key for signatures")
        return keys


def _signs(jwk: jwt.PyJWK) -> bool:
    """Whether `jwk` is a public key for signatures of a kind the service checks."""
    key = jwk.key
    if jwk.public_key_use not in (None, "sig") or not isinstance(key, PublicKey):
        return False
    return not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name in _CURVES
