"""In-memory fakes of the order ports, built on the common fake unit of work."""

from collections.abc import Callable, Mapping
from datetime import datetime
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import ConcurrencyConflictError
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


class OrdersChangedMeanwhile(FakeOrdersUnitOfWork):
    """A unit of work whose commit of an order `changes` names finds that another process
    changed it first, `times` times: just before the commit, the stored order gets that
    change (a new version), and the commit raises `ConcurrencyConflictError`."""

    def __init__(
        self, *orders: Order, changes: Mapping[OrderId, Callable[[Order], None]], times: int = 1
    ) -> None:
        super().__init__(*orders)
        self._changes = changes
        self._left = dict.fromkeys(changes, times)

    async def commit(self) -> None:
        for order_id in self.orders.seen:
            if self._left.get(order_id):
                self._left[order_id] -= 1
                stored = self.orders.stored[order_id]
                self._changes[order_id](stored)
                stored.pull_events()
                stored.version += 1
                raise ConcurrencyConflictError(f"order {order_id} was changed by someone else")
        await super().commit()


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
