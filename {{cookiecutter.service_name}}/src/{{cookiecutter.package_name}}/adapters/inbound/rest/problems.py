"""Every error leaves the service as RFC 9457 `application/problem+json`, mapped here only."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException

from {{cookiecutter.package_name}}.application.errors import ConflictError, NotFoundError
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


def problem_content(description: str) -> dict[str, Any]:
    """An OpenAPI response entry for a problem, to document a route's failures."""
    return {"description": description, "model": ProblemDetails, "content": {PROBLEM_JSON: {}}}


# Documented on every route, so the OpenAPI schema lists the problems a client can get.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: problem_content("The change conflicts with the current state"),
    422: problem_content("The request or a business rule is invalid"),
    500: problem_content("An unexpected error"),
}


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
    errors = [
        {"location": list(item["loc"]), "message": item["msg"], "type": item["type"]}
        for item in error.errors()
    ]
    return problem_response(
        422, detail="The request is invalid.", instance=request.url.path, errors=errors
    )


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
    # The client learns nothing of the internals; the log keeps the whole story.
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, instance=request.url.path)
