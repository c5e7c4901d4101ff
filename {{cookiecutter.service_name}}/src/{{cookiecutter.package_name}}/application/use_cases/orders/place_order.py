from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import (
    NotFoundError,
    RequestAlreadyHandledError,
)
from {{cookiecutter.package_name}}.application.idempotency import HandledRequest, fingerprint_of
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
    """Command: a customer orders these lines.

    With an `idempotency_key`, the same command sent again places no second order: it is
    answered with the order the first one placed (`application/idempotency.py`).
    """

    customer_id: UUID
    lines: tuple[PlaceOrderLine, ...]
    idempotency_key: str | None = None


PLACE_ORDER = "orders.place_order"
"""The operation an idempotency key of `PlaceOrder` is kept under."""


class PlaceOrderHandler:
    """Places a new order, PENDING until the customer service answers about credit.

    The order records `OrderPlaced`, which the unit of work writes to the outbox in the
    order's own transaction; sent by the relay, that event starts the credit check.
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
        request = None
        if command.idempotency_key is not None:
            fingerprint = fingerprint_of(customer_id, lines)
            request = HandledRequest(
                PLACE_ORDER, command.idempotency_key, fingerprint, str(order.id)
            )
        try:
            return view_of(await self._stored(order, request))
        except RequestAlreadyHandledError:
            # A request with the same key was committed meanwhile: answer with its order.
            return view_of(await self._stored(order, request))

    async def _stored(self, order: Order, request: HandledRequest | None) -> Order:
        """`order`, once stored; or the order an earlier request with the key placed."""
        # Only storing needs the unit of work: its connection is held for no more than that.
        async with self._uow:
            if request is not None:
                earlier = await self._uow.requests.get(request.operation, request.key)
                if earlier is not None:
                    return await self._placed(OrderId(UUID(earlier.answer_for(request))))
                self._uow.requests.add(request)
            self._uow.orders.add(order)
            await self._uow.commit()
        return order

    async def _placed(self, order_id: OrderId) -> Order:
        order = await self._uow.orders.get(order_id)
        if order is None:
            raise NotFoundError(f"order {order_id}, placed with this idempotency key, is gone")
        return order


def _line_of(line: PlaceOrderLine) -> OrderLine:
    return OrderLine(Sku(line.sku), Quantity(line.quantity), Money(line.unit_price, line.currency))
