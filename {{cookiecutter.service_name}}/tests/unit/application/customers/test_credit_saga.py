"""The customer side of the credit saga, one message after another."""

from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCreditHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    CreditDecision,
    ReserveCreditHandler,
)
from {{cookiecutter.package_name}}.domain.customers import CreditReleased, CreditReserved

from tests.unit.application.customers.fakes import FakeCustomersUnitOfWork
from tests.unit.application.customers.messages import order_cancelled, order_placed
from tests.unit.application.fakes import FixedClock
from tests.unit.domain.customers.builders import NOON, a_customer, eur


class CustomerSide:
    """The customer service's two saga steps over one in-memory store."""

    def __init__(self, uow: FakeCustomersUnitOfWork) -> None:
        clock = FixedClock(NOON)
        self.on_order_placed = ReserveCreditHandler(uow, clock)
        self.on_order_cancelled = ReleaseCreditHandler(uow, clock)


async def test_an_order_placed_then_cancelled_leaves_the_credit_as_it_was() -> None:
    customer = a_customer(credit_limit="100.00")
    uow = FakeCustomersUnitOfWork(customer)
    side = CustomerSide(uow)
    placed = order_placed(customer, "30.00")
    await side.on_order_placed.execute(placed)

    await side.on_order_cancelled.execute(order_cancelled(placed))

    assert uow.customers.stored[customer.id].available_credit == eur("100.00")
    assert [type(event) for event in uow.published] == [CreditReserved, CreditReleased]


async def test_credit_freed_by_a_cancellation_can_be_reserved_by_the_next_order() -> None:
    customer = a_customer(credit_limit="100.00")
    side = CustomerSide(FakeCustomersUnitOfWork(customer))
    first, second = order_placed(customer, "80.00"), order_placed(customer, "50.00")
    await side.on_order_placed.execute(first)
    refused = await side.on_order_placed.execute(second)
    await side.on_order_cancelled.execute(order_cancelled(first))

    retried = await side.on_order_placed.execute(second)

    assert (refused.decision, retried.decision) == (
        CreditDecision.LIMIT_EXCEEDED,
        CreditDecision.RESERVED,
    )


async def test_a_cancellation_delivered_twice_gives_the_credit_back_once() -> None:
    customer = a_customer(credit_limit="100.00")
    uow = FakeCustomersUnitOfWork(customer)
    side = CustomerSide(uow)
    placed = order_placed(customer, "30.00")
    await side.on_order_placed.execute(placed)
    await side.on_order_cancelled.execute(order_cancelled(placed))

    again = await side.on_order_cancelled.execute(order_cancelled(placed))

    assert not again.released
    assert uow.customers.stored[customer.id].available_credit == eur("100.00")
    assert [type(event) for event in uow.published] == [CreditReserved, CreditReleased]
