from uuid import uuid4

from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    CreditRelease,
    ReleaseCredit,
    ReleaseCreditHandler,
)
from {{cookiecutter.package_name}}.domain.customers import CreditReleased, OrderReference

from tests.unit.application.customers.fakes import FakeCustomersUnitOfWork
from tests.unit.application.fakes import FixedClock
from tests.unit.domain.customers.builders import NOON, a_customer, an_order, eur


def handler_for(uow: FakeCustomersUnitOfWork) -> ReleaseCreditHandler:
    return ReleaseCreditHandler(uow, FixedClock(NOON))


async def test_cancelling_an_order_gives_its_credit_back() -> None:
    order = an_order()
    customer = a_customer(credit_limit="100.00", reservations={order: eur("30.00")})
    uow = FakeCustomersUnitOfWork(customer)

    release = await handler_for(uow).execute(ReleaseCredit(order.value, customer.id.value))

    assert release == CreditRelease(order.value, released=True)
    stored = uow.customers.stored[customer.id]
    assert stored.reservations == {}
    assert stored.available_credit == eur("100.00")
    released = uow.published[0]
    assert isinstance(released, CreditReleased)
    assert (released.order_id, released.amount, released.occurred_at) == (
        order,
        eur("30.00"),
        NOON,
    )


async def test_a_second_release_of_the_same_order_changes_nothing() -> None:
    order = an_order()
    customer = a_customer(reservations={order: eur("30.00")})
    uow = FakeCustomersUnitOfWork(customer)
    handler = handler_for(uow)
    await handler.execute(ReleaseCredit(order.value, customer.id.value))

    second = await handler.execute(ReleaseCredit(order.value, customer.id.value))

    assert second == CreditRelease(order.value, released=False)
    assert uow.customers.stored[customer.id].version == 2
    assert len(uow.published) == 1


async def test_releasing_an_order_that_reserved_nothing_changes_nothing() -> None:
    kept = an_order()
    customer = a_customer(reservations={kept: eur("30.00")})
    uow = FakeCustomersUnitOfWork(customer)
    never_reserved = uuid4()

    release = await handler_for(uow).execute(ReleaseCredit(never_reserved, customer.id.value))

    assert release == CreditRelease(never_reserved, released=False)
    assert uow.customers.stored[customer.id].reservations == {kept: eur("30.00")}
    assert uow.published == []


async def test_releasing_for_an_unknown_customer_is_not_an_error() -> None:
    uow = FakeCustomersUnitOfWork()
    order = OrderReference(uuid4())

    release = await handler_for(uow).execute(ReleaseCredit(order.value, uuid4()))

    assert release == CreditRelease(order.value, released=False)
    assert uow.published == []
