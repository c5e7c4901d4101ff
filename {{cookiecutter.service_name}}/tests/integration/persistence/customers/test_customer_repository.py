import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.customer_events import (
    to_integration_event,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.customers.unit_of_work import (
    SqlAlchemyCustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.errors import ConcurrencyConflictError
from {{cookiecutter.package_name}}.domain.customers import (
    Customer,
    CustomerId,
    CustomerName,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money

UnitOfWorkFactory = Callable[[], SqlAlchemyCustomersUnitOfWork]
NOW = datetime(2030, 1, 1, tzinfo=UTC)


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def a_customer(limit: str = "100.00") -> Customer:
    return Customer.register(CustomerId.new(), CustomerName("Ada Lovelace"), eur(limit), at=NOW)


@pytest.fixture
def unit_of_work(engine: AsyncEngine) -> UnitOfWorkFactory:
    return lambda: SqlAlchemyCustomersUnitOfWork(engine, to_integration_event, SystemClock())


async def store(unit_of_work: SqlAlchemyCustomersUnitOfWork, customer: Customer) -> None:
    async with unit_of_work:
        unit_of_work.customers.add(customer)
        await unit_of_work.commit()


async def load(unit_of_work: SqlAlchemyCustomersUnitOfWork, id: CustomerId) -> Customer | None:
    async with unit_of_work:
        return await unit_of_work.customers.get(id)


async def test_a_registered_customer_comes_back_as_it_was_stored(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    customer = a_customer()

    await store(unit_of_work(), customer)
    loaded = await load(unit_of_work(), customer.id)

    assert loaded is not None
    assert (loaded.name, loaded.credit_limit, dict(loaded.reservations)) == (
        customer.name,
        eur("100.00"),
        {},
    )
    assert loaded.version == 1


async def test_reservations_and_their_release_are_stored(unit_of_work: UnitOfWorkFactory) -> None:
    customer = a_customer()
    await store(unit_of_work(), customer)
    kept, released = OrderReference(uuid4()), OrderReference(uuid4())

    for order, amount in ((kept, "30.00"), (released, "20.50")):
        uow = unit_of_work()
        async with uow:
            loaded = await uow.customers.get(customer.id)
            assert loaded is not None
            loaded.reserve_credit(order, eur(amount), at=NOW)
            await uow.commit()
    uow = unit_of_work()
    async with uow:
        loaded = await uow.customers.get(customer.id)
        assert loaded is not None
        loaded.release_credit(released, at=NOW)
        await uow.commit()
    stored = await load(unit_of_work(), customer.id)

    assert stored is not None
    assert dict(stored.reservations) == {kept: eur("30.00")}
    assert stored.available_credit == eur("70.00")
    assert stored.version == 4


async def test_of_two_concurrent_reservations_exactly_one_is_stored(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    customer = a_customer()
    await store(unit_of_work(), customer)
    both_loaded = asyncio.Barrier(2)

    async def reserve(order: OrderReference) -> bool:
        uow = unit_of_work()
        async with uow:
            loaded = await uow.customers.get(customer.id)
            assert loaded is not None
            loaded.reserve_credit(order, eur("60.00"), at=NOW)
            await both_loaded.wait()  # both saw 100.00 available; only one may spend it
            try:
                await uow.commit()
            except ConcurrencyConflictError:
                return False
        return True

    stored_flags = await asyncio.gather(
        reserve(OrderReference(uuid4())), reserve(OrderReference(uuid4()))
    )
    stored = await load(unit_of_work(), customer.id)

    assert sorted(stored_flags) == [False, True]
    assert stored is not None
    assert stored.available_credit == eur("40.00")


async def test_an_unknown_customer_is_not_found(unit_of_work: UnitOfWorkFactory) -> None:
    assert await load(unit_of_work(), CustomerId.new()) is None
