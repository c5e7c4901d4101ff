"""The saga's deadline: an order that waited too long for its answer is cancelled."""

import logging
from datetime import datetime, timedelta
from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.errors import ConcurrencyConflictError
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    MessageContext,
    current_message_context,
)
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    CancelOverdueOrders,
    CancelOverdueOrdersHandler,
)
from {{cookiecutter.package_name}}.domain.orders import Order, OrderCancelled, OrderId, OrderStatus

from tests.messaging import ContextOfEachLog
from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork, OrdersChangedMeanwhile
from tests.unit.domain.orders.builders import PLACED_AT, an_order

TIMEOUT = timedelta(minutes=60)
DEADLINE = PLACED_AT + TIMEOUT


def order_number(
    number: int, status: OrderStatus = OrderStatus.PENDING, placed_at: datetime = PLACED_AT
) -> Order:
    return an_order(status, order_id=OrderId(UUID(int=number)), placed_at=placed_at)


def a_handler(
    uow: FakeOrdersUnitOfWork, *, now: datetime = DEADLINE + timedelta(minutes=1)
) -> CancelOverdueOrdersHandler:
    return CancelOverdueOrdersHandler(uow, FixedClock(now), answer_within=TIMEOUT, batch_size=10)


def statuses(uow: FakeOrdersUnitOfWork) -> dict[int, OrderStatus]:
    return {order_id.value.int: order.status for order_id, order in uow.orders.stored.items()}


async def test_an_order_pending_past_its_deadline_is_cancelled_and_announced() -> None:
    uow = FakeOrdersUnitOfWork(order_number(1))

    assert await a_handler(uow).execute(CancelOverdueOrders()) == 1

    assert statuses(uow) == {1: OrderStatus.CANCELLED}
    [event] = uow.published
    assert isinstance(event, OrderCancelled)
    assert event.order_id == OrderId(UUID(int=1))


async def test_an_order_still_within_its_deadline_keeps_waiting() -> None:
    uow = FakeOrdersUnitOfWork(order_number(1))

    cancelled = await a_handler(uow, now=DEADLINE).execute(CancelOverdueOrders())

    assert cancelled == 0
    assert statuses(uow) == {1: OrderStatus.PENDING}
    assert uow.published == []


async def test_orders_already_settled_are_left_as_they_are() -> None:
    uow = FakeOrdersUnitOfWork(
        order_number(1, OrderStatus.APPROVED),
        order_number(2, OrderStatus.REJECTED),
        order_number(3, OrderStatus.CANCELLED),
    )

    assert await a_handler(uow).execute(CancelOverdueOrders()) == 0

    assert statuses(uow) == {
        1: OrderStatus.APPROVED,
        2: OrderStatus.REJECTED,
        3: OrderStatus.CANCELLED,
    }
    assert uow.published == []


async def test_batches_follow_one_another_until_no_order_is_overdue() -> None:
    uow = FakeOrdersUnitOfWork(*(order_number(number) for number in range(1, 26)))

    assert await a_handler(uow).execute(CancelOverdueOrders()) == 25

    assert set(statuses(uow).values()) == {OrderStatus.CANCELLED}
    assert uow.commits == 25


def approved_by_its_answer(order: Order) -> None:
    order.approve(at=DEADLINE)


async def test_an_order_answered_meanwhile_keeps_its_answer_and_the_others_are_cancelled() -> None:
    uow = OrdersChangedMeanwhile(
        order_number(1), order_number(2), changes={OrderId(UUID(int=1)): approved_by_its_answer}
    )

    assert await a_handler(uow).execute(CancelOverdueOrders()) == 1

    assert statuses(uow) == {1: OrderStatus.APPROVED, 2: OrderStatus.CANCELLED}


class ConflictsForever(FakeOrdersUnitOfWork):
    """A unit of work whose every commit meets a concurrent change, leaving orders PENDING."""

    async def commit(self) -> None:
        raise ConcurrencyConflictError("changed by someone else")


async def test_a_whole_batch_that_cannot_be_cancelled_ends_the_round() -> None:
    uow = ConflictsForever(*(order_number(number) for number in range(1, 11)))

    assert await a_handler(uow).execute(CancelOverdueOrders()) == 0

    assert set(statuses(uow).values()) == {OrderStatus.PENDING}


async def test_each_cancellation_is_committed_and_logged_in_a_flow_of_its_own(
    caplog: pytest.LogCaptureFixture,
) -> None:
    uow = FakeOrdersUnitOfWork(order_number(1), order_number(2))
    committed_in: list[MessageContext | None] = []
    commit = uow.commit

    async def commit_noting_the_flow() -> None:
        committed_in.append(current_message_context())
        await commit()

    uow.commit = commit_noting_the_flow  # type: ignore[method-assign]
    caplog.set_level(logging.INFO, logger=CancelOverdueOrdersHandler.__module__)
    logs = ContextOfEachLog()
    logging.getLogger(CancelOverdueOrdersHandler.__module__).addHandler(logs)
    try:
        await a_handler(uow).execute(CancelOverdueOrders())
    finally:
        logging.getLogger(CancelOverdueOrdersHandler.__module__).removeHandler(logs)

    assert [line for line, _ in logs.seen] == [
        f"order {UUID(int=number)} cancelled: no answer about credit in 60 minutes"
        for number in (1, 2)
    ]
    assert [context for _, context in logs.seen] == committed_in
    assert None not in committed_in
    assert len({context.correlation_id for context in committed_in if context}) == 2
