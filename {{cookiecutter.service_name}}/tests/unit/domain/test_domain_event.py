import dataclasses
from datetime import datetime

import pytest

from tests.unit.domain.model import Amount, Deposited


def test_each_event_gets_its_own_id() -> None:
    at = datetime.fromisoformat("2030-01-01T12:00:00+00:00")

    first = Deposited(account_id="a", amount=Amount(1), occurred_at=at)
    second = Deposited(account_id="a", amount=Amount(1), occurred_at=at)

    assert first.event_id != second.event_id


def test_an_event_is_named_after_its_class() -> None:
    at = datetime.fromisoformat("2030-01-01T12:00:00+00:00")

    assert Deposited(account_id="a", amount=Amount(1), occurred_at=at).name == "Deposited"


def test_an_event_cannot_be_changed() -> None:
    event = Deposited(
        account_id="a", amount=Amount(1), occurred_at=datetime.fromisoformat("2030-01-01T00:00Z")
    )

    with pytest.raises(dataclasses.FrozenInstanceError):
        event.account_id = "b"  # type: ignore[misc]


def test_an_event_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Deposited(account_id="a", amount=Amount(1), occurred_at=datetime(2030, 1, 1))
