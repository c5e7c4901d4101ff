from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from {{cookiecutter.package_name}}.adapters.inbound.rest.dependencies import provided
from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import (
    problem_content,
    problem_response,
)
from {{cookiecutter.package_name}}.application.use_cases.check_readiness import (
    CheckReadiness,
    CheckReadinessHandler,
)

router = APIRouter(prefix="/health", tags=["health"])


class Liveness(BaseModel):
    status: Literal["alive"] = "alive"


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    checks: dict[str, str]


# HEAD as well, for load balancers that probe with it; HTTP implies it, so it is not listed.
@router.get("/live", response_model=Liveness, summary="The process is up")
@router.head("/live", include_in_schema=False)
async def live() -> Liveness:
    return Liveness()


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Every dependency answers",
    responses={503: problem_content("A dependency does not answer")},
)
@router.head("/ready", response_model=Readiness, include_in_schema=False)
async def ready(request: Request) -> Readiness | JSONResponse:
    handler: CheckReadinessHandler = provided(request, "check_readiness")
    report = await handler.execute(CheckReadiness())
    checks = {status.name: "ok" if status.healthy else "failing" for status in report.dependencies}
    if report.ready:
        return Readiness(checks=checks)
    failing = ", ".join(
        f"{status.name} ({status.detail})" for status in report.dependencies if not status.healthy
    )
    return problem_response(
        503, detail=f"Not ready: {failing}.", instance=request.url.path, checks=checks
    )
