"""Each API route names the scope it needs; a request gets in only with a token granting it.

The gateway in front of the service authenticates callers and passes each request on with
a signed access token (`access_tokens.py`). A route declares its scope with
`dependencies=[requires("<resource>:read")]`; FastAPI checks it before reading the body,
so a caller without the scope learns nothing about the request's shape. Answers follow
RFC 6750: 401 without a valid token, 403 without the scope; and 503 while the gateway's
keys cannot be had, since the token may well be valid.
"""

from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, SecurityScopes
from starlette.exceptions import HTTPException

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import (
    AccessTokenUncheckableError,
    Caller,
    InvalidAccessTokenError,
    JwtAccessTokens,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.dependencies import provided
from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import (
    Responses,
    problem_content,
)

_bearer = HTTPBearer(
    bearerFormat="JWT",
    description="An access token signed by the gateway, its `scope` granting the route's.",
    auto_error=False,
)

RETRY_AFTER_SECONDS = 30
"""When a caller refused for want of the gateway's keys may try again: about when the
circuit to the gateway lets a trial through (`adapters/outbound/http/circuit_breaker.py`)."""

AUTHORIZATION: Responses = {
    401: problem_content("No access token, or one that is invalid, expired or not for us"),
    403: problem_content("The access token does not grant the route's scope"),
    503: problem_content("The gateway's keys to check the token cannot be had; try again shortly"),
}
"""What a route that `requires` a scope can also answer."""


def requires(scope: str) -> Any:
    """The dependency that lets a request in only with a valid token granting `scope`."""
    return Security(authorized_caller, scopes=[scope])


async def authorized_caller(
    request: Request,
    required: SecurityScopes,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """The caller the request's bearer token vouches for, once it grants every scope
    required; raises the 401 or 403 otherwise."""
    if credentials is None:
        raise HTTPException(
            401,
            detail="The request carries no bearer token in its Authorization header.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    access_tokens: JwtAccessTokens = provided(request, "access_tokens")
    try:
        caller = await access_tokens.caller(credentials.credentials)
    except InvalidAccessTokenError as error:
        raise HTTPException(
            401,
            detail=f"The access token is invalid: {error}.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        ) from None
    except AccessTokenUncheckableError:
        # Why is logged where the keys are fetched; the caller learns only to come back.
        raise HTTPException(
            503,
            detail="The service cannot check access tokens at the moment.",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        ) from None
    missing = [scope for scope in required.scopes if scope not in caller.scopes]
    if missing:
        raise HTTPException(
            403,
            detail=f"The access token does not grant the scope {' '.join(missing)}.",
            headers={
                "WWW-Authenticate": (
                    f'Bearer error="insufficient_scope", scope="{required.scope_str}"'
                )
            },
        )
    return caller
