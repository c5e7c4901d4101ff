import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from {{cookiecutter.package_name}}.application.errors import ConcurrencyConflictError
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    message_context,
    request_context,
)
from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.orders_unit_of_work import OrdersUnitOfWork
from {{cookiecutter.package_name}}.domain.orders import OrderId, OrderStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CancelOverdueOrders:
    """Command: cancel every order that has waited too long for the customer service."""


class CancelOverdueOrdersHandler:
    """Cancels the orders still PENDING `answer_within` after they were placed.

    The saga's deadline. Without one, an order whose answer never comes (the customer
    service lost, or gone for good) would wait forever. A cancelled order announces
    `OrderCancelled`, on which the customer service releases any credit it reserved; an
    answer that arrives after the deadline finds the order cancelled and is settled as any
    late answer is (`CreditAnswerHandler`).

    Each order is cancelled in a transaction of its own, so one that got its answer in the
    meantime (a concurrent change, or no longer PENDING when loaded) is simply left alone.
    Several processes may run this at once.
    """

    def __init__(
        self,
        uow: OrdersUnitOfWork,
        clock: Clock,
        answer_within: timedelta,
        batch_size: int = 100,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._answer_within = answer_within
        self._batch_size = batch_size

    async def execute(self, command: CancelOverdueOrders) -> int:
        """Returns how many orders were cancelled."""
        cancelled = 0
        while True:
            overdue = await self._overdue()
            now_cancelled = 0
            for order_id in overdue:
                with contextlib.suppress(ConcurrencyConflictError):  # its answer came first
                    if await self._cancel(order_id):
                        now_cancelled += 1
            cancelled += now_cancelled
            # A short batch was the last; a batch of which none could be cancelled would
            # come back the same.
            if len(overdue) < self._batch_size or not now_cancelled:
                return cancelled

    async def _overdue(self) -> list[OrderId]:
        async with self._uow:
            return await self._uow.orders.pending_placed_before(
                self._clock.now() - self._answer_within, self._batch_size
            )

    async def _cancel(self, order_id: OrderId) -> bool:
        # Each cancellation starts a flow of its own: its message and its log line share it.
        with message_context(request_context()):
            async with self._uow:
                order = await self._uow.orders.get(order_id)
                if order is None or order.status is not OrderStatus.PENDING:
                    return False
                order.cancel(at=self._clock.now())
                await self._uow.commit()
            logger.info("order %s cancelled: no answer about credit in %s", order_id, self._waited)
        return True

    @property
    def _waited(self) -> str:
        minutes = self._answer_within.total_seconds() / 60
        return f"{minutes:g} minute" if minutes == 1 else f"{minutes:g} minutes"
