"""Builders of order commands."""

from decimal import Decimal
from uuid import UUID

from {{cookiecutter.package_name}}.application.use_cases.orders import PlaceOrder, PlaceOrderLine

from tests.unit.domain.orders.builders import CUSTOMER_ID


def a_command_line(
    sku: str = "WIDGET-1", quantity: int = 1, unit_price: str = "10.00", currency: str = "EUR"
) -> PlaceOrderLine:
    return PlaceOrderLine(sku, quantity, Decimal(unit_price), currency)


def place_order(
    *lines: PlaceOrderLine,
    customer_id: UUID = CUSTOMER_ID.value,
    idempotency_key: str | None = None,
) -> PlaceOrder:
    return PlaceOrder(customer_id, lines or (a_command_line(),), idempotency_key)
