from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from {{cookiecutter.package_name}}.adapters.inbound.rest.schemas.money import (
    MoneyBody,
    MoneyRequest,
)
from {{cookiecutter.package_name}}.application.ports.order_reader import OrderPage, OrderView
from {{cookiecutter.package_name}}.domain.orders import (
    MAX_LINES,
    MAX_QUANTITY,
    MIN_QUANTITY,
    SKU_PATTERN,
    OrderStatus,
)
from {{cookiecutter.package_name}}.domain.orders.pricing import BULK_DISCOUNT, BULK_THRESHOLD


class OrderLineRequest(BaseModel):
    """One line as a request gives it; the rules are the domain's, checked here as well so
    that a 422 names the field (`lines`, index, field) and the OpenAPI schema shows them."""

    sku: str = Field(pattern=SKU_PATTERN, examples=["BOOK-42"])
    # Strict: a JSON `true` or `"2"` is not a quantity.
    quantity: int = Field(strict=True, ge=MIN_QUANTITY, le=MAX_QUANTITY, examples=[2])
    unit_price: MoneyRequest


class PlaceOrderRequest(BaseModel):
    customer_id: UUID
    lines: list[OrderLineRequest] = Field(min_length=1, max_length=MAX_LINES)


class OrderLineResponse(BaseModel):
    sku: str
    quantity: int
    unit_price: MoneyBody
    line_total: MoneyBody


class OrderResponse(BaseModel):
    id: UUID
    customer_id: UUID
    status: OrderStatus
    total: MoneyBody = Field(
        description=f"The sum of the line totals, less {BULK_DISCOUNT:.0%} when the order has "
        f"{BULK_THRESHOLD} units or more, all lines together (the discount rounded to the "
        "cent, half to even)."
    )
    lines: list[OrderLineResponse]
    placed_at: datetime
    rejection_reason: str | None
    version: int

    @classmethod
    def from_view(cls, view: OrderView) -> "OrderResponse":
        def money(amount: Decimal) -> MoneyBody:
            return MoneyBody(amount=amount, currency=view.currency)

        return cls(
            id=view.order_id,
            customer_id=view.customer_id,
            status=OrderStatus(view.status),
            total=money(view.total),
            lines=[
                OrderLineResponse(
                    sku=line.sku,
                    quantity=line.quantity,
                    unit_price=money(line.unit_price),
                    line_total=money(line.line_total),
                )
                for line in view.lines
            ],
            placed_at=view.placed_at,
            rejection_reason=view.rejection_reason,
            version=view.version,
        )


class OrderPageResponse(BaseModel):
    items: list[OrderResponse]
    total: int
    limit: int
    offset: int

    @classmethod
    def from_page(cls, page: OrderPage) -> "OrderPageResponse":
        return cls(
            items=[OrderResponse.from_view(view) for view in page.items],
            total=page.total,
            limit=page.limit,
            offset=page.offset,
        )
