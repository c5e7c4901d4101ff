import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.tables import (
    order_lines,
    orders,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.unit_of_work import (
    SqlAlchemyOrdersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.errors import ConcurrencyConflictError
from {{cookiecutter.package_name}}.domain.orders import Order, OrderId, OrderStatus

from tests.integration.persistence.orders.conftest import PLACED_AT, an_order, store
from tests.integration.persistence.query_plans import (
    partial_indexes,
    statements_run,
    what_the_plan_reads,
)
from tests.outbox import outbox_contents

UnitOfWorkFactory = Callable[[], SqlAlchemyOrdersUnitOfWork]
LATER = datetime(2030, 1, 2, tzinfo=UTC)


async def load(unit_of_work: SqlAlchemyOrdersUnitOfWork, order_id: OrderId) -> Order | None:
    async with unit_of_work:
        return await unit_of_work.orders.get(order_id)


async def test_a_placed_order_comes_back_as_it_was_stored(unit_of_work: UnitOfWorkFactory) -> None:
    order = an_order()

    await store(unit_of_work(), order)
    loaded = await load(unit_of_work(), order.id)

    assert loaded is not None
    assert loaded.customer_id == order.customer_id
    assert [(line.sku, line.quantity, line.unit_price) for line in loaded.lines] == [
        (line.sku, line.quantity, line.unit_price) for line in order.lines
    ]
    assert loaded.total == order.total
    assert loaded.status is OrderStatus.PENDING
    assert loaded.placed_at == order.placed_at
    assert loaded.version == 1
    assert loaded.pending_events == ()


async def test_storing_an_order_writes_its_announcement_to_the_outbox_in_the_same_commit(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    order = an_order()

    await store(unit_of_work(), order)

    assert [(entry.type, entry.aggregate_id) for entry in await outbox_contents(engine)] == [
        ("orders.order_placed", str(order.id))
    ]


async def test_a_changed_order_is_stored_with_its_new_state_and_version(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    order = an_order()
    await store(unit_of_work(), order)

    uow = unit_of_work()
    async with uow:
        loaded = await uow.orders.get(order.id)
        assert loaded is not None
        loaded.reject("credit limit exceeded", at=LATER)
        await uow.commit()
    stored = await load(unit_of_work(), order.id)

    assert stored is not None
    assert stored.status is OrderStatus.REJECTED
    assert stored.rejection_reason == "credit limit exceeded"
    assert stored.version == 2


async def test_of_two_concurrent_changes_to_one_order_exactly_one_wins(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    order = an_order()
    await store(unit_of_work(), order)
    both_loaded = asyncio.Barrier(2)

    async def change(how: str) -> str:
        uow = unit_of_work()
        async with uow:
            loaded = await uow.orders.get(order.id)
            assert loaded is not None
            loaded.approve(at=LATER) if how == "approve" else loaded.cancel(at=LATER)
            await both_loaded.wait()  # neither commits before both have read version 1
            try:
                await uow.commit()
            except ConcurrencyConflictError:
                return "conflict"
        return how

    outcomes = await asyncio.gather(change("approve"), change("cancel"))
    stored = await load(unit_of_work(), order.id)

    assert sorted(outcome == "conflict" for outcome in outcomes) == [False, True]
    winner = next(outcome for outcome in outcomes if outcome != "conflict")
    assert stored is not None
    assert stored.status is (OrderStatus.APPROVED if winner == "approve" else OrderStatus.CANCELLED)
    assert stored.version == 2


async def test_an_unknown_order_is_not_found(unit_of_work: UnitOfWorkFactory) -> None:
    assert await load(unit_of_work(), OrderId.new()) is None


async def pending_placed_before(
    unit_of_work: SqlAlchemyOrdersUnitOfWork, before: datetime, limit: int = 10
) -> list[OrderId]:
    async with unit_of_work:
        return await unit_of_work.orders.pending_placed_before(before, limit)


async def test_the_orders_pending_since_before_a_time_come_oldest_first(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    oldest = an_order(at=PLACED_AT)
    newer = an_order(at=PLACED_AT + timedelta(minutes=1))
    at_the_deadline = an_order(at=PLACED_AT + timedelta(minutes=2))
    settled = an_order(at=PLACED_AT - timedelta(minutes=1))
    for order in (newer, at_the_deadline, oldest, settled):
        await store(unit_of_work(), order)
    uow = unit_of_work()
    async with uow:
        approved = await uow.orders.get(settled.id)
        assert approved is not None
        approved.approve(at=LATER)
        await uow.commit()
    deadline = PLACED_AT + timedelta(minutes=2)

    assert await pending_placed_before(unit_of_work(), deadline) == [oldest.id, newer.id]
    assert await pending_placed_before(unit_of_work(), deadline, limit=1) == [oldest.id]


async def test_the_deadlines_question_reads_no_settled_order(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine
) -> None:
    # Asked every minute, while settled orders pile up for good.
    async with engine.begin() as connection:
        await connection.execute(insert(orders), [settled_row() for _ in range(2_000)])
    await store(unit_of_work(), an_order())

    with statements_run(engine) as statements:
        await pending_placed_before(unit_of_work(), LATER)

    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text("ANALYZE orders"))
        pending_only = await partial_indexes(connection)
        plans = [
            await what_the_plan_reads(connection, sql, args)
            for sql, args in statements
            if sql.startswith("SELECT")
        ]

    assert plans == [["ix_orders_pending_placed_at"]]
    assert "ix_orders_pending_placed_at" in pending_only


def settled_row() -> dict[str, object]:
    return {
        "id": uuid4(),
        "customer_id": uuid4(),
        "status": OrderStatus.APPROVED.value,
        "currency": "EUR",
        "total_cents": 1000,
        "rejection_reason": None,
        "placed_at": PLACED_AT,
        "version": 2,
    }


async def test_the_database_refuses_a_line_of_an_order_it_does_not_have(
    engine: AsyncEngine,
) -> None:
    # SQLite checks foreign keys only when each connection asks it to (`database.py`).
    line = {"order_id": uuid4(), "position": 0, "sku": "BOOK-1", "quantity": 1}
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(insert(order_lines), line | {"unit_price_cents": 100})
