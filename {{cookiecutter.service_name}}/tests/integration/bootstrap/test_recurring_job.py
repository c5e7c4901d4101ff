"""A recurring job keeps its rounds going whatever one of them meets, and stops when told."""

import asyncio
import logging
from datetime import timedelta

import pytest

from {{cookiecutter.package_name}}.application.errors import UnavailableError
from {{cookiecutter.package_name}}.bootstrap.recurring_job import RecurringJob

from tests.messaging import eventually


class Rounds:
    """A job's rounds, each raising the next of `errors`, then succeeding."""

    def __init__(self, *errors: Exception) -> None:
        self._errors = list(errors)
        self.done = 0

    async def __call__(self) -> None:
        if self._errors:
            raise self._errors.pop(0)
        self.done += 1


async def run_until(job: RecurringJob, condition: "Rounds", rounds: int) -> None:
    stop = asyncio.Event()
    running = asyncio.create_task(job.run(stop))
    await eventually(lambda: condition.done >= rounds)
    stop.set()
    await running


async def test_a_round_that_fails_is_logged_and_the_next_one_comes_all_the_same(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rounds = Rounds(UnavailableError("the database is unavailable"), KeyError("x"))
    job = RecurringJob("tidying", rounds, every=timedelta(milliseconds=10))
    caplog.set_level(logging.INFO, logger=RecurringJob.__module__)

    await run_until(job, rounds, 1)

    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (logging.WARNING, "tidying failed, tried again later: the database is unavailable"),
        (logging.ERROR, "tidying failed, tried again later"),
    ]
    # The database being away is expected: no traceback. Anything else gets one.
    assert [record.exc_info is not None for record in caplog.records] == [False, True]


async def test_a_stopped_job_ends_without_waiting_for_its_next_round() -> None:
    rounds = Rounds()
    job = RecurringJob("tidying", rounds, every=timedelta(hours=1))

    async with asyncio.timeout(5):
        await run_until(job, rounds, 1)

    assert rounds.done == 1
