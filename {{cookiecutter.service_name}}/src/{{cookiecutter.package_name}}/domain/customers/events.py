from dataclasses import dataclass

from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.customers.values import (
    CustomerId,
    CustomerName,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money


@dataclass(frozen=True)
class CustomerRegistered(DomainEvent):
    """A new customer can now buy on credit, up to `credit_limit`.

    `customer_name`, not `name`: `DomainEvent.name` is already the event's own name.
    """

    customer_id: CustomerId
    customer_name: CustomerName
    credit_limit: Money


@dataclass(frozen=True)
class CreditReserved(DomainEvent):
    """Part of the customer's credit is set aside for an order."""

    customer_id: CustomerId
    order_id: OrderReference
    amount: Money


@dataclass(frozen=True)
class CreditLimitExceeded(DomainEvent):
    """An order asked for more credit than the customer had left; nothing was reserved."""

    customer_id: CustomerId
    order_id: OrderReference
    requested: Money
    available: Money


@dataclass(frozen=True)
class CreditReleased(DomainEvent):
    """The credit set aside for an order is available again (the order was cancelled)."""

    customer_id: CustomerId
    order_id: OrderReference
    amount: Money


@dataclass(frozen=True)
class CreditRefusedForUnknownCustomer(DomainEvent):
    """An order named a customer this service does not know, so no credit was reserved.

    No aggregate records it, since there is no customer to record it: the use case does.
    """

    customer_id: CustomerId
    order_id: OrderReference


@dataclass(frozen=True)
class CreditRefusedForCurrency(DomainEvent):
    """An order asked for credit in a currency other than the customer's credit limit's,
    so no credit was reserved: the two cannot be compared.

    The customer refuses by raising `CurrencyMismatchError`; the use case records the answer.
    """

    customer_id: CustomerId
    order_id: OrderReference
    requested: Money
    credit_currency: str
