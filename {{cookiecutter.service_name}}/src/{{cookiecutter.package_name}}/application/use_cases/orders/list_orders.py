from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.ports.order_reader import OrderPage, OrderReader


@dataclass(frozen=True, slots=True)
class ListOrders:
    """Query: a page of orders, optionally of one customer and in one status."""

    customer_id: UUID | None = None
    status: str | None = None
    limit: int = 50
    offset: int = 0


class ListOrdersHandler:
    """Lists orders, newest first.

    The REST adapter has already checked the ranges of `limit` and `offset`, so the
    query goes to the reader as it is.
    """

    def __init__(self, reader: OrderReader) -> None:
        self._reader = reader

    async def execute(self, command: ListOrders) -> OrderPage:
        return await self._reader.list_orders(
            customer_id=command.customer_id,
            status=command.status,
            limit=command.limit,
            offset=command.offset,
        )
