from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.ports.order_reader import OrderPage, OrderView
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    GetOrder,
    GetOrderHandler,
    ListOrders,
    ListOrdersHandler,
    view_of,
)
from {{cookiecutter.package_name}}.domain.orders import Order, OrderStatus

from tests.unit.application.orders.fakes import FakeOrderReader, FakeOrderRepository
from tests.unit.domain.orders.builders import CUSTOMER_ID, ORDER_ID, an_order


def a_reader(*orders: Order) -> FakeOrderReader:
    return FakeOrderReader(FakeOrderRepository(*orders))


async def test_an_order_is_shown_by_its_id() -> None:
    order = an_order(OrderStatus.APPROVED)
    handler = GetOrderHandler(a_reader(order))

    view = await handler.execute(GetOrder(ORDER_ID.value))

    assert (view.order_id, view.customer_id) == (ORDER_ID.value, CUSTOMER_ID.value)
    assert view.status == "approved"


async def test_an_unknown_order_is_not_found() -> None:
    handler = GetOrderHandler(a_reader())
    unknown = UUID("00000000-0000-4000-8000-00000000dead")

    with pytest.raises(NotFoundError, match=f"order {unknown} does not exist"):
        await handler.execute(GetOrder(unknown))


class RecordingOrderReader:
    """Answers each list query with `page`, and keeps the queries it was asked."""

    def __init__(self, page: OrderPage) -> None:
        self._page = page
        self.queries: list[dict[str, object]] = []

    async def get_order(self, order_id: UUID) -> OrderView | None:
        return None

    async def list_orders(
        self, *, customer_id: UUID | None, status: str | None, limit: int, offset: int
    ) -> OrderPage:
        self.queries.append(
            {"customer_id": customer_id, "status": status, "limit": limit, "offset": offset}
        )
        return self._page


async def test_a_list_query_goes_to_the_reader_as_it_is() -> None:
    # The order and the paging are the reader's: tests/integration/persistence/orders/.
    page = OrderPage(items=(view_of(an_order()),), total=7, limit=2, offset=4)
    reader = RecordingOrderReader(page)

    listed = await ListOrdersHandler(reader).execute(
        ListOrders(customer_id=CUSTOMER_ID.value, status="approved", limit=2, offset=4)
    )

    assert listed is page
    assert reader.queries == [
        {"customer_id": CUSTOMER_ID.value, "status": "approved", "limit": 2, "offset": 4}
    ]
