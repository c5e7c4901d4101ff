from datetime import timedelta
from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    GetOrder,
    GetOrderHandler,
    ListOrders,
    ListOrdersHandler,
    view_of,
)
from {{cookiecutter.package_name}}.domain.orders import CustomerId, Order, OrderId, OrderStatus
from tests.unit.application.orders.fakes import FakeOrderReader, FakeOrderRepository
from tests.unit.domain.orders.builders import CUSTOMER_ID, ORDER_ID, PLACED_AT, an_order

OTHER_CUSTOMER = CustomerId(UUID("00000000-0000-4000-8000-0000000000c2"))


def order_number(
    n: int, status: OrderStatus = OrderStatus.PENDING, customer_id: CustomerId = CUSTOMER_ID
) -> Order:
    """The n-th order of a series: placed n minutes after the first, with its own id."""
    return an_order(
        status,
        order_id=OrderId(UUID(int=n)),
        customer_id=customer_id,
        placed_at=PLACED_AT + timedelta(minutes=n),
    )


def a_reader(*orders: Order) -> FakeOrderReader:
    return FakeOrderReader(FakeOrderRepository(*orders))


async def test_an_order_is_shown_by_its_id() -> None:
    order = an_order(OrderStatus.APPROVED)
    handler = GetOrderHandler(a_reader(order))

    view = await handler.execute(GetOrder(ORDER_ID.value))

    assert view == view_of(order)
    assert view.status == "approved"


async def test_an_unknown_order_is_not_found() -> None:
    handler = GetOrderHandler(a_reader())
    unknown = UUID("00000000-0000-4000-8000-00000000dead")

    with pytest.raises(NotFoundError, match=f"order {unknown} does not exist"):
        await handler.execute(GetOrder(unknown))


async def test_orders_are_listed_newest_first_a_page_at_a_time() -> None:
    handler = ListOrdersHandler(a_reader(*(order_number(n) for n in range(1, 6))))

    page = await handler.execute(ListOrders(limit=2, offset=1))

    assert [view.order_id for view in page.items] == [UUID(int=4), UUID(int=3)]
    assert (page.total, page.limit, page.offset) == (5, 2, 1)


async def test_orders_can_be_listed_for_one_customer_in_one_status() -> None:
    wanted = order_number(1, OrderStatus.APPROVED)
    reader = a_reader(
        wanted,
        order_number(2, OrderStatus.PENDING),
        order_number(3, OrderStatus.APPROVED, OTHER_CUSTOMER),
    )

    page = await ListOrdersHandler(reader).execute(
        ListOrders(customer_id=wanted.customer_id.value, status="approved")
    )

    assert [view.order_id for view in page.items] == [wanted.id.value]
    assert page.total == 1
