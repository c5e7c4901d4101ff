"""A circuit breaker: a dependency that keeps failing is left alone for a while.

Calling a service that is down costs every caller its timeout, and keeps the service busy
refusing. After a few failures in a row the breaker *opens*: calls fail at once, without
reaching the service, and the caller falls back on what it can do without it. After a
pause one call is let through as a trial (*half-open*): its success closes the breaker,
its failure opens it again.
"""

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

T = TypeVar("T")

logger = logging.getLogger(__name__)

State = Literal["closed", "open", "half-open"]


class CircuitOpenError(ConnectionError):
    """The breaker is open: the call was not made."""


@dataclass(frozen=True, slots=True)
class BreakerPolicy:
    """When a breaker opens, and for how long."""

    failures_to_open: int = 3
    """Failures in a row that open it."""
    open_seconds: float = 30.0
    """How long it stays open before a trial call is let through."""


class CircuitBreaker:
    """Guards the calls to one dependency, named `name` in its messages and logs.

    Any exception a call raises counts as a failure, and goes on to the caller; a
    cancelled call counts as nothing. `clock` reads monotonic seconds.
    """

    def __init__(
        self,
        name: str,
        policy: BreakerPolicy = BreakerPolicy(),
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._name = name
        self._policy = policy
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def state(self) -> State:
        if self._opened_at is None:
            return "closed"
        if self._trial_running or self._clock() - self._opened_at < self._policy.open_seconds:
            return "open"
        return "half-open"

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        """What `operation()` returns, unless the breaker is open: `CircuitOpenError`."""
        state = self.state
        if state == "open":
            raise CircuitOpenError(
                f"{self._name} is not called for now: it failed {self._failures} times in a row"
            )
        trial = state == "half-open"
        self._trial_running = self._trial_running or trial
        try:
            result = await operation()
        except Exception:
            self._failed()
            raise
        finally:
            if trial:
                self._trial_running = False
        self._succeeded()
        return result

    def _failed(self) -> None:
        self._failures += 1
        if self._opened_at is not None or self._failures >= self._policy.failures_to_open:
            if self._opened_at is None:
                logger.warning(
                    "circuit to %s opened after %d failures in a row; next trial in %.0f s",
                    self._name,
                    self._failures,
                    self._policy.open_seconds,
                )
            self._opened_at = self._clock()

    def _succeeded(self) -> None:
        if self._opened_at is not None:
            logger.info("circuit to %s closed: the trial call succeeded", self._name)
        self._failures = 0
        self._opened_at = None
