from datetime import datetime
from typing import Protocol

from {{cookiecutter.package_name}}.application.ports.repository import Repository
from {{cookiecutter.package_name}}.domain.orders import Order, OrderId


class OrderRepository(Repository[Order, OrderId], Protocol):
    """All orders, as a collection: load one by its id, or add a new one.

    Changes are written when the unit of work that handed out the repository commits.
    """

    async def pending_placed_before(self, placed_before: datetime, limit: int) -> list[OrderId]:
        """The ids of the PENDING orders placed before `placed_before`, oldest first; at
        most `limit` of them."""
        ...
