from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Self

from {{cookiecutter.package_name}}.domain.building_blocks import AggregateRoot
from {{cookiecutter.package_name}}.domain.customers.errors import InvalidCreditLimitError
from {{cookiecutter.package_name}}.domain.customers.events import (
    CreditLimitExceeded,
    CreditReleased,
    CreditReserved,
    CustomerRegistered,
)
from {{cookiecutter.package_name}}.domain.customers.values import (
    CustomerId,
    CustomerName,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money


class Customer(AggregateRoot[CustomerId]):
    """A customer who buys on credit: orders reserve part of a fixed credit limit.

    The invariant: the credit reserved for all orders together never exceeds the limit.
    Each order reserves at most once, so a redelivered "order placed" changes nothing.
    The constructor reconstitutes a stored customer; `register` creates a new one.
    """

    def __init__(
        self,
        id: CustomerId,
        name: CustomerName,
        credit_limit: Money,
        reservations: Mapping[OrderReference, Money] | None = None,
        version: int = 0,
    ) -> None:
        super().__init__(id, version)
        if credit_limit <= Money.zero(credit_limit.currency):
            raise InvalidCreditLimitError(
                f"a credit limit must be more than zero, got {credit_limit}"
            )
        self._name = name
        self._credit_limit = credit_limit
        self._reservations: dict[OrderReference, Money] = dict(reservations or {})

    @classmethod
    def register(
        cls, id: CustomerId, name: CustomerName, credit_limit: Money, *, at: datetime
    ) -> Self:
        customer = cls(id, name, credit_limit)
        customer._record(
            CustomerRegistered(
                customer_id=id, customer_name=name, credit_limit=credit_limit, occurred_at=at
            )
        )
        return customer

    @property
    def name(self) -> CustomerName:
        return self._name

    @property
    def credit_limit(self) -> Money:
        return self._credit_limit

    @property
    def reservations(self) -> Mapping[OrderReference, Money]:
        """The credit set aside, per order; a read-only view."""
        return MappingProxyType(self._reservations)

    @property
    def available_credit(self) -> Money:
        """The limit minus everything reserved."""
        reserved = sum(self._reservations.values(), Money.zero(self._credit_limit.currency))
        return self._credit_limit - reserved

    def reserve_credit(self, order: OrderReference, amount: Money, *, at: datetime) -> bool:
        """Set `amount` aside for `order` if the customer has that much credit left.

        Returns whether the order has its credit. A refusal records `CreditLimitExceeded`
        and leaves the reservations as they were. A currency other than the limit's raises
        `CurrencyMismatchError`, even for an order already reserved: that is not a replay.
        """
        available = self.available_credit
        # Compared before the replay check, so a currency mismatch raises even for a known
        # order: a true replay carries the same currency.
        exceeds = amount > available
        if order in self._reservations:
            return True
        if exceeds:
            self._record(
                CreditLimitExceeded(
                    customer_id=self.id,
                    order_id=order,
                    requested=amount,
                    available=available,
                    occurred_at=at,
                )
            )
            return False
        self._reservations[order] = amount
        self._record(
            CreditReserved(customer_id=self.id, order_id=order, amount=amount, occurred_at=at)
        )
        return True

    def release_credit(self, order: OrderReference, *, at: datetime) -> bool:
        """Give back the credit reserved for `order` (the saga's compensation).

        Returns whether there was anything to give back; releasing twice is harmless.
        """
        amount = self._reservations.pop(order, None)
        if amount is None:
            return False
        self._record(
            CreditReleased(customer_id=self.id, order_id=order, amount=amount, occurred_at=at)
        )
        return True
