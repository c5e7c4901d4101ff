"""Every error leaves the service as RFC 9457 `application/problem+json`.

The errors the service expects are mapped to their status here; any other exception is
answered with a bare 500 by `unexpected_errors.py`.
"""

import logging
import math
from collections.abc import Mapping
from functools import cache
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException
from starlette.routing import Match

from {{cookiecutter.package_name}}.application.errors import (
    ConflictError,
    IdempotencyKeyReusedError,
    NotFoundError,
    UnavailableError,
)
from {{cookiecutter.package_name}}.domain.building_blocks import (
    DomainError,
    IllegalStateTransitionError,
)

PROBLEM_JSON = "application/problem+json"
ECHOED_STRING_LIMIT = 100
"""How much of a string sent in error a 422 repeats."""
_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")

logger = logging.getLogger(__name__)


class ProblemDetails(BaseModel):
    """RFC 9457 problem details; extension members are allowed beside the standard ones."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class FieldError(BaseModel):
    """One thing wrong with a malformed request: where, the value there, and the rule."""

    location: list[str | int] = Field(
        description='Where, such as `["body", "name"]` or `["query", "limit"]`.'
    )
    value: str | int | float | bool | None = Field(
        default=None,
        description="The value sent there, a string cut to 100 characters; absent when the "
        "field is missing, or is an object, a list or a number JSON cannot write.",
    )
    message: str = Field(description="The rule it breaks, in words.")
    type: str = Field(description="The rule as a code, such as `int_parsing` or `missing`.")


class InvalidRequestProblem(ProblemDetails):
    """A 422: a broken business rule, named in `detail`, or a malformed request."""

    errors: list[FieldError] | None = Field(
        default=None, description="For a malformed request: what is wrong, field by field."
    )


Responses = dict[int | str, dict[str, Any]]
"""A route's `responses`: what each other status means, for the OpenAPI schema."""

_SCHEMAS = "#/components/schemas/"


def problem_content(
    description: str, model: type[ProblemDetails] = ProblemDetails
) -> dict[str, Any]:
    """An OpenAPI response entry for a problem, to document a route's failures.

    Not FastAPI's `model`: it files a model's schema under the route's own media type,
    `application/json`, which no problem is sent as. `document_problems` adds the schema
    this refers to.
    """
    schema = {"$ref": _SCHEMAS + model.__name__}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


UNEXPECTED: Responses = {500: problem_content("An unexpected error")}
"""What any route can answer; the app documents it on all of them."""

INVALID: Responses = {
    422: problem_content("The request or a business rule is invalid", InvalidRequestProblem)
}
"""What a route with parameters or a body can answer: a bad one, or a broken rule."""

JSON_BODY: Responses = {
    400: problem_content(
        "The body could not be read as JSON: its bytes are not UTF-8 text, or it is nested"
        " too deep or holds a number too long to read"
    ),
    413: problem_content("The body is longer than the service takes (MAX_REQUEST_BODY_BYTES)"),
    415: problem_content("The body was sent as another media type than JSON"),
}
"""What a route taking a JSON body can also answer."""

UNAVAILABLE: Responses = {
    503: problem_content(
        "The service's database is away or busy, or the gateway's keys to check the access"
        " token cannot be had; try again shortly"
    )
}
"""What a route that reads or writes the database, and requires a scope, can also answer."""


def document_problems(app: FastAPI) -> None:
    """Add the problem models' schemas to the components of `app`'s OpenAPI schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # built once, then FastAPI's cached copy
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in _problem_schemas().items():
            components.setdefault(name, definition)
        return schema

    # FastAPI's documented way to extend the schema is to replace this method.
    app.openapi = openapi  # type: ignore[method-assign]


@cache
def _problem_schemas() -> dict[str, Any]:
    # Made when the OpenAPI schema is first asked for, not at start-up: only `/docs` and
    # `/openapi.json` need them.
    _, definitions = models_json_schema(
        [(ProblemDetails, "serialization"), (InvalidRequestProblem, "serialization")],
        ref_template=_SCHEMAS + "{model}",
    )
    schemas: dict[str, Any] = definitions["$defs"]
    return schemas


def problem_response(
    status: int, *, detail: str | None = None, instance: str | None = None, **extensions: Any
) -> JSONResponse:
    problem = ProblemDetails(
        title=HTTPStatus(status).phrase, status=status, detail=detail, instance=instance
    )
    body = problem.model_dump(exclude_none=True) | jsonable_encoder(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(DomainError, _rule_broken)
    app.add_exception_handler(IdempotencyKeyReusedError, _rule_broken)
    app.add_exception_handler(IllegalStateTransitionError, _conflict)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(UnavailableError, _unavailable)


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    sent_as = _other_than_json(request.headers.get("content-type"))
    if sent_as is not None and any(_whole_body_refused(item) for item in error.errors()):
        # FastAPI reads a body of another type as bytes, then calls it the wrong shape.
        detail = f"the body must be sent as application/json, got {sent_as}"
        return problem_response(415, detail=detail, instance=request.url.path)
    errors = [_field_error(item) for item in error.errors()]
    return problem_response(
        422, detail="The request is invalid.", instance=request.url.path, errors=errors
    )


def _other_than_json(content_type: str | None) -> str | None:
    """What a body was declared as, unless it is JSON (`application/json`, `*/*+json`)."""
    if not content_type:
        return "no Content-Type"
    media_type = content_type.partition(";")[0].strip().lower()
    subtype = media_type.removeprefix("application/")
    if subtype != media_type and (subtype == "json" or subtype.endswith("+json")):
        return None
    return media_type


def _whole_body_refused(item: Mapping[str, Any]) -> bool:
    # A body that was sent, refused as a whole: not a missing one, nor one wrong field.
    return tuple(item["loc"]) == ("body",) and item["type"] != "missing"


def _field_error(item: Mapping[str, Any]) -> dict[str, Any]:
    field_error = FieldError(
        location=list(item["loc"]),
        message=item["msg"],
        type=item["type"],
        **_echoed(item.get("input"), missing=item["type"] == "missing"),
    )
    return field_error.model_dump(exclude_unset=True)


def _echoed(value: object, *, missing: bool) -> dict[str, Any]:
    """The value sent, as the answer repeats it: never a whole object or list, nor a
    number JSON cannot write (infinity, or an integer past 64 bits), and a long string only
    in part, so that a huge input never makes a huge answer."""
    if missing or not isinstance(value, str | int | float | bool | None):
        return {}
    if isinstance(value, float) and not math.isfinite(value):
        return {}
    if isinstance(value, int) and value.bit_length() > 64:
        return {}
    if isinstance(value, str):
        # A lone surrogate (JSON's "\udfff") cannot be written as UTF-8: shown escaped.
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
        if len(value) > ECHOED_STRING_LIMIT:
            return {"value": f"{value[: ECHOED_STRING_LIMIT - 3]}..."}
    return {"value": value}


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else None
    response = problem_response(error.status_code, detail=detail, instance=request.url.path)
    response.headers.update(error.headers or {})
    if error.status_code == HTTPStatus.METHOD_NOT_ALLOWED:
        response.headers["Allow"] = _allowed_methods(request)
    return response


def _allowed_methods(request: Request) -> str:
    """Every method some route takes at the request's path. Starlette names only the first
    route that has the path: where one route reads and another creates, a `PUT` would be
    told `Allow: POST` alone."""
    routes = request.app.router.routes

    def taken(method: str) -> bool:
        scope = {**request.scope, "method": method}
        return any(route.matches(scope)[0] is Match.FULL for route in routes)

    return ", ".join(method for method in _METHODS if taken(method))


async def _rule_broken(request: Request, error: Exception) -> JSONResponse:
    return problem_response(422, detail=str(error), instance=request.url.path)


async def _not_found(request: Request, error: Exception) -> JSONResponse:
    return problem_response(404, detail=str(error), instance=request.url.path)


async def _conflict(request: Request, error: Exception) -> JSONResponse:
    return problem_response(409, detail=str(error), instance=request.url.path)


async def _unavailable(request: Request, error: Exception) -> JSONResponse:
    # The reason names the database's own error: the log keeps it, the client does not.
    logger.warning("%s %s answered 503: %s", request.method, request.url.path, error)
    detail = "The service cannot reach its database right now; try again shortly."
    return problem_response(503, detail=detail, instance=request.url.path)
