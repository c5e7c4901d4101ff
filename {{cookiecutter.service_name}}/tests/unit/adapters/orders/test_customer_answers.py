"""The customer service's answers, read from its messages, settle the order they are about."""

import logging
import re
from typing import Any

import pytest

from {{cookiecutter.package_name}}.adapters.inbound.messaging.customer_answers import (
    CONSUMED,
    CustomerAnswersConsumer,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.event_handlers.credit_answers import (
    CreditAnswerHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    ApproveOrderHandler,
    RejectOrderHandler,
    ReleaseLateCreditHandler,
)
from {{cookiecutter.package_name}}.domain.orders import Order, OrderStatus

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork
from tests.unit.domain.orders.builders import CUSTOMER_ID, LATER, ORDER_ID, an_order


def credit_reserved(**changes: Any) -> dict[str, Any]:
    """A `customers.credit_reserved` v1 payload for the pending order."""
    payload = {
        "order_id": str(ORDER_ID),
        "customer_id": str(CUSTOMER_ID),
        "amount": {"amount": "10.00", "currency": "EUR"},
        "occurred_at": "2030-01-01T12:01:00Z",
    }
    return {**payload, **changes}


def credit_limit_exceeded() -> dict[str, Any]:
    return {
        "order_id": str(ORDER_ID),
        "customer_id": str(CUSTOMER_ID),
        "requested": {"amount": "10.00", "currency": "EUR"},
        "available": {"amount": "4.99", "currency": "EUR"},
        "occurred_at": "2030-01-01T12:01:00+00:00",
    }


def credit_refused_for_unknown_customer() -> dict[str, Any]:
    return {
        "order_id": str(ORDER_ID),
        "customer_id": str(CUSTOMER_ID),
        "occurred_at": "2030-01-01T13:01:00+01:00",
    }


def credit_refused_for_currency() -> dict[str, Any]:
    return {
        "order_id": str(ORDER_ID),
        "customer_id": str(CUSTOMER_ID),
        "requested": {"amount": "10.00", "currency": "USD"},
        "credit_currency": "EUR",
        "occurred_at": "2030-01-01T12:01:00+00:00",
    }


class OrderSide:
    """A pending order, and the consumer of the customer service's answers about it."""

    def __init__(self) -> None:
        self.uow = FakeOrdersUnitOfWork(an_order(OrderStatus.PENDING))
        clock = FixedClock(LATER)
        answers = CreditAnswerHandler(
            ApproveOrderHandler(self.uow, clock),
            RejectOrderHandler(self.uow, clock),
            ReleaseLateCreditHandler(self.uow, clock),
        )
        self.consumer = CustomerAnswersConsumer(answers)

    @property
    def order(self) -> Order:
        return self.uow.orders.stored[ORDER_ID]


@pytest.fixture
def orders() -> OrderSide:
    return OrderSide()


async def test_reserved_credit_approves_the_order(orders: OrderSide) -> None:
    handled = await orders.consumer.handle("customers.credit_reserved", 1, credit_reserved())

    assert handled
    assert orders.order.status is OrderStatus.APPROVED


async def test_an_exceeded_credit_limit_rejects_the_order_saying_so(orders: OrderSide) -> None:
    payload = credit_limit_exceeded()

    await orders.consumer.handle("customers.credit_limit_exceeded", 1, payload)

    assert (orders.order.status, orders.order.rejection_reason) == (
        OrderStatus.REJECTED,
        "credit limit exceeded",
    )


async def test_an_unknown_customer_rejects_the_order_saying_so(orders: OrderSide) -> None:
    payload = credit_refused_for_unknown_customer()

    await orders.consumer.handle("customers.credit_refused_for_unknown_customer", 1, payload)

    assert (orders.order.status, orders.order.rejection_reason) == (
        OrderStatus.REJECTED,
        "unknown customer",
    )


async def test_credit_in_another_currency_rejects_the_order_saying_so(orders: OrderSide) -> None:
    payload = credit_refused_for_currency()

    await orders.consumer.handle("customers.credit_refused_for_currency", 1, payload)

    assert (orders.order.status, orders.order.rejection_reason) == (
        OrderStatus.REJECTED,
        "credit in another currency",
    )


async def test_fields_the_order_service_does_not_know_are_ignored(orders: OrderSide) -> None:
    payload = credit_reserved(
        loyalty_points=12, amount={"amount": "10.00", "currency": "EUR", "fx": 1}
    )

    handled = await orders.consumer.handle("customers.credit_reserved", 1, payload)

    assert handled
    assert orders.order.status is OrderStatus.APPROVED


@pytest.mark.parametrize(
    ("event_type", "version"),
    [
        ("customers.customer_registered", 1),
        ("customers.credit_released", 1),
        ("orders.order_placed", 1),
        ("customers.credit_reserved", 2),
    ],
)
async def test_a_message_the_order_service_does_not_read_is_left_alone(
    orders: OrderSide, event_type: str, version: int
) -> None:
    handled = await orders.consumer.handle(event_type, version, credit_reserved())

    assert not handled
    assert orders.order.status is OrderStatus.PENDING
    assert not orders.uow.committed


@pytest.mark.parametrize(
    ("event_type", "version", "warning"),
    [
        (
            "customers.customer_registered",
            1,
            "ignored customers.customer_registered v1: this service reads no message of that type",
        ),
        (
            "customers.credit_reserved",
            2,
            "ignored customers.credit_reserved v2: only customers.credit_reserved.v1 is read",
        ),
    ],
    ids=["type-not-read", "version-not-read"],
)
async def test_a_message_it_does_not_read_is_ignored_with_a_warning_saying_why(
    orders: OrderSide,
    caplog: pytest.LogCaptureFixture,
    event_type: str,
    version: int,
    warning: str,
) -> None:
    with caplog.at_level(logging.WARNING):
        await orders.consumer.handle(event_type, version, credit_reserved())

    assert [record.getMessage() for record in caplog.records] == [warning]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param(credit_reserved(order_id="order-1"), "order_id", id="not-a-uuid"),
        pytest.param(
            {key: value for key, value in credit_reserved().items() if key != "customer_id"},
            "customer_id",
            id="missing",
        ),
        pytest.param(
            credit_reserved(amount={"amount": 10.0, "currency": "EUR"}),
            "amount.amount",
            id="amount-not-a-string",
        ),
        pytest.param(
            credit_reserved(amount={"amount": "10.001", "currency": "EUR"}),
            "amount.amount",
            id="fraction-of-a-cent",
        ),
        pytest.param(
            credit_reserved(occurred_at="2030-01-01T12:01:00"), "occurred_at", id="no-offset"
        ),
    ],
)
async def test_a_malformed_message_is_refused_naming_the_field(
    orders: OrderSide, payload: dict[str, Any], field: str
) -> None:
    with pytest.raises(
        MalformedMessageError, match=rf"customers\.credit_reserved v1 .*{re.escape(field)}: "
    ):
        await orders.consumer.handle("customers.credit_reserved", 1, payload)

    assert orders.order.status is OrderStatus.PENDING
    assert not orders.uow.committed


def test_the_order_service_reads_every_answer_to_an_order_placed() -> None:
    assert sorted(CONSUMED) == [
        "customers.credit_limit_exceeded.v1",
        "customers.credit_refused_for_currency.v1",
        "customers.credit_refused_for_unknown_customer.v1",
        "customers.credit_reserved.v1",
    ]
