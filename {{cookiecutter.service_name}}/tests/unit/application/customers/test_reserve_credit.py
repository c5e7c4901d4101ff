from decimal import Decimal
from uuid import uuid4

import pytest

from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    CreditCheck,
    CreditDecision,
    ReserveCreditHandler,
)
from {{cookiecutter.package_name}}.domain.customers import (
    CreditLimitExceeded,
    CreditRefusedForCurrency,
    CreditRefusedForUnknownCustomer,
    CreditReserved,
    CustomerId,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import InvalidMoneyError, Money

from tests.unit.application.customers.fakes import FakeCustomersUnitOfWork
from tests.unit.application.customers.messages import order_placed
from tests.unit.application.fakes import FixedClock
from tests.unit.domain.customers.builders import NOON, a_customer, eur


def handler_for(uow: FakeCustomersUnitOfWork) -> ReserveCreditHandler:
    return ReserveCreditHandler(uow, FixedClock(NOON))


async def test_an_order_under_the_limit_has_its_credit_reserved() -> None:
    customer = a_customer(credit_limit="100.00")
    uow = FakeCustomersUnitOfWork(customer)
    placed = order_placed(customer, "30.00")

    check = await handler_for(uow).execute(placed)

    assert check == CreditCheck(placed.order_id, CreditDecision.RESERVED)
    stored = uow.customers.stored[customer.id]
    assert stored.reservations == {OrderReference(placed.order_id): eur("30.00")}
    assert stored.available_credit == eur("70.00")
    assert [type(event) for event in uow.published] == [CreditReserved]


async def test_an_order_over_the_remaining_credit_is_refused_and_nothing_is_reserved() -> None:
    customer = a_customer(credit_limit="100.00")
    uow = FakeCustomersUnitOfWork(customer)
    placed = order_placed(customer, "100.01")

    check = await handler_for(uow).execute(placed)

    assert check == CreditCheck(placed.order_id, CreditDecision.LIMIT_EXCEEDED)
    assert uow.customers.stored[customer.id].reservations == {}
    exceeded = uow.published[0]
    assert isinstance(exceeded, CreditLimitExceeded)
    assert (exceeded.requested, exceeded.available) == (eur("100.01"), eur("100.00"))


async def test_an_order_for_an_unknown_customer_is_answered_once_committed() -> None:
    uow = FakeCustomersUnitOfWork()
    stranger = uuid4()
    placed = order_placed(stranger)

    check = await handler_for(uow).execute(placed)

    assert check == CreditCheck(placed.order_id, CreditDecision.UNKNOWN_CUSTOMER)
    assert uow.committed
    assert uow.published == [
        CreditRefusedForUnknownCustomer(
            customer_id=CustomerId(stranger),
            order_id=OrderReference(placed.order_id),
            occurred_at=NOON,
            event_id=uow.published[0].event_id,
        )
    ]


async def test_a_replayed_order_placed_reserves_its_credit_once() -> None:
    customer = a_customer(credit_limit="100.00")
    uow = FakeCustomersUnitOfWork(customer)
    handler = handler_for(uow)
    placed = order_placed(customer, "30.00")
    await handler.execute(placed)

    replayed = await handler.execute(placed)

    assert replayed == CreditCheck(placed.order_id, CreditDecision.RESERVED)
    stored = uow.customers.stored[customer.id]
    assert stored.available_credit == eur("70.00")
    assert stored.version == 2
    assert [type(event) for event in uow.published] == [CreditReserved]


async def test_an_order_in_another_currency_than_the_limit_is_refused_saying_so() -> None:
    customer = a_customer(credit_limit="100.00")
    uow = FakeCustomersUnitOfWork(customer)
    placed = order_placed(customer, "30.00", currency="USD")

    check = await handler_for(uow).execute(placed)

    assert check == CreditCheck(placed.order_id, CreditDecision.OTHER_CURRENCY)
    assert uow.customers.stored[customer.id].reservations == {}
    assert uow.published == [
        CreditRefusedForCurrency(
            customer_id=customer.id,
            order_id=OrderReference(placed.order_id),
            requested=Money(Decimal("30.00"), "USD"),
            credit_currency="EUR",
            occurred_at=NOON,
            event_id=uow.published[0].event_id,
        )
    ]


async def test_an_amount_with_a_fraction_of_a_cent_is_refused() -> None:
    customer = a_customer()
    uow = FakeCustomersUnitOfWork(customer)

    with pytest.raises(InvalidMoneyError, match="more than 2 decimal places"):
        await handler_for(uow).execute(order_placed(customer, "0.001"))

    assert uow.published == []
