"""Test data for the customer model: short names for the values the tests care about."""

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

from {{cookiecutter.package_name}}.domain.customers import (
    Customer,
    CustomerId,
    CustomerName,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money

NOON = datetime(2030, 1, 1, 12, tzinfo=UTC)


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def an_order() -> OrderReference:
    return OrderReference(uuid4())


def a_customer(
    *,
    credit_limit: str = "100.00",
    reservations: Mapping[OrderReference, Money] | None = None,
    name: str = "Ada Lovelace",
) -> Customer:
    """A stored customer with a limit in euros, as the repository would hand it out."""
    return Customer(CustomerId.new(), CustomerName(name), eur(credit_limit), reservations)
