"""The order side of the credit saga: how the customer service's answers settle an order."""

import logging
from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.application.event_handlers.credit_answers import (
    CreditAnswerHandler,
    CreditRefusedForOrder,
    CreditReservedForOrder,
)
from {{cookiecutter.package_name}}.application.use_cases.orders import (
    ApproveOrderHandler,
    CancelOrder,
    CancelOrderHandler,
    PlaceOrderHandler,
    RejectOrderHandler,
    ReleaseLateCreditHandler,
)
from {{cookiecutter.package_name}}.domain.orders import (
    OrderApproved,
    OrderId,
    OrderPlaced,
    OrderRejected,
    OrderStatus,
)

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.builders import place_order
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork
from tests.unit.domain.orders.builders import PLACED_AT

LIMIT_EXCEEDED = "credit limit exceeded: 120.00 EUR asked, 100.00 EUR available"
UNKNOWN = UUID("00000000-0000-4000-8000-00000000dead")


class OrderSide:
    """The order service's use cases over one fake unit of work and one clock."""

    def __init__(self) -> None:
        self.uow = FakeOrdersUnitOfWork()
        clock = FixedClock(PLACED_AT)
        self.place = PlaceOrderHandler(self.uow, clock)
        self.cancel = CancelOrderHandler(self.uow, clock)
        self.answers = CreditAnswerHandler(
            ApproveOrderHandler(self.uow, clock),
            RejectOrderHandler(self.uow, clock),
            ReleaseLateCreditHandler(self.uow, clock),
        )

    async def a_placed_order(self) -> UUID:
        return (await self.place.execute(place_order())).order_id

    def status_of(self, order_id: UUID) -> OrderStatus:
        return self.uow.orders.stored[OrderId(order_id)].status

    def published_names(self) -> list[str]:
        return [event.name for event in self.uow.published]


@pytest.fixture
def orders() -> OrderSide:
    return OrderSide()


async def test_an_order_is_approved_when_its_credit_is_reserved(orders: OrderSide) -> None:
    order_id = await orders.a_placed_order()

    await orders.answers.on_credit_reserved(CreditReservedForOrder(order_id))

    assert orders.status_of(order_id) is OrderStatus.APPROVED
    assert [type(event) for event in orders.uow.published] == [OrderPlaced, OrderApproved]


async def test_an_order_is_rejected_with_the_reason_the_customer_side_gave(
    orders: OrderSide,
) -> None:
    order_id = await orders.a_placed_order()

    await orders.answers.on_credit_refused(CreditRefusedForOrder(order_id, LIMIT_EXCEEDED))

    stored = orders.uow.orders.stored[OrderId(order_id)]
    assert (stored.status, stored.rejection_reason) == (OrderStatus.REJECTED, LIMIT_EXCEEDED)
    rejected = orders.uow.published[-1]
    assert isinstance(rejected, OrderRejected)
    assert rejected.reason == LIMIT_EXCEEDED


async def test_a_replayed_credit_reservation_publishes_nothing_new(orders: OrderSide) -> None:
    order_id = await orders.a_placed_order()
    await orders.answers.on_credit_reserved(CreditReservedForOrder(order_id))

    await orders.answers.on_credit_reserved(CreditReservedForOrder(order_id))

    assert orders.status_of(order_id) is OrderStatus.APPROVED
    assert orders.published_names() == ["OrderPlaced", "OrderApproved"]


async def test_a_replayed_credit_refusal_publishes_nothing_new(orders: OrderSide) -> None:
    order_id = await orders.a_placed_order()
    await orders.answers.on_credit_refused(CreditRefusedForOrder(order_id, LIMIT_EXCEEDED))

    await orders.answers.on_credit_refused(CreditRefusedForOrder(order_id, LIMIT_EXCEEDED))

    assert orders.status_of(order_id) is OrderStatus.REJECTED
    assert orders.published_names() == ["OrderPlaced", "OrderRejected"]


async def test_credit_reserved_for_an_order_cancelled_meanwhile_is_handed_back(
    orders: OrderSide,
) -> None:
    order_id = await orders.a_placed_order()
    await orders.cancel.execute(CancelOrder(order_id))

    await orders.answers.on_credit_reserved(CreditReservedForOrder(order_id))

    assert orders.status_of(order_id) is OrderStatus.CANCELLED
    assert orders.published_names() == ["OrderPlaced", "OrderCancelled", "OrderCancelled"]


async def test_credit_reserved_for_a_rejected_order_is_logged_and_ignored(
    orders: OrderSide, caplog: pytest.LogCaptureFixture
) -> None:
    order_id = await orders.a_placed_order()
    await orders.answers.on_credit_refused(CreditRefusedForOrder(order_id, LIMIT_EXCEEDED))

    with caplog.at_level(logging.WARNING):
        await orders.answers.on_credit_reserved(CreditReservedForOrder(order_id))

    assert orders.status_of(order_id) is OrderStatus.REJECTED
    assert orders.published_names() == ["OrderPlaced", "OrderRejected"]
    [record] = caplog.records
    assert f"cannot approve order {order_id}: it is rejected" in record.getMessage()
    assert record.__dict__["order_id"] == str(order_id)


async def test_a_credit_refusal_for_an_order_cancelled_meanwhile_is_ignored(
    orders: OrderSide, caplog: pytest.LogCaptureFixture
) -> None:
    order_id = await orders.a_placed_order()
    await orders.cancel.execute(CancelOrder(order_id))

    with caplog.at_level(logging.WARNING):
        await orders.answers.on_credit_refused(CreditRefusedForOrder(order_id, LIMIT_EXCEEDED))

    assert orders.status_of(order_id) is OrderStatus.CANCELLED
    assert orders.published_names() == ["OrderPlaced", "OrderCancelled"]
    assert "cannot reject" in caplog.text


@pytest.mark.parametrize(
    "answer",
    [
        CreditReservedForOrder(UNKNOWN),
        CreditRefusedForOrder(UNKNOWN, LIMIT_EXCEEDED),
    ],
)
async def test_an_answer_for_an_order_this_service_does_not_have_is_logged_and_ignored(
    orders: OrderSide,
    caplog: pytest.LogCaptureFixture,
    answer: CreditReservedForOrder | CreditRefusedForOrder,
) -> None:
    # Another order service's, read from the stream's history by this new consumer.
    with caplog.at_level(logging.WARNING):
        if isinstance(answer, CreditReservedForOrder):
            await orders.answers.on_credit_reserved(answer)
        else:
            await orders.answers.on_credit_refused(answer)

    assert orders.published_names() == []
    [record] = caplog.records
    assert record.getMessage() == "ignored a credit answer for an order this service does not have"
    assert record.__dict__["order_id"] == str(UNKNOWN)
