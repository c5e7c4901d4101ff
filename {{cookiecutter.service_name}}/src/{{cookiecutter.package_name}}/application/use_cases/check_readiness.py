import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from {{cookiecutter.package_name}}.application.ports import HealthCheck


@dataclass(frozen=True, slots=True)
class CheckReadiness:
    """Query: can the service serve requests right now?"""


@dataclass(frozen=True, slots=True)
class DependencyStatus:
    """One dependency's answer: healthy or not, and why not in a few words."""

    name: str
    healthy: bool
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """Result: every dependency's status; the service is ready when all are healthy."""

    dependencies: tuple[DependencyStatus, ...]

    @property
    def ready(self) -> bool:
        return all(dependency.healthy for dependency in self.dependencies)


class CheckReadinessHandler:
    """Asks every dependency the service needs whether it answers, all at once.

    A check that raises, or takes longer than `timeout_seconds`, marks its dependency
    unhealthy; one slow dependency cannot hang the probe.
    """

    def __init__(self, checks: Sequence[HealthCheck], timeout_seconds: float = 2.0) -> None:
        self._checks = tuple(checks)
        self._timeout_seconds = timeout_seconds

    async def execute(self, command: CheckReadiness) -> ReadinessReport:
        statuses = await asyncio.gather(*(self._run(check) for check in self._checks))
        return ReadinessReport(dependencies=tuple(statuses))

    async def _run(self, check: HealthCheck) -> DependencyStatus:
        try:
            async with asyncio.timeout(self._timeout_seconds):
                await check.check()
        except TimeoutError:
            return DependencyStatus(
                check.name, healthy=False, detail=f"no answer in {self._timeout_seconds}s"
            )
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            return DependencyStatus(check.name, healthy=False, detail=type(error).__name__)
        return DependencyStatus(check.name, healthy=True)
