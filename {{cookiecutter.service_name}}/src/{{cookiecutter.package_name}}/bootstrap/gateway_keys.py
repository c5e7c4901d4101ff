"""Where the gateway's keys come from: its key set over HTTP, or its one PEM key."""

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import (
    GatewayKeys,
    PemGatewayKey,
)
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


def gateway_keys(settings: Settings) -> GatewayKeys:
    """The gateway's JWKS at `JWT_JWKS_URL` when it is set, else its key `JWT_PUBLIC_KEY`
    (none when that is empty too: no token passes)."""
    if not settings.jwt_jwks_url:
        return PemGatewayKey(settings.jwt_public_key)
    # Imported here: only a service that reads a key set pays for the HTTP client's import.
    from {{cookiecutter.package_name}}.adapters.outbound.http.jwks_gateway_keys import (
        JwksGatewayKeys,
    )

    return JwksGatewayKeys(settings.jwt_jwks_url)
