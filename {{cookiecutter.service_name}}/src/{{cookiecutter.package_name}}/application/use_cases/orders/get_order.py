from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.ports.order_reader import OrderReader, OrderView


@dataclass(frozen=True, slots=True)
class GetOrder:
    """Query: one order, by its id."""

    order_id: UUID


class GetOrderHandler:
    """Shows one order; an unknown id is a `NotFoundError`."""

    def __init__(self, reader: OrderReader) -> None:
        self._reader = reader

    async def execute(self, command: GetOrder) -> OrderView:
        view = await self._reader.get_order(command.order_id)
        if view is None:
            raise NotFoundError(f"order {command.order_id} does not exist")
        return view
