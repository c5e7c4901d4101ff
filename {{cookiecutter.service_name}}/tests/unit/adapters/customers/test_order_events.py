"""The order service's events, read from its messages, reserve and release credit."""

import logging
import re
from typing import Any
from uuid import UUID, uuid4

import pytest

from {{cookiecutter.package_name}}.adapters.inbound.messaging.order_events import (
    CONSUMED,
    OrderEventsConsumer,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCreditHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    ReserveCreditHandler,
)
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.customers import (
    CreditLimitExceeded,
    CreditRefusedForCurrency,
    CreditRefusedForUnknownCustomer,
    CreditReleased,
    CreditReserved,
    Customer,
    OrderReference,
)

from tests.unit.application.customers.fakes import FakeCustomersUnitOfWork
from tests.unit.application.fakes import FixedClock
from tests.unit.domain.customers.builders import NOON, a_customer, eur

ORDER_ID = UUID("00000000-0000-4000-8000-0000000000a1")


def order_placed(customer_id: UUID, amount: str = "30.00", **changes: Any) -> dict[str, Any]:
    """An `orders.order_placed` v1 payload."""
    payload = {
        "order_id": str(ORDER_ID),
        "customer_id": str(customer_id),
        "total": {"amount": amount, "currency": "EUR"},
        "occurred_at": "2030-01-01T11:59:00Z",
    }
    return {**payload, **changes}


def order_cancelled(customer_id: UUID, amount: str = "30.00") -> dict[str, Any]:
    """An `orders.order_cancelled` v1 payload."""
    return {
        "order_id": str(ORDER_ID),
        "customer_id": str(customer_id),
        "total": {"amount": amount, "currency": "EUR"},
        "occurred_at": "2030-01-01T12:59:00+01:00",
    }


class CustomerSide:
    """A stored customer, and the consumer of the order service's events."""

    def __init__(self, customer: Customer) -> None:
        self._id = customer.id
        self.customer_id = customer.id.value
        self.uow = FakeCustomersUnitOfWork(customer)
        clock = FixedClock(NOON)
        self.consumer = OrderEventsConsumer(
            ReserveCreditHandler(self.uow, clock), ReleaseCreditHandler(self.uow, clock)
        )

    @property
    def customer(self) -> Customer:
        return self.uow.customers.stored[self._id]

    def published(self) -> list[type[DomainEvent]]:
        return [type(event) for event in self.uow.published]


@pytest.fixture
def customers() -> CustomerSide:
    return CustomerSide(a_customer(credit_limit="100.00"))


async def test_an_order_placed_reserves_its_total(customers: CustomerSide) -> None:
    payload = order_placed(customers.customer_id, "30.00")

    handled = await customers.consumer.handle("orders.order_placed", 1, payload)

    assert handled
    assert customers.customer.reservations == {OrderReference(ORDER_ID): eur("30.00")}
    assert customers.published() == [CreditReserved]


async def test_an_order_over_the_credit_left_is_refused(customers: CustomerSide) -> None:
    payload = order_placed(customers.customer_id, "100.01")

    await customers.consumer.handle("orders.order_placed", 1, payload)

    assert customers.customer.reservations == {}
    assert customers.published() == [CreditLimitExceeded]


async def test_an_order_of_an_unknown_customer_is_refused(customers: CustomerSide) -> None:
    payload = order_placed(uuid4())

    await customers.consumer.handle("orders.order_placed", 1, payload)

    assert customers.published() == [CreditRefusedForUnknownCustomer]


async def test_an_order_cancelled_gives_its_credit_back(customers: CustomerSide) -> None:
    await customers.consumer.handle("orders.order_placed", 1, order_placed(customers.customer_id))

    handled = await customers.consumer.handle(
        "orders.order_cancelled", 1, order_cancelled(customers.customer_id)
    )

    assert handled
    assert customers.customer.available_credit == eur("100.00")
    assert customers.published() == [CreditReserved, CreditReleased]


async def test_a_total_in_another_currency_than_the_limit_is_refused_saying_so(
    customers: CustomerSide,
) -> None:
    payload = order_placed(customers.customer_id, total={"amount": "30.00", "currency": "USD"})

    await customers.consumer.handle("orders.order_placed", 1, payload)

    assert customers.published() == [CreditRefusedForCurrency]


async def test_fields_the_customer_service_does_not_know_are_ignored(
    customers: CustomerSide,
) -> None:
    payload = order_placed(customers.customer_id, lines=[{"sku": "WIDGET-1", "quantity": 3}])

    handled = await customers.consumer.handle("orders.order_placed", 1, payload)

    assert handled
    assert customers.published() == [CreditReserved]


@pytest.mark.parametrize(
    ("event_type", "version"),
    [
        ("orders.order_approved", 1),
        ("orders.order_rejected", 1),
        ("customers.credit_reserved", 1),
        ("orders.order_placed", 2),
    ],
)
async def test_a_message_the_customer_service_does_not_read_is_left_alone(
    customers: CustomerSide, event_type: str, version: int
) -> None:
    handled = await customers.consumer.handle(
        event_type, version, order_placed(customers.customer_id)
    )

    assert not handled
    assert customers.customer.reservations == {}
    assert not customers.uow.committed


@pytest.mark.parametrize(
    ("event_type", "version", "warning"),
    [
        (
            "orders.order_approved",
            1,
            "ignored orders.order_approved v1: this service reads no message of that type",
        ),
        (
            "orders.order_cancelled",
            3,
            "ignored orders.order_cancelled v3: only orders.order_cancelled.v1 is read",
        ),
    ],
    ids=["type-not-read", "version-not-read"],
)
async def test_a_message_it_does_not_read_is_ignored_with_a_warning_saying_why(
    customers: CustomerSide,
    caplog: pytest.LogCaptureFixture,
    event_type: str,
    version: int,
    warning: str,
) -> None:
    with caplog.at_level(logging.WARNING):
        await customers.consumer.handle(event_type, version, {})

    assert [record.getMessage() for record in caplog.records] == [warning]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"order_id": "order-1"}, "order_id", id="not-a-uuid"),
        pytest.param({"total": {"amount": "30.00"}}, "total.currency", id="missing"),
        pytest.param({"total": {"amount": "-1", "currency": "EUR"}}, "total.amount", id="negative"),
        pytest.param({"total": {"amount": "30", "currency": "eur"}}, "total.currency", id="iso"),
        pytest.param({"occurred_at": "yesterday"}, "occurred_at", id="not-a-time"),
    ],
)
async def test_a_malformed_message_is_refused_naming_the_field(
    customers: CustomerSide, changes: dict[str, Any], field: str
) -> None:
    payload = order_placed(customers.customer_id, **changes)

    with pytest.raises(
        MalformedMessageError, match=rf"orders\.order_placed v1 .*{re.escape(field)}: "
    ):
        await customers.consumer.handle("orders.order_placed", 1, payload)

    assert customers.customer.reservations == {}
    assert not customers.uow.committed


def test_the_customer_service_reads_the_order_events_that_move_credit() -> None:
    assert sorted(CONSUMED) == ["orders.order_cancelled.v1", "orders.order_placed.v1"]
