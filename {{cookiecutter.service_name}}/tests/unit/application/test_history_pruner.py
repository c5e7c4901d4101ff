"""The pruner forgets sent and handled messages, and request keys, once past their time,
in batches."""

import logging
from datetime import UTC, datetime, timedelta

import pytest

from {{cookiecutter.package_name}}.application.delivery.history_pruner import (
    HistoryPruner,
    RetentionPolicy,
)

from tests.unit.application.fakes import FakeMessageHistory, FixedClock

NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
POLICY = RetentionPolicy(
    sent_kept=timedelta(days=7),
    handled_kept=timedelta(days=30),
    keys_kept=timedelta(hours=24),
    batch_size=100,
)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


async def test_each_kind_is_forgotten_after_its_own_time() -> None:
    history = FakeMessageHistory(
        sent=[days_ago(8), days_ago(6)],
        handled=[days_ago(31), days_ago(8), days_ago(29)],
        request_keys=[days_ago(1.1), days_ago(0.9), days_ago(6)],
    )
    pruner = HistoryPruner(history, FixedClock(NOW), POLICY)

    assert await pruner.prune_once() == (1, 1, 2)
    assert history.sent == [days_ago(6)]
    assert history.handled == [days_ago(29), days_ago(8)]
    assert history.request_keys == [days_ago(0.9)]


async def test_a_prune_that_forgot_something_says_how_much_in_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    history = FakeMessageHistory(
        sent=[days_ago(8)], handled=[days_ago(31), days_ago(40)], request_keys=[days_ago(2)]
    )
    pruner = HistoryPruner(history, FixedClock(NOW), POLICY)
    caplog.set_level(logging.INFO, logger=HistoryPruner.__module__)

    await pruner.prune_once()
    await pruner.prune_once()  # nothing left: nothing said

    assert caplog.messages == ["message history pruned: 1 sent, 2 handled, 1 request keys"]


async def test_batches_follow_one_another_until_one_comes_back_short() -> None:
    history = FakeMessageHistory(
        sent=[days_ago(10)] * 250, handled=[days_ago(40)] * 100, request_keys=[days_ago(2)] * 30
    )
    pruner = HistoryPruner(history, FixedClock(NOW), POLICY)

    assert await pruner.prune_once() == (250, 100, 30)
    assert history.batches == [100, 100, 50, 100, 0, 30]
    assert await pruner.prune_once() == (0, 0, 0)
