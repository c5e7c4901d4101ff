from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.orders_unit_of_work import OrdersUnitOfWork
from {{cookiecutter.package_name}}.domain.orders import OrderId


@dataclass(frozen=True, slots=True)
class ReleaseLateCredit:
    """Command: credit was reserved for an order that had already been cancelled."""

    order_id: UUID


class ReleaseLateCreditHandler:
    """Has credit reserved too late for a cancelled order given back (the compensation).

    When an order is cancelled before the customer service handled "order placed", its
    `OrderCancelled` arrives first and releases nothing; the reservation that follows would
    stay forever. The order announces its cancellation again, and the customer service,
    for which releasing is idempotent, gives the credit back.
    """

    def __init__(self, uow: OrdersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: ReleaseLateCredit) -> None:
        async with self._uow:
            order = await self._uow.orders.get(OrderId(command.order_id))
            if order is None:
                raise NotFoundError(f"order {command.order_id} does not exist")
            order.release_late_credit(at=self._clock.now())
            await self._uow.commit()
