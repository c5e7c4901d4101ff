"""Builders of order test data: sensible defaults, so each test names only what it is about."""

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from {{cookiecutter.package_name}}.domain.orders import (
    CustomerId,
    Order,
    OrderId,
    OrderLine,
    OrderPricing,
    OrderStatus,
    Quantity,
    Sku,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money

PLACED_AT = datetime(2030, 1, 1, 12, tzinfo=UTC)
LATER = datetime(2030, 1, 1, 12, 5, tzinfo=UTC)
ORDER_ID = OrderId(UUID("00000000-0000-4000-8000-0000000000a1"))
CUSTOMER_ID = CustomerId(UUID("00000000-0000-4000-8000-0000000000c1"))


def money(amount: str, currency: str = "EUR") -> Money:
    return Money(Decimal(amount), currency)


def a_line(
    sku: str = "WIDGET-1", quantity: int = 1, unit_price: str = "10.00", currency: str = "EUR"
) -> OrderLine:
    return OrderLine(Sku(sku), Quantity(quantity), money(unit_price, currency))


def a_placed_order(
    *lines: OrderLine, order_id: OrderId = ORDER_ID, customer_id: CustomerId = CUSTOMER_ID
) -> Order:
    """A new order through `Order.place`, with its `OrderPlaced` still pending."""
    return Order.place(
        order_id,
        customer_id,
        lines or [a_line()],
        pricing=OrderPricing(),
        at=PLACED_AT,
    )


def an_order(
    status: OrderStatus = OrderStatus.PENDING,
    *,
    order_id: OrderId = ORDER_ID,
    customer_id: CustomerId = CUSTOMER_ID,
    lines: Sequence[OrderLine] = (),
    placed_at: datetime = PLACED_AT,
    rejection_reason: str | None = None,
) -> Order:
    """An order as stored, in `status`, with no pending events."""
    lines = lines or [a_line()]
    if status is OrderStatus.REJECTED and rejection_reason is None:
        rejection_reason = "credit limit exceeded"
    return Order(
        order_id,
        customer_id,
        lines,
        OrderPricing().total(lines),
        status,
        placed_at,
        rejection_reason=rejection_reason,
    )
