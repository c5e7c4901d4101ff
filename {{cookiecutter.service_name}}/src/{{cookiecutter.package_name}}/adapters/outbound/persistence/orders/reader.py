from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.failures import (
    translated_failures,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.money import amount_from_cents
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.tables import (
    order_lines,
    orders,
)
from {{cookiecutter.package_name}}.application.ports.order_reader import (
    OrderLineView,
    OrderPage,
    OrderView,
)


class SqlAlchemyOrderReader:
    """The `OrderReader` port: queries straight from the tables into views.

    The read side bypasses the aggregate: no invariants to keep, no events to record,
    just the rows a client asked for.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get_order(self, order_id: UUID) -> OrderView | None:
        async with translated_failures, self._engine.connect() as connection:
            row = (
                await connection.execute(select(orders).where(orders.c.id == order_id))
            ).one_or_none()
            if row is None:
                return None
            line_rows = await _line_rows(connection, [row])
        return _views([row], line_rows)[0]

    async def list_orders(
        self, *, customer_id: UUID | None, status: str | None, limit: int, offset: int
    ) -> OrderPage:
        conditions = []
        if customer_id is not None:
            conditions.append(orders.c.customer_id == customer_id)
        if status is not None:
            conditions.append(orders.c.status == status)
        async with translated_failures, self._engine.connect() as connection:
            total = (
                await connection.execute(
                    select(func.count()).select_from(orders).where(*conditions)
                )
            ).scalar_one()
            rows = (
                await connection.execute(
                    select(orders)
                    .where(*conditions)
                    .order_by(orders.c.placed_at.desc(), orders.c.id)
                    .limit(limit)
                    .offset(offset)
                )
            ).all()
            line_rows = await _line_rows(connection, rows)
        items = _views(rows, line_rows)
        return OrderPage(items=tuple(items), total=total, limit=limit, offset=offset)


async def _line_rows(connection: AsyncConnection, rows: Sequence[Row[Any]]) -> Sequence[Row[Any]]:
    """The lines of these order rows, in one query, in order within each order."""
    if not rows:
        return []
    # One order (the common read) by equality: cheaper to plan than IN with one value.
    of_these_orders = (
        order_lines.c.order_id == rows[0].id
        if len(rows) == 1
        else order_lines.c.order_id.in_([row.id for row in rows])
    )
    lines = await connection.execute(
        select(order_lines)
        .where(of_these_orders)
        .order_by(order_lines.c.order_id, order_lines.c.position)
    )
    return lines.all()


def _views(rows: Sequence[Row[Any]], line_rows: Sequence[Row[Any]]) -> list[OrderView]:
    """Views of these order rows and their lines, built after the connection went back to
    the pool: it is held for the queries only."""
    lines: defaultdict[UUID, list[OrderLineView]] = defaultdict(list)
    for line in line_rows:
        unit_price = amount_from_cents(line.unit_price_cents)
        lines[line.order_id].append(
            OrderLineView(
                sku=line.sku,
                quantity=line.quantity,
                unit_price=unit_price,
                line_total=unit_price * line.quantity,
            )
        )
    return [
        OrderView(
            order_id=row.id,
            customer_id=row.customer_id,
            status=row.status,
            currency=row.currency,
            total=amount_from_cents(row.total_cents),
            lines=tuple(lines[row.id]),
            placed_at=row.placed_at,
            rejection_reason=row.rejection_reason,
            version=row.version,
        )
        for row in rows
    ]
