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
        asking = asyncio.create_task(check.check(), name=f"health check: {check.name}")
        done, _ = await asyncio.wait({asking}, timeout=self._timeout_seconds)
        if not done:
            # Cancelled but not waited for: a check's own cleanup (closing a connection
            # that hung, say) can take seconds more, and the probe must answer in time.
            asking.cancel()
            _abandoned.add(asking)
            asking.add_done_callback(_forget)
            return DependencyStatus(
                check.name, healthy=False, detail=f"no answer in {self._timeout_seconds}s"
            )
        error = asking.exception()
        if error is not None:  # any failure means "not ready"
            return DependencyStatus(check.name, healthy=False, detail=type(error).__name__)
        return DependencyStatus(check.name, healthy=True)


# Checks given up on, held until they end: the event loop keeps only weak references.
_abandoned: set[asyncio.Task[None]] = set()


def _forget(task: asyncio.Task[None]) -> None:
    _abandoned.discard(task)
    if not task.cancelled():
        task.exception()  # read, so that asyncio does not log it as never retrieved
