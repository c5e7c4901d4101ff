from collections.abc import Callable
from datetime import timedelta
from uuid import uuid4

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.reader import (
    SqlAlchemyOrderReader,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.unit_of_work import (
    SqlAlchemyOrdersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.order_view import view_of

from tests.integration.persistence.orders.conftest import PLACED_AT, an_order, store

UnitOfWorkFactory = Callable[[], SqlAlchemyOrdersUnitOfWork]


@pytest.fixture
def reader(engine: AsyncEngine) -> SqlAlchemyOrderReader:
    return SqlAlchemyOrderReader(engine)


async def test_an_order_reads_back_as_the_view_of_the_stored_aggregate(
    unit_of_work: UnitOfWorkFactory, reader: SqlAlchemyOrderReader
) -> None:
    order = an_order()
    await store(unit_of_work(), order)

    view = await reader.get_order(order.id.value)

    assert view == view_of(order)


async def test_an_unknown_order_reads_as_none(reader: SqlAlchemyOrderReader) -> None:
    assert await reader.get_order(uuid4()) is None


async def test_orders_are_listed_newest_first_by_customer_and_status_a_page_at_a_time(
    unit_of_work: UnitOfWorkFactory, reader: SqlAlchemyOrderReader
) -> None:
    customer = uuid4()
    orders = [an_order(customer, at=PLACED_AT + timedelta(minutes=n)) for n in range(5)]
    for order in [*orders, an_order()]:  # the last one is someone else's
        await store(unit_of_work(), order)
    uow = unit_of_work()
    async with uow:
        cancelled = await uow.orders.get(orders[4].id)
        assert cancelled is not None
        cancelled.cancel(at=PLACED_AT + timedelta(hours=1))
        await uow.commit()

    pending = await reader.list_orders(customer_id=customer, status="pending", limit=2, offset=1)

    assert pending.total == 4
    assert [view.order_id for view in pending.items] == [orders[2].id.value, orders[1].id.value]
    assert (pending.limit, pending.offset) == (2, 1)
    everyone = await reader.list_orders(customer_id=None, status=None, limit=100, offset=0)
    assert everyone.total == 6
