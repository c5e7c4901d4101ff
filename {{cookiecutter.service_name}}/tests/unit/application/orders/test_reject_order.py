from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    RejectOrder,
    RejectOrderHandler,
)
from {{cookiecutter.package_name}}.domain.orders import (
    IllegalOrderTransitionError,
    InvalidRejectionReasonError,
    OrderRejected,
    OrderStatus,
)

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork
from tests.unit.domain.orders.builders import CUSTOMER_ID, LATER, ORDER_ID, an_order


def a_handler(uow: FakeOrdersUnitOfWork) -> RejectOrderHandler:
    return RejectOrderHandler(uow, FixedClock(LATER))


async def test_rejecting_a_pending_order_stores_it_rejected_with_the_reason() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.PENDING))

    view = await a_handler(uow).execute(RejectOrder(ORDER_ID.value, "out of stock"))

    assert uow.committed
    stored = uow.orders.stored[ORDER_ID]
    assert (stored.status, stored.rejection_reason) == (OrderStatus.REJECTED, "out of stock")
    assert (view.status, view.rejection_reason) == ("rejected", "out of stock")


async def test_the_rejection_is_published_once_it_is_stored() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.PENDING))

    await a_handler(uow).execute(RejectOrder(ORDER_ID.value, "out of stock"))

    [event] = uow.published
    assert event == OrderRejected(
        order_id=ORDER_ID,
        customer_id=CUSTOMER_ID,
        reason="out of stock",
        occurred_at=LATER,
        event_id=event.event_id,
    )


async def test_rejecting_an_unknown_order_is_not_found() -> None:
    uow = FakeOrdersUnitOfWork()
    unknown = UUID("00000000-0000-4000-8000-00000000dead")

    with pytest.raises(NotFoundError, match=f"order {unknown} does not exist"):
        await a_handler(uow).execute(RejectOrder(unknown, "out of stock"))


async def test_a_blank_reason_is_refused_and_nothing_is_committed() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.PENDING))

    with pytest.raises(InvalidRejectionReasonError):
        await a_handler(uow).execute(RejectOrder(ORDER_ID.value, "  "))

    assert not uow.committed
    assert uow.orders.stored[ORDER_ID].status is OrderStatus.PENDING
    assert uow.published == []


async def test_rejecting_an_approved_order_is_refused() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.APPROVED))

    with pytest.raises(IllegalOrderTransitionError, match="it is approved"):
        await a_handler(uow).execute(RejectOrder(ORDER_ID.value, "out of stock"))

    assert not uow.committed
