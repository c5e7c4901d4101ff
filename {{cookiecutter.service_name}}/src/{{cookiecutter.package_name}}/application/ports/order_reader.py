"""The read side of orders: ready-made views for queries, straight from storage.

Queries do not need the aggregate's rules, only its data, so they skip the repository and
read views shaped for the caller.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class OrderLineView:
    """One line of an order, as shown to a reader."""

    sku: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


@dataclass(frozen=True, slots=True)
class OrderView:
    """An order as shown to a reader; amounts are in `currency`."""

    order_id: UUID
    customer_id: UUID
    status: str
    currency: str
    total: Decimal
    lines: tuple[OrderLineView, ...]
    placed_at: datetime
    rejection_reason: str | None
    version: int


@dataclass(frozen=True, slots=True)
class OrderPage:
    """One page of a list of orders; `total` counts every match, not just this page."""

    items: tuple[OrderView, ...]
    total: int
    limit: int
    offset: int


class OrderReader(Protocol):
    """Finds orders for queries, without loading aggregates."""

    async def get_order(self, order_id: UUID) -> OrderView | None:
        """The order with this id, or None when there is none."""
        ...

    async def list_orders(
        self, *, customer_id: UUID | None, status: str | None, limit: int, offset: int
    ) -> OrderPage:
        """Orders matching every filter given (None: any), newest `placed_at` first, then by
        order id; at most `limit` of them, after skipping `offset`."""
        ...
