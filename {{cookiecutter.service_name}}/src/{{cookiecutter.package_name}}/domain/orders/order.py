from collections.abc import Sequence
from datetime import datetime
from typing import Self

from {{cookiecutter.package_name}}.domain.building_blocks import AggregateRoot
from {{cookiecutter.package_name}}.domain.orders.errors import (
    DuplicateSkuError,
    EmptyOrderError,
    IllegalOrderTransitionError,
    InvalidRejectionReasonError,
    TooManyLinesError,
)
from {{cookiecutter.package_name}}.domain.orders.events import (
    OrderApproved,
    OrderCancelled,
    OrderPlaced,
    OrderRejected,
)
from {{cookiecutter.package_name}}.domain.orders.order_line import OrderLine
from {{cookiecutter.package_name}}.domain.orders.pricing import OrderPricing
from {{cookiecutter.package_name}}.domain.orders.values import CustomerId, OrderId, OrderStatus
from {{cookiecutter.package_name}}.domain.shared.money import Money

MAX_LINES = 100
"""The most lines one order holds: a bound on what one request makes the service store."""
MAX_REJECTION_REASON_LENGTH = 200
"""The longest rejection reason an order keeps, in characters after trimming."""


class Order(AggregateRoot[OrderId]):
    """A customer's order, from placement through the credit check to its outcome.

    `place` starts it PENDING; the customer service's answer then approves or rejects it,
    and it can be cancelled while PENDING or APPROVED. Repeating the change that brought
    the order to its current status does nothing, so a replayed message is harmless.
    """

    def __init__(
        self,
        id: OrderId,
        customer_id: CustomerId,
        lines: Sequence[OrderLine],
        total: Money,
        status: OrderStatus,
        placed_at: datetime,
        rejection_reason: str | None = None,
        version: int = 0,
    ) -> None:
        """Reconstitute an order as it was stored; this records no event.

        Use `place` for a new order.
        """
        super().__init__(id, version)
        _check_lines(lines)
        self._customer_id = customer_id
        self._lines = tuple(lines)
        self._total = total
        self._status = status
        self._placed_at = placed_at
        self._rejection_reason = rejection_reason

    @classmethod
    def place(
        cls,
        id: OrderId,
        customer_id: CustomerId,
        lines: Sequence[OrderLine],
        *,
        pricing: OrderPricing,
        at: datetime,
    ) -> Self:
        """A new PENDING order, priced by `pricing`, recording `OrderPlaced`."""
        total = pricing.total(lines)  # `cls(...)` below checks the lines
        order = cls(id, customer_id, lines, total, OrderStatus.PENDING, placed_at=at)
        order._record(
            OrderPlaced(order_id=id, customer_id=customer_id, total=total, occurred_at=at)
        )
        return order

    @property
    def customer_id(self) -> CustomerId:
        return self._customer_id

    @property
    def lines(self) -> tuple[OrderLine, ...]:
        return self._lines

    @property
    def total(self) -> Money:
        return self._total

    @property
    def status(self) -> OrderStatus:
        return self._status

    @property
    def placed_at(self) -> datetime:
        return self._placed_at

    @property
    def rejection_reason(self) -> str | None:
        """Why the order was rejected; None unless it is REJECTED."""
        return self._rejection_reason

    def approve(self, *, at: datetime) -> None:
        """The customer's credit covers the order: PENDING becomes APPROVED."""
        if self._status is OrderStatus.APPROVED:
            return
        self._require("approve", OrderStatus.PENDING)
        self._status = OrderStatus.APPROVED
        self._record(OrderApproved(order_id=self.id, customer_id=self._customer_id, occurred_at=at))

    def reject(self, reason: str, *, at: datetime) -> None:
        """Turn the order down for `reason` (trimmed): PENDING becomes REJECTED."""
        trimmed = reason.strip()
        if not 1 <= len(trimmed) <= MAX_REJECTION_REASON_LENGTH:
            raise InvalidRejectionReasonError(reason, MAX_REJECTION_REASON_LENGTH)
        if self._status is OrderStatus.REJECTED:
            return
        self._require("reject", OrderStatus.PENDING)
        self._status = OrderStatus.REJECTED
        self._rejection_reason = trimmed
        self._record(
            OrderRejected(
                order_id=self.id, customer_id=self._customer_id, reason=trimmed, occurred_at=at
            )
        )

    def cancel(self, *, at: datetime) -> None:
        """Withdraw the order: PENDING or APPROVED becomes CANCELLED."""
        if self._status is OrderStatus.CANCELLED:
            return
        self._require("cancel", OrderStatus.PENDING, OrderStatus.APPROVED)
        self._status = OrderStatus.CANCELLED
        self._record(
            OrderCancelled(
                order_id=self.id, customer_id=self._customer_id, total=self._total, occurred_at=at
            )
        )

    def release_late_credit(self, *, at: datetime) -> None:
        """Credit was reserved after this order was cancelled: announce the cancellation again.

        The customer service releases an order's credit on `OrderCancelled`, and releasing
        twice changes nothing, so repeating the event gives back a reservation that came late.
        """
        self._require("release late credit for", OrderStatus.CANCELLED)
        self._record(
            OrderCancelled(
                order_id=self.id, customer_id=self._customer_id, total=self._total, occurred_at=at
            )
        )

    def _require(self, action: str, *allowed: OrderStatus) -> None:
        if self._status not in allowed:
            raise IllegalOrderTransitionError(action, str(self.id), self._status)


def _check_lines(lines: Sequence[OrderLine]) -> None:
    if not lines:
        raise EmptyOrderError()
    if len(lines) > MAX_LINES:
        raise TooManyLinesError(len(lines), MAX_LINES)
    seen: set[OrderLine] = set()
    for line in lines:
        if line in seen:
            raise DuplicateSkuError(str(line.sku))
        seen.add(line)
