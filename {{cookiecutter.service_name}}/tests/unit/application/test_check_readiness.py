import asyncio
import time

from {{cookiecutter.package_name}}.application.use_cases.check_readiness import (
    CheckReadiness,
    CheckReadinessHandler,
    DependencyStatus,
)

from tests.unit.application.fakes import FakeHealthCheck


async def test_the_service_is_ready_when_every_dependency_answers() -> None:
    handler = CheckReadinessHandler([FakeHealthCheck("database"), FakeHealthCheck("broker")])

    report = await handler.execute(CheckReadiness())

    assert report.ready
    assert report.dependencies == (
        DependencyStatus("database", healthy=True),
        DependencyStatus("broker", healthy=True),
    )


async def test_the_service_is_not_ready_when_one_dependency_fails() -> None:
    failing = FakeHealthCheck("broker", error=ConnectionRefusedError())
    handler = CheckReadinessHandler([FakeHealthCheck("database"), failing])

    report = await handler.execute(CheckReadiness())

    assert not report.ready
    assert report.dependencies[1] == DependencyStatus(
        "broker", healthy=False, detail="ConnectionRefusedError"
    )


async def test_a_dependency_that_does_not_answer_in_time_is_reported_as_failing() -> None:
    slow = FakeHealthCheck("database", delay_seconds=5)
    handler = CheckReadinessHandler([slow], timeout_seconds=0.05)

    report = await handler.execute(CheckReadiness())

    assert report.dependencies == (
        DependencyStatus("database", healthy=False, detail="no answer in 0.05s"),
    )


class HungHealthCheck:
    """Never answers, and once cancelled takes `cleanup_seconds` to let go, as a check
    does that closes a connection to a database that stopped answering."""

    name = "database"

    def __init__(self, cleanup_seconds: float) -> None:
        self._cleanup_seconds = cleanup_seconds

    async def check(self) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            await asyncio.sleep(self._cleanup_seconds)


async def test_the_answer_comes_in_time_however_long_a_check_takes_to_let_go() -> None:
    handler = CheckReadinessHandler([HungHealthCheck(cleanup_seconds=2)], timeout_seconds=0.1)
    started = time.monotonic()

    report = await handler.execute(CheckReadiness())

    assert time.monotonic() - started < 1
    assert report.dependencies == (
        DependencyStatus("database", healthy=False, detail="no answer in 0.1s"),
    )


async def test_every_dependency_is_asked_on_each_check() -> None:
    database = FakeHealthCheck("database")
    handler = CheckReadinessHandler([database])

    await handler.execute(CheckReadiness())
    await handler.execute(CheckReadiness())

    assert database.calls == 2
