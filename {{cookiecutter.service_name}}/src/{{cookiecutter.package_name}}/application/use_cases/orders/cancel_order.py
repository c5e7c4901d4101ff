import contextlib
from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import (
    ConcurrencyConflictError,
    NotFoundError,
)
from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.order_reader import OrderView
from {{cookiecutter.package_name}}.application.ports.orders_unit_of_work import OrdersUnitOfWork
from {{cookiecutter.package_name}}.application.use_cases.orders.order_view import view_of
from {{cookiecutter.package_name}}.domain.orders import OrderId


@dataclass(frozen=True, slots=True)
class CancelOrder:
    """Command: the customer withdraws this order."""

    order_id: UUID


class CancelOrderHandler:
    """Cancels a PENDING or APPROVED order; cancelling it again changes nothing.

    The order records `OrderCancelled`, on which the customer service releases the credit
    it reserved for the order. The customer asks for the order cancelled whatever happened
    to it meanwhile, so when another change got in first the order is loaded and cancelled
    again, up to `ATTEMPTS` times, rather than the conflict handed back to be retried.
    """

    ATTEMPTS = 3

    def __init__(self, uow: OrdersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: CancelOrder) -> OrderView:
        for _ in range(self.ATTEMPTS - 1):
            with contextlib.suppress(ConcurrencyConflictError):
                return await self._cancel(command)
        return await self._cancel(command)  # a conflict now is the caller's

    async def _cancel(self, command: CancelOrder) -> OrderView:
        async with self._uow:
            order = await self._uow.orders.get(OrderId(command.order_id))
            if order is None:
                raise NotFoundError(f"order {command.order_id} does not exist")
            order.cancel(at=self._clock.now())
            await self._uow.commit()
        return view_of(order)
