"""The pruner forgets sent and handled messages once past their time, in batches."""

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from {{cookiecutter.package_name}}.application.delivery.history_pruner import (
    HistoryPruner,
    RetentionPolicy,
)
from {{cookiecutter.package_name}}.application.errors import UnavailableError

from tests.messaging import eventually
from tests.unit.application.fakes import FakeMessageHistory, FixedClock

NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
POLICY = RetentionPolicy(
    sent_kept=timedelta(days=7), handled_kept=timedelta(days=30), batch_size=100
)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


async def test_each_kind_is_forgotten_after_its_own_time() -> None:
    history = FakeMessageHistory(
        sent=[days_ago(8), days_ago(6)], handled=[days_ago(31), days_ago(8), days_ago(29)]
    )
    pruner = HistoryPruner(history, FixedClock(NOW), POLICY)

    assert await pruner.prune_once() == (1, 1)
    assert history.sent == [days_ago(6)]
    assert history.handled == [days_ago(29), days_ago(8)]


async def test_batches_follow_one_another_until_one_comes_back_short() -> None:
    history = FakeMessageHistory(sent=[days_ago(10)] * 250, handled=[days_ago(40)] * 100)
    pruner = HistoryPruner(history, FixedClock(NOW), POLICY)

    assert await pruner.prune_once() == (250, 100)
    assert history.batches == [100, 100, 50, 100, 0]
    assert await pruner.prune_once() == (0, 0)


class HistoryAwayOnce(FakeMessageHistory):
    """A history whose database is away the first time it is asked."""

    def __init__(self, *, sent: list[datetime], handled: list[datetime]) -> None:
        super().__init__(sent=sent, handled=handled)
        self.away = True

    async def forget_sent(self, before: datetime, limit: int) -> int:
        if self.away:
            self.away = False
            raise UnavailableError("the database is unavailable (locked)")
        return await super().forget_sent(before, limit)


async def test_while_the_database_is_away_it_warns_once_and_tries_again_next_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    history = HistoryAwayOnce(sent=[days_ago(8)], handled=[])
    policy = replace(POLICY, every=timedelta(milliseconds=10))
    pruner = HistoryPruner(history, FixedClock(NOW), policy)
    stop = asyncio.Event()
    caplog.set_level(logging.INFO, logger=HistoryPruner.__module__)

    running = asyncio.create_task(pruner.run(stop))
    await eventually(lambda: not history.sent)
    stop.set()
    await running

    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (
            logging.WARNING,
            "message history not pruned, tried again later: the database is unavailable (locked)",
        ),
        (logging.INFO, "message history pruned: 1 sent, 0 handled"),
    ]
    assert all(record.exc_info is None for record in caplog.records)
