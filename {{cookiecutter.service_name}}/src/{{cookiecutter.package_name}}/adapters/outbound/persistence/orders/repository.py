from datetime import datetime

from sqlalchemy import insert, select, update

from {{cookiecutter.package_name}}.adapters.outbound.persistence.money import from_cents, to_cents
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.tables import (
    IS_PENDING,
    order_lines,
    orders,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import (
    SqlAlchemyRepository,
)
from {{cookiecutter.package_name}}.domain.orders import (
    CustomerId,
    Order,
    OrderId,
    OrderLine,
    OrderStatus,
    Quantity,
    Sku,
)


class SqlAlchemyOrderRepository(SqlAlchemyRepository[Order, OrderId]):
    """The `OrderRepository` port: an order is a row in `orders` and its `order_lines`.

    Lines never change after an order is placed, so an update writes the order row only,
    and only where the stored version is the one the order was loaded at.
    """

    async def pending_placed_before(self, placed_before: datetime, limit: int) -> list[OrderId]:
        rows = await self._connection.execute(
            select(orders.c.id)
            .where(IS_PENDING, orders.c.placed_at < placed_before)
            .order_by(orders.c.placed_at)
            .limit(limit)
        )
        return [OrderId(id) for id in rows.scalars()]

    async def _load(self, id: OrderId) -> Order | None:
        row = (
            await self._connection.execute(select(orders).where(orders.c.id == id.value))
        ).one_or_none()
        if row is None:
            return None
        line_rows = await self._connection.execute(
            select(order_lines)
            .where(order_lines.c.order_id == id.value)
            .order_by(order_lines.c.position)
        )
        lines = [
            OrderLine(
                Sku(line.sku),
                Quantity(line.quantity),
                from_cents(line.unit_price_cents, row.currency),
            )
            for line in line_rows
        ]
        return Order(
            id,
            CustomerId(row.customer_id),
            lines,
            total=from_cents(row.total_cents, row.currency),
            status=OrderStatus(row.status),
            placed_at=row.placed_at,
            rejection_reason=row.rejection_reason,
            version=row.version,
        )

    async def _insert(self, order: Order) -> None:
        # The values go as parameters, not `.values(...)`: a statement built around its
        # values is coerced and keyed for the cache again on every call.
        await self._connection.execute(
            insert(orders),
            {
                "id": order.id.value,
                "customer_id": order.customer_id.value,
                "status": order.status.value,
                "currency": order.total.currency,
                "total_cents": to_cents(order.total),
                "rejection_reason": order.rejection_reason,
                "placed_at": order.placed_at,
                "version": 1,
            },
        )
        await self._connection.execute(
            insert(order_lines),
            [
                {
                    "order_id": order.id.value,
                    "position": position,
                    "sku": line.sku.value,
                    "quantity": line.quantity.value,
                    "unit_price_cents": to_cents(line.unit_price),
                }
                for position, line in enumerate(order.lines)
            ],
        )

    async def _update(self, order: Order) -> int:
        result = await self._connection.execute(
            update(orders)
            .where(orders.c.id == order.id.value, orders.c.version == order.version)
            .values(
                status=order.status.value,
                rejection_reason=order.rejection_reason,
                version=order.version + 1,
            )
        )
        return result.rowcount
