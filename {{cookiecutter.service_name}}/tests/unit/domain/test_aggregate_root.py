from datetime import UTC, datetime

from tests.unit.domain.model import Account, Amount, Deposited

NOON = datetime(2030, 1, 1, 12, tzinfo=UTC)


def test_an_aggregate_records_an_event_for_each_change_in_order() -> None:
    account = Account("acc-1")

    account.deposit(Amount(10), at=NOON)
    account.deposit(Amount(20), at=NOON)

    deposits = [event for event in account.pending_events if isinstance(event, Deposited)]
    assert len(deposits) == len(account.pending_events)
    assert [deposit.amount for deposit in deposits] == [Amount(10), Amount(20)]
    assert account.balance == Amount(30)


def test_pulling_events_hands_them_over_once() -> None:
    account = Account("acc-1")
    account.deposit(Amount(10), at=NOON)

    pulled = account.pull_events()

    assert pulled == [
        Deposited(
            account_id="acc-1", amount=Amount(10), occurred_at=NOON, event_id=pulled[0].event_id
        )
    ]
    assert account.pull_events() == []
    assert account.pending_events == ()


def test_an_aggregate_without_changes_has_no_events() -> None:
    assert Account("acc-1").pull_events() == []
