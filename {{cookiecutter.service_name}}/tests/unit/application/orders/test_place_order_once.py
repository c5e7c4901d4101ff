"""An order placed with an idempotency key is placed once, however often it is sent."""

import pytest

from {{cookiecutter.package_name}}.application.errors import (
    IdempotencyKeyReusedError,
    NotFoundError,
)
from {{cookiecutter.package_name}}.application.use_cases.orders import PlaceOrderHandler
from {{cookiecutter.package_name}}.application.use_cases.orders.place_order import PLACE_ORDER
from {{cookiecutter.package_name}}.domain.orders import OrderId, OrderStatus

from tests.unit.application.fakes import FixedClock
from tests.unit.application.orders.builders import a_command_line, place_order
from tests.unit.application.orders.fakes import FakeOrdersUnitOfWork
from tests.unit.domain.orders.builders import PLACED_AT, an_order

KEY = "7f1c7a52-0d3b-4a8e-9f57-4c1d2b3e4f50"


def a_handler(uow: FakeOrdersUnitOfWork) -> PlaceOrderHandler:
    return PlaceOrderHandler(uow, FixedClock(PLACED_AT))


async def test_the_same_command_sent_again_places_no_second_order() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    command = place_order(a_command_line("A-1", quantity=2), idempotency_key=KEY)

    first = await handler.execute(command)
    again = await handler.execute(command)

    assert again == first
    assert list(uow.orders.stored) == [OrderId(first.order_id)]
    assert len(uow.published) == 1, "one OrderPlaced"


async def test_the_answer_again_shows_the_order_as_it_stands_now() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    command = place_order(idempotency_key=KEY)
    first = await handler.execute(command)
    order_id = OrderId(first.order_id)
    uow.orders.stored[order_id] = an_order(OrderStatus.APPROVED, order_id=order_id)

    again = await handler.execute(command)

    assert (again.order_id, again.status) == (first.order_id, OrderStatus.APPROVED.value)


async def test_without_a_key_each_command_places_an_order() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    command = place_order()

    await handler.execute(command)
    await handler.execute(command)

    assert len(uow.orders.stored) == 2
    assert uow.requests.stored == {}


async def test_one_key_with_another_command_is_refused_and_places_nothing() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    await handler.execute(place_order(a_command_line(quantity=1), idempotency_key=KEY))

    with pytest.raises(IdempotencyKeyReusedError, match=f"idempotency key '{KEY}'"):
        await handler.execute(place_order(a_command_line(quantity=2), idempotency_key=KEY))

    assert len(uow.orders.stored) == 1


async def test_each_key_places_its_own_order() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)

    first = await handler.execute(place_order(idempotency_key="key-1"))
    second = await handler.execute(place_order(idempotency_key="key-2"))

    assert first.order_id != second.order_id
    assert len(uow.orders.stored) == 2


async def test_a_request_committed_meanwhile_with_the_key_answers_for_both() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    command = place_order(idempotency_key=KEY)
    earlier = await handler.execute(command)
    # Another process placed it between this one's look-up and its commit.
    stored = uow.requests.stored.pop((PLACE_ORDER, KEY))
    first_commit = uow.commit

    async def commit_after_the_other() -> None:
        uow.requests.stored[PLACE_ORDER, KEY] = stored
        uow.commit = first_commit  # type: ignore[method-assign]
        await first_commit()

    uow.commit = commit_after_the_other  # type: ignore[method-assign]

    view = await handler.execute(command)

    assert view.order_id == earlier.order_id
    assert list(uow.orders.stored) == [OrderId(earlier.order_id)], "nothing more was stored"


async def test_the_same_order_written_otherwise_is_the_same_request() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    written = [
        place_order(a_command_line("A-1", unit_price=price), idempotency_key=KEY)
        for price in ("10", "10.0", "10.00")
    ]

    views = [await handler.execute(command) for command in written]

    assert len({view.order_id for view in views}) == 1


async def test_a_key_whose_order_is_gone_is_not_found() -> None:
    uow = FakeOrdersUnitOfWork()
    handler = a_handler(uow)
    command = place_order(idempotency_key=KEY)
    view = await handler.execute(command)
    del uow.orders.stored[OrderId(view.order_id)]

    with pytest.raises(NotFoundError, match="placed with this idempotency key, is gone"):
        await handler.execute(command)
