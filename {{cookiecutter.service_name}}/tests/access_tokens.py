"""Access tokens as the gateway would sign them, with a key made for this test run."""

import time
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from {{cookiecutter.package_name}}.bootstrap.settings import Settings

GATEWAY_KEY = ec.generate_private_key(ec.SECP256R1())
GATEWAY_PUBLIC_KEY = (
    GATEWAY_KEY.public_key()
    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    .decode()
    .strip()
)
AUDIENCE = Settings().token_audience
{%- if cookiecutter.example == "orders" %}
EVERY_SCOPE = ("orders:read", "orders:write")
{%- elif cookiecutter.example == "customers" %}
EVERY_SCOPE = ("customers:read", "customers:write")
{%- else %}
EVERY_SCOPE: tuple[str, ...] = ()
{%- endif %}
"""Each scope a route of the API requires."""


def access_token(
    scopes: tuple[str, ...] = EVERY_SCOPE,
    *,
    key: ec.EllipticCurvePrivateKey = GATEWAY_KEY,
    algorithm: str = "ES256",
    key_id: str | None = None,
    **claims: Any,
) -> str:
    """A token for `developer`, valid for ten minutes, granting `scopes`; `claims` replace or,
    set to None, remove the standard ones. With `key_id`, its header names the key (`kid`)."""
    now = int(time.time())
    payload: dict[str, Any] = {"sub": "developer", "aud": AUDIENCE, "iat": now, "exp": now + 600}
    payload["scope"] = " ".join(scopes)
    payload.update(claims)
    return jwt.encode(
        {name: value for name, value in payload.items() if value is not None},
        key,
        algorithm=algorithm,
        headers=None if key_id is None else {"kid": key_id},
    )


def bearer(token: str) -> dict[str, str]:
    """The `Authorization` header carrying `token`."""
    return {"Authorization": f"Bearer {token}"}
