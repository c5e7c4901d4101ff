"""Every error leaves the service as RFC 9457 `application/problem+json`, mapped here only."""

import logging
from collections.abc import Mapping
from contextlib import nullcontext
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException

from {{cookiecutter.package_name}}.adapters.inbound.rest.request_context import context_of
from {{cookiecutter.package_name}}.application.errors import ConflictError, NotFoundError
from {{cookiecutter.package_name}}.application.messaging.message_context import message_context
from {{cookiecutter.package_name}}.domain.building_blocks import (
    DomainError,
    IllegalStateTransitionError,
)

PROBLEM_JSON = "application/problem+json"

logger = logging.getLogger(__name__)


class ProblemDetails(BaseModel):
    """RFC 9457 problem details; extension members are allowed beside the standard ones."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


Responses = dict[int | str, dict[str, Any]]
"""A route's `responses`: what each other status means, for the OpenAPI schema."""

PROBLEM_SCHEMA = "ProblemDetails"


def problem_content(description: str) -> dict[str, Any]:
    """An OpenAPI response entry for a problem, to document a route's failures.

    Not FastAPI's `model`: it files a model's schema under the route's own media type,
    `application/json`, which no problem is sent as. `document_problems` adds the schema
    this refers to.
    """
    schema = {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA}"}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


UNEXPECTED: Responses = {500: problem_content("An unexpected error")}
"""What any route can answer; the app documents it on all of them."""

INVALID: Responses = {422: problem_content("The request or a business rule is invalid")}
"""What a route with parameters or a body can answer: a bad one, or a broken rule."""


def document_problems(app: FastAPI) -> None:
    """Add `ProblemDetails` to the components of `app`'s OpenAPI schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # built once, then FastAPI's cached copy
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(PROBLEM_SCHEMA, ProblemDetails.model_json_schema())
        return schema

    # FastAPI's documented way to extend the schema is to replace this method.
    app.openapi = openapi  # type: ignore[method-assign]


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
    app.add_exception_handler(IllegalStateTransitionError, _conflict)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(Exception, _unexpected)


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [_field_error(item) for item in error.errors()]
    return problem_response(
        422, detail="The request is invalid.", instance=request.url.path, errors=errors
    )


def _field_error(item: Mapping[str, Any]) -> dict[str, Any]:
    """Where the request is wrong, the rule it breaks, and the value it has there.

    The value only when it is one: a missing field has none, and a wrong object or list
    is not echoed whole.
    """
    field_error = {"location": list(item["loc"]), "message": item["msg"], "type": item["type"]}
    value = item.get("input")
    if item["type"] != "missing" and isinstance(value, str | int | float | bool | None):
        field_error["value"] = value
    return field_error


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else None
    response = problem_response(error.status_code, detail=detail, instance=request.url.path)
    response.headers.update(error.headers or {})
    return response


async def _rule_broken(request: Request, error: Exception) -> JSONResponse:
    return problem_response(422, detail=str(error), instance=request.url.path)


async def _not_found(request: Request, error: Exception) -> JSONResponse:
    return problem_response(404, detail=str(error), instance=request.url.path)


async def _conflict(request: Request, error: Exception) -> JSONResponse:
    return problem_response(409, detail=str(error), instance=request.url.path)


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    # The client learns nothing of the internals; the log keeps the whole story, in the
    # request's context again, so that its line names the request's flow and trace.
    context = context_of(request.scope)
    with nullcontext() if context is None else message_context(context):
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, instance=request.url.path)
