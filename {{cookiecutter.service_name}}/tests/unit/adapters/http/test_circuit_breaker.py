"""A breaker lets calls through until failures pile up, then spares the dependency a while."""

import asyncio
import logging

import pytest

from {{cookiecutter.package_name}}.adapters.outbound.http.circuit_breaker import (
    BreakerPolicy,
    CircuitBreaker,
    CircuitOpenError,
)

from tests.manual_clock import ManualClock

POLICY = BreakerPolicy(failures_to_open=3, open_seconds=30.0)


class Dependency:
    """Something called through the breaker: it answers, or fails, as told; it counts calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.failing = False

    async def answer(self) -> str:
        self.calls += 1
        if self.failing:
            raise ConnectionError("refused")
        return "answer"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def breaker(clock: ManualClock) -> CircuitBreaker:
    return CircuitBreaker("the dependency", POLICY, clock=clock)


async def fail_times(breaker: CircuitBreaker, dependency: Dependency, times: int) -> None:
    dependency.failing = True
    for _ in range(times):
        with pytest.raises(ConnectionError, match="refused"):
            await breaker.call(dependency.answer)


async def paused_after_opening(breaker: CircuitBreaker, clock: ManualClock) -> Dependency:
    """A dependency the breaker opened on, now answering again, the pause over: half-open."""
    dependency = Dependency()
    await fail_times(breaker, dependency, POLICY.failures_to_open)
    clock.now += POLICY.open_seconds
    dependency.failing = False
    return dependency


async def test_a_closed_breaker_passes_calls_and_their_failures_through(
    breaker: CircuitBreaker,
) -> None:
    dependency = Dependency()

    assert await breaker.call(dependency.answer) == "answer"
    await fail_times(breaker, dependency, 2)

    assert breaker.state == "closed"
    assert dependency.calls == 3


async def test_failures_in_a_row_open_it_and_calls_then_fail_without_reaching_the_dependency(
    breaker: CircuitBreaker,
) -> None:
    dependency = Dependency()
    await fail_times(breaker, dependency, 3)

    with pytest.raises(CircuitOpenError, match=r"the dependency .* failed 3 times in a row"):
        await breaker.call(dependency.answer)

    assert breaker.state == "open"
    assert dependency.calls == 3


async def test_a_success_between_failures_starts_the_count_again(breaker: CircuitBreaker) -> None:
    dependency = Dependency()
    await fail_times(breaker, dependency, 2)
    dependency.failing = False
    await breaker.call(dependency.answer)

    await fail_times(breaker, dependency, 2)

    assert breaker.state == "closed"


async def test_after_the_pause_it_is_half_open(breaker: CircuitBreaker, clock: ManualClock) -> None:
    await fail_times(breaker, Dependency(), 3)

    clock.now += 30.0

    assert breaker.state == "half-open"


async def test_after_the_pause_a_trial_that_succeeds_closes_it(
    breaker: CircuitBreaker, clock: ManualClock
) -> None:
    dependency = await paused_after_opening(breaker, clock)

    assert await breaker.call(dependency.answer) == "answer"

    assert breaker.state == "closed"
    assert dependency.calls == 4


async def test_a_trial_that_fails_opens_it_for_another_pause(
    breaker: CircuitBreaker, clock: ManualClock
) -> None:
    dependency = await paused_after_opening(breaker, clock)

    await fail_times(breaker, dependency, 1)
    clock.now += 29.0

    assert breaker.state == "open"
    with pytest.raises(CircuitOpenError):
        await breaker.call(dependency.answer)
    assert dependency.calls == 4


async def test_while_a_trial_runs_other_calls_fail_at_once(
    breaker: CircuitBreaker, clock: ManualClock
) -> None:
    dependency = await paused_after_opening(breaker, clock)
    release = asyncio.Event()

    async def slow_answer() -> str:
        await release.wait()
        return await dependency.answer()

    trial = asyncio.create_task(breaker.call(slow_answer))
    await asyncio.sleep(0)
    with pytest.raises(CircuitOpenError):
        await breaker.call(dependency.answer)
    release.set()

    assert await trial == "answer"
    assert breaker.state == "closed"
    assert dependency.calls == 4


async def test_a_cancelled_trial_counts_as_nothing_and_the_next_call_is_the_trial(
    breaker: CircuitBreaker, clock: ManualClock
) -> None:
    dependency = await paused_after_opening(breaker, clock)

    trial = asyncio.create_task(breaker.call(asyncio.Event().wait))
    await asyncio.sleep(0)
    trial.cancel()
    with pytest.raises(asyncio.CancelledError):
        await trial

    assert breaker.state == "half-open"
    assert await breaker.call(dependency.answer) == "answer"


async def test_opening_and_closing_are_each_logged_once_naming_the_dependency(
    breaker: CircuitBreaker, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="{{cookiecutter.package_name}}"):
        dependency = Dependency()
        await fail_times(breaker, dependency, 3)
        with pytest.raises(CircuitOpenError):
            await breaker.call(dependency.answer)  # nothing more to say: it is open
        clock.now += POLICY.open_seconds
        dependency.failing = False
        await breaker.call(dependency.answer)

    assert [(record.levelname, record.getMessage()) for record in caplog.records] == [
        (
            "WARNING",
            "circuit to the dependency opened after 3 failures in a row; next trial in 30 s",
        ),
        ("INFO", "circuit to the dependency closed: the trial call succeeded"),
    ]
