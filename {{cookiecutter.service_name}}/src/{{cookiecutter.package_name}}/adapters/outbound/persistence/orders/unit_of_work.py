from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.repository import (
    SqlAlchemyOrderRepository,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import ChangeTracker
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
)
from {{cookiecutter.package_name}}.application.ports.order_repository import OrderRepository


class SqlAlchemyOrdersUnitOfWork(SqlAlchemyUnitOfWork):
    """The `OrdersUnitOfWork` port: the orders repository inside one transaction."""

    _orders: SqlAlchemyOrderRepository | None = None

    def _open_repositories(self, connection: AsyncConnection) -> Sequence[ChangeTracker]:
        self._orders = SqlAlchemyOrderRepository(connection)
        return (self._orders,)

    @property
    def orders(self) -> OrderRepository:
        return self._in_block(self._orders)
