from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.customers_unit_of_work import (
    CustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.domain.customers import CustomerId, OrderReference


@dataclass(frozen=True, slots=True)
class ReleaseCredit:
    """Command: give back the credit of a cancelled order (the saga's compensation)."""

    order_id: UUID
    customer_id: UUID


@dataclass(frozen=True, slots=True)
class CreditRelease:
    """Whether any credit was given back for the order."""

    order_id: UUID
    released: bool


class ReleaseCreditHandler:
    """Releases the credit reserved for a cancelled order.

    An unknown customer, or an order with nothing reserved (never reserved, refused, or
    already released), is not an error: the answer is `released=False` and nothing is
    published, so redelivering "order cancelled" is harmless.
    """

    def __init__(self, uow: CustomersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: ReleaseCredit) -> CreditRelease:
        order = OrderReference(command.order_id)
        at = self._clock.now()
        async with self._uow:
            customer = await self._uow.customers.get(CustomerId(command.customer_id))
            released = customer is not None and customer.release_credit(order, at=at)
            await self._uow.commit()
        return CreditRelease(command.order_id, released)
