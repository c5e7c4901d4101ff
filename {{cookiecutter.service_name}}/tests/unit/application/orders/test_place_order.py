from decimal import Decimal

import pytest

from {{cookiecutter.package_name}}.application.ports.order_reader import OrderLineView
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    PlaceOrder,
    PlaceOrderHandler,
    PlaceOrderLine,
)
from {{cookiecutter.package_name}}.domain.building_blocks import DomainError
from {{cookiecutter.package_name}}.domain.orders import (
    DuplicateSkuError,
    EmptyOrderError,
    InvalidQuantityError,
    InvalidSkuError,
    OrderId,
    OrderPlaced,
    OrderStatus,
)
from {{cookiecutter.package_name}}.domain.shared.money import InvalidMoneyError, Money

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.builders import a_command_line, place_order
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork
from tests.unit.domain.orders.builders import CUSTOMER_ID, PLACED_AT


def a_handler(uow: FakeOrdersUnitOfWork) -> PlaceOrderHandler:
    return PlaceOrderHandler(uow, FixedClock(PLACED_AT))


async def test_placing_an_order_stores_it_pending_and_returns_its_view() -> None:
    uow = FakeOrdersUnitOfWork()
    command = place_order(
        a_command_line("A-1", quantity=2, unit_price="3.50"), a_command_line("B-2")
    )

    view = await a_handler(uow).execute(command)

    assert uow.committed
    stored = uow.orders.stored[OrderId(view.order_id)]
    assert stored.status is OrderStatus.PENDING
    assert view.status == "pending"
    assert view.customer_id == CUSTOMER_ID.value
    assert (view.total, view.currency) == (Decimal("17.00"), "EUR")
    assert view.lines == (
        OrderLineView("A-1", 2, Decimal("3.50"), Decimal("7.00")),
        OrderLineView("B-2", 1, Decimal("10.00"), Decimal("10.00")),
    )
    assert view.placed_at == PLACED_AT
    assert view.rejection_reason is None
    assert view.version == 1


async def test_the_order_placed_event_is_published_once_the_order_is_stored() -> None:
    uow = FakeOrdersUnitOfWork()

    view = await a_handler(uow).execute(place_order(a_command_line(quantity=3)))

    [event] = uow.published
    assert event == OrderPlaced(
        order_id=OrderId(view.order_id),
        customer_id=CUSTOMER_ID,
        total=Money(Decimal("30.00"), "EUR"),
        occurred_at=PLACED_AT,
        event_id=event.event_id,
    )


async def test_each_placed_order_gets_a_new_id() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)

    first = await handler.execute(place_order())
    second = await handler.execute(place_order())

    assert first.order_id != second.order_id
    assert len(uow.orders.stored) == 2


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        ((), EmptyOrderError),
        ((a_command_line("A-1"), a_command_line("A-1")), DuplicateSkuError),
        ((a_command_line("a-1"),), InvalidSkuError),
        ((a_command_line(quantity=0),), InvalidQuantityError),
        ((a_command_line(unit_price="-1"),), InvalidMoneyError),
    ],
)
async def test_an_order_that_breaks_a_rule_is_neither_stored_nor_announced(
    lines: tuple[PlaceOrderLine, ...], error: type[DomainError]
) -> None:
    uow = FakeOrdersUnitOfWork()

    with pytest.raises(error):
        await a_handler(uow).execute(PlaceOrder(CUSTOMER_ID.value, lines))

    assert not uow.committed
    assert uow.orders.stored == {}
    assert uow.published == []
