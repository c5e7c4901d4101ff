from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    ApproveOrder,
    ApproveOrderHandler,
)
from {{cookiecutter.package_name}}.domain.orders import (
    IllegalOrderTransitionError,
    OrderApproved,
    OrderStatus,
)

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork
from tests.unit.domain.orders.builders import CUSTOMER_ID, LATER, ORDER_ID, an_order


def a_handler(uow: FakeOrdersUnitOfWork) -> ApproveOrderHandler:
    return ApproveOrderHandler(uow, FixedClock(LATER))


async def test_approving_a_pending_order_stores_it_approved() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.PENDING))

    view = await a_handler(uow).execute(ApproveOrder(ORDER_ID.value))

    assert uow.committed
    assert uow.orders.stored[ORDER_ID].status is OrderStatus.APPROVED
    assert view.status == "approved"
    assert view.version == 2


async def test_the_approval_is_published_once_it_is_stored() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.PENDING))

    await a_handler(uow).execute(ApproveOrder(ORDER_ID.value))

    [event] = uow.published
    assert event == OrderApproved(
        order_id=ORDER_ID, customer_id=CUSTOMER_ID, occurred_at=LATER, event_id=event.event_id
    )


async def test_approving_an_unknown_order_is_not_found() -> None:
    uow = FakeOrdersUnitOfWork()
    unknown = UUID("00000000-0000-4000-8000-00000000dead")

    with pytest.raises(NotFoundError, match=f"order {unknown} does not exist"):
        await a_handler(uow).execute(ApproveOrder(unknown))

    assert not uow.committed


async def test_approving_a_cancelled_order_is_refused_and_changes_nothing() -> None:
    uow = FakeOrdersUnitOfWork(an_order(OrderStatus.CANCELLED))

    with pytest.raises(IllegalOrderTransitionError):
        await a_handler(uow).execute(ApproveOrder(ORDER_ID.value))

    assert not uow.committed
    assert uow.orders.stored[ORDER_ID].status is OrderStatus.CANCELLED
    assert uow.published == []
