from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.order_reader import OrderView
from {{cookiecutter.package_name}}.application.ports.orders_unit_of_work import OrdersUnitOfWork
from {{cookiecutter.package_name}}.application.use_cases.orders.order_view import view_of
from {{cookiecutter.package_name}}.domain.orders import (
    CustomerId,
    Order,
    OrderId,
    OrderLine,
    OrderPricing,
    Quantity,
    Sku,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money


@dataclass(frozen=True, slots=True)
class PlaceOrderLine:
    """One line of a new order: `quantity` units of `sku` at `unit_price` in `currency`."""

    sku: str
    quantity: int
    unit_price: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    """Command: a customer orders these lines."""

    customer_id: UUID
    lines: tuple[PlaceOrderLine, ...]


class PlaceOrderHandler:
    """Places a new order, PENDING until the customer service answers about credit.

    The order records `OrderPlaced`, which the unit of work publishes once the order is
    stored; that event starts the credit check.
    """

    def __init__(self, uow: OrdersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock
        self._pricing = OrderPricing()

    async def execute(self, command: PlaceOrder) -> OrderView:
        customer_id = CustomerId(command.customer_id)
        lines = [_line_of(line) for line in command.lines]
        order = Order.place(
            OrderId.new(), customer_id, lines, pricing=self._pricing, at=self._clock.now()
        )
        # Only storing needs the unit of work: its connection is held for no more than that.
        async with self._uow:
            self._uow.orders.add(order)
            await self._uow.commit()
        return view_of(order)


def _line_of(line: PlaceOrderLine) -> OrderLine:
    return OrderLine(Sku(line.sku), Quantity(line.quantity), Money(line.unit_price, line.currency))
