"""In-memory fakes of the order ports, built on the common fake unit of work."""

from datetime import datetime
from uuid import UUID

from {{cookiecutter.package_name}}.application.ports.order_reader import OrderPage, OrderView
from {{cookiecutter.package_name}}.application.use_cases.orders.order_view import view_of
from {{cookiecutter.package_name}}.domain.orders import Order, OrderId, OrderStatus

from tests.unit.application.fake_unit_of_work import FakeRepository, FakeUnitOfWork


class FakeOrderRepository(FakeRepository[Order, OrderId]):
    """Orders in a dict: `stored` is what was committed."""

    async def pending_placed_before(self, placed_before: datetime, limit: int) -> list[OrderId]:
        pending = [
            order
            for order in self.stored.values()
            if order.status is OrderStatus.PENDING and order.placed_at < placed_before
        ]
        pending.sort(key=lambda order: order.placed_at)
        return [order.id for order in pending[:limit]]


class FakeOrdersUnitOfWork(FakeUnitOfWork):
    """A unit of work over a `FakeOrderRepository` holding `orders` from the start."""

    def __init__(self, *orders: Order) -> None:
        self._orders = FakeOrderRepository(*orders)
        super().__init__(self._orders)

    @property
    def orders(self) -> FakeOrderRepository:
        return self._orders


class FakeOrderReader:
    """Reads the committed orders of a `FakeOrderRepository`, as the SQL reader reads tables."""

    def __init__(self, repository: FakeOrderRepository) -> None:
        self._repository = repository

    async def get_order(self, order_id: UUID) -> OrderView | None:
        order = self._repository.stored.get(OrderId(order_id))
        return None if order is None else view_of(order)

    async def list_orders(
        self, *, customer_id: UUID | None, status: str | None, limit: int, offset: int
    ) -> OrderPage:
        matches = [
            view_of(order)
            for order in self._repository.stored.values()
            if customer_id in (None, order.customer_id.value) and status in (None, order.status)
        ]
        matches.sort(key=lambda view: view.order_id)
        matches.sort(key=lambda view: view.placed_at, reverse=True)
        return OrderPage(
            items=tuple(matches[offset : offset + limit]),
            total=len(matches),
            limit=limit,
            offset=offset,
        )
