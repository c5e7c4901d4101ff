from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.order_events import (
    to_integration_event,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.unit_of_work import (
    SqlAlchemyOrdersUnitOfWork,
)
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

PLACED_AT = datetime(2030, 1, 1, 12, tzinfo=UTC)


# SKU -> (quantity, unit price in EUR)
ARTICLES = {"BOOK-1": (2, "12.50"), "PEN-2": (1, "3.20")}


def an_order(customer_id: UUID | None = None, *, at: datetime = PLACED_AT) -> Order:
    """A pending order for the two articles above."""
    lines = [
        OrderLine(Sku(sku), Quantity(quantity), Money(Decimal(price), "EUR"))
        for sku, (quantity, price) in ARTICLES.items()
    ]
    return Order.place(
        OrderId.new(), CustomerId(customer_id or uuid4()), lines, pricing=OrderPricing(), at=at
    )


@pytest.fixture
def unit_of_work(engine: AsyncEngine) -> Callable[[], SqlAlchemyOrdersUnitOfWork]:
    return lambda: SqlAlchemyOrdersUnitOfWork(engine, to_integration_event, SystemClock())


async def store(unit_of_work: SqlAlchemyOrdersUnitOfWork, order: Order) -> None:
    async with unit_of_work:
        unit_of_work.orders.add(order)
        await unit_of_work.commit()
