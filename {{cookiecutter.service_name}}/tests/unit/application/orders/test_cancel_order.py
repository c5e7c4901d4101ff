from decimal import Decimal
from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.errors import (
    ConcurrencyConflictError,
    NotFoundError,
)
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    CancelOrder,
    CancelOrderHandler,
)
from {{cookiecutter.package_name}}.domain.orders import (
    IllegalOrderTransitionError,
    Order,
    OrderCancelled,
    OrderStatus,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork, OrdersChangedMeanwhile
from tests.unit.domain.orders.builders import CUSTOMER_ID, LATER, ORDER_ID, a_line, an_order


def a_handler(uow: FakeOrdersUnitOfWork) -> CancelOrderHandler:
    return CancelOrderHandler(uow, FixedClock(LATER))


async def test_cancelling_an_approved_order_stores_it_cancelled() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.APPROVED))

    view = await a_handler(uow).execute(CancelOrder(ORDER_ID.value))

    assert uow.committed
    assert uow.orders.stored[ORDER_ID].status is OrderStatus.CANCELLED
    assert view.status == "cancelled"


async def test_the_cancellation_is_published_with_the_total_to_release() -> None:
    order = an_order(OrderStatus.APPROVED, lines=[a_line(quantity=4, unit_price="2.50")])
    uow = FakeOrdersUnitOfWork(order)

    await a_handler(uow).execute(CancelOrder(ORDER_ID.value))

    [event] = uow.published
    assert event == OrderCancelled(
        order_id=ORDER_ID,
        customer_id=CUSTOMER_ID,
        total=Money(Decimal("10.00"), "EUR"),
        occurred_at=LATER,
        event_id=event.event_id,
    )


async def test_cancelling_a_cancelled_order_again_publishes_nothing() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.CANCELLED))

    view = await a_handler(uow).execute(CancelOrder(ORDER_ID.value))

    assert view.status == "cancelled"
    assert view.version == 1
    assert uow.published == []


async def test_cancelling_an_unknown_order_is_not_found() -> None:
    uow = FakeOrdersUnitOfWork()
    unknown = UUID("00000000-0000-4000-8000-00000000dead")

    with pytest.raises(NotFoundError, match=f"order {unknown} does not exist"):
        await a_handler(uow).execute(CancelOrder(unknown))


async def test_cancelling_a_rejected_order_is_refused_and_nothing_is_committed() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.REJECTED))

    with pytest.raises(IllegalOrderTransitionError, match="cannot cancel"):
        await a_handler(uow).execute(CancelOrder(ORDER_ID.value))

    assert not uow.committed
    assert uow.orders.stored[ORDER_ID].status is OrderStatus.REJECTED
    assert uow.published == []


def cancelled_by_another_request(order: Order) -> None:
    order.cancel(at=LATER)


async def test_a_cancellation_that_meets_another_change_is_tried_again_on_the_new_order() -> None:
    uow = OrdersChangedMeanwhile(
        an_order(OrderStatus.PENDING), changes={ORDER_ID: cancelled_by_another_request}
    )

    view = await a_handler(uow).execute(CancelOrder(ORDER_ID.value))

    assert (view.status, view.version) == ("cancelled", 2)
    assert uow.published == []  # the other request's cancellation was the one announced


async def test_a_cancellation_that_keeps_meeting_other_changes_gives_up() -> None:
    uow = OrdersChangedMeanwhile(
        an_order(OrderStatus.PENDING),
        changes={ORDER_ID: cancelled_by_another_request},
        times=CancelOrderHandler.ATTEMPTS,
    )

    with pytest.raises(ConcurrencyConflictError):
        await a_handler(uow).execute(CancelOrder(ORDER_ID.value))
