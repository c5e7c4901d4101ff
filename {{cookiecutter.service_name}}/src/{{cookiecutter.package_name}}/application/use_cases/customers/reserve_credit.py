from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.customers_unit_of_work import (
    CustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.domain.customers import (
    CreditRefusedForCurrency,
    CreditRefusedForUnknownCustomer,
    CustomerId,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import CurrencyMismatchError, Money


@dataclass(frozen=True, slots=True)
class ReserveCredit:
    """Command: set credit aside for an order just placed (the saga's "order placed")."""

    order_id: UUID
    customer_id: UUID
    amount: Decimal
    currency: str


class CreditDecision(StrEnum):
    """The customer side's answer to an order."""

    RESERVED = "reserved"
    LIMIT_EXCEEDED = "limit_exceeded"
    UNKNOWN_CUSTOMER = "unknown_customer"
    OTHER_CURRENCY = "other_currency"


@dataclass(frozen=True, slots=True)
class CreditCheck:
    """The answer for one order."""

    order_id: UUID
    decision: CreditDecision


class ReserveCreditHandler:
    """Reserves an order's credit, or says why not; each answer is recorded as an event.

    Safe to redeliver: an order whose credit is already reserved is answered `RESERVED`
    again, and nothing changes or is recorded. An order in another currency than the
    customer's credit limit is refused (`OTHER_CURRENCY`), so that it does not wait for
    an answer for ever.
    """

    def __init__(self, uow: CustomersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: ReserveCredit) -> CreditCheck:
        customer_id = CustomerId(command.customer_id)
        order = OrderReference(command.order_id)
        amount = Money(command.amount, command.currency)
        at = self._clock.now()
        async with self._uow:
            customer = await self._uow.customers.get(customer_id)
            if customer is None:
                # No aggregate to carry the answer, yet the order service still needs one.
                self._uow.record(
                    [
                        CreditRefusedForUnknownCustomer(
                            customer_id=customer_id, order_id=order, occurred_at=at
                        )
                    ]
                )
                decision = CreditDecision.UNKNOWN_CUSTOMER
            else:
                try:
                    reserved = customer.reserve_credit(order, amount, at=at)
                except CurrencyMismatchError:
                    self._uow.record(
                        [
                            CreditRefusedForCurrency(
                                customer_id=customer_id,
                                order_id=order,
                                requested=amount,
                                credit_currency=customer.credit_limit.currency,
                                occurred_at=at,
                            )
                        ]
                    )
                    decision = CreditDecision.OTHER_CURRENCY
                else:
                    decision = (
                        CreditDecision.RESERVED if reserved else CreditDecision.LIMIT_EXCEEDED
                    )
            await self._uow.commit()
        return CreditCheck(command.order_id, decision)
