from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.order_reader import OrderView
from {{cookiecutter.package_name}}.application.ports.orders_unit_of_work import OrdersUnitOfWork
from {{cookiecutter.package_name}}.application.use_cases.orders.order_view import view_of
from {{cookiecutter.package_name}}.domain.orders import OrderId


@dataclass(frozen=True, slots=True)
class RejectOrder:
    """Command: turn this order down, for `reason`."""

    order_id: UUID
    reason: str


class RejectOrderHandler:
    """Rejects a PENDING order; rejecting a rejected order again changes nothing."""

    def __init__(self, uow: OrdersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: RejectOrder) -> OrderView:
        async with self._uow:
            order = await self._uow.orders.get(OrderId(command.order_id))
            if order is None:
                raise NotFoundError(f"order {command.order_id} does not exist")
            order.reject(command.reason, at=self._clock.now())
            await self._uow.commit()
        return view_of(order)
