"""Order events leave the service translated into the published language."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from {{cookiecutter.package_name}}.adapters.outbound.messaging.order_events import (
    PUBLISHED,
    to_integration_event,
)
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.orders import (
    OrderApproved,
    OrderCancelled,
    OrderPlaced,
    OrderRejected,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money

from tests.unit.domain.orders.builders import CUSTOMER_ID, ORDER_ID, PLACED_AT, money

IDS = {"order_id": str(ORDER_ID), "customer_id": str(CUSTOMER_ID)}
AT = {"occurred_at": "2030-01-01T12:00:00Z"}


@dataclass(frozen=True)
class OrderNoteTaken(DomainEvent):
    """An event the order service keeps to itself."""

    note: str


@pytest.mark.parametrize(
    ("event", "event_type", "payload"),
    [
        pytest.param(
            OrderPlaced(
                order_id=ORDER_ID,
                customer_id=CUSTOMER_ID,
                total=money("12.50"),
                occurred_at=PLACED_AT,
            ),
            "orders.order_placed",
            {**IDS, "total": {"amount": "12.50", "currency": "EUR"}, **AT},
            id="placed",
        ),
        pytest.param(
            OrderApproved(order_id=ORDER_ID, customer_id=CUSTOMER_ID, occurred_at=PLACED_AT),
            "orders.order_approved",
            {**IDS, **AT},
            id="approved",
        ),
        pytest.param(
            OrderRejected(
                order_id=ORDER_ID,
                customer_id=CUSTOMER_ID,
                reason="credit limit exceeded",
                occurred_at=PLACED_AT,
            ),
            "orders.order_rejected",
            {**IDS, "reason": "credit limit exceeded", **AT},
            id="rejected",
        ),
        pytest.param(
            OrderCancelled(
                order_id=ORDER_ID,
                customer_id=CUSTOMER_ID,
                total=money("7.00"),
                occurred_at=PLACED_AT,
            ),
            "orders.order_cancelled",
            {**IDS, "total": {"amount": "7.00", "currency": "EUR"}, **AT},
            id="cancelled",
        ),
    ],
)
def test_each_order_event_is_published_as_its_message_keyed_by_the_order(
    event: DomainEvent, event_type: str, payload: dict[str, Any]
) -> None:
    message = to_integration_event(event)

    assert message is not None
    assert (message.type, message.version, message.key) == (event_type, 1, str(ORDER_ID))
    assert message.payload == payload
    PUBLISHED[f"{event_type}.v1"].model_validate(message.payload)


def test_an_event_that_stays_in_the_service_is_not_published() -> None:
    event = OrderNoteTaken(note="gift wrap", occurred_at=PLACED_AT)

    assert to_integration_event(event) is None


def test_an_amount_travels_with_two_decimal_places_never_in_exponent_notation() -> None:
    total = Money(Decimal("1E+2"), "EUR")
    event = OrderPlaced(
        order_id=ORDER_ID, customer_id=CUSTOMER_ID, total=total, occurred_at=PLACED_AT
    )

    message = to_integration_event(event)

    assert message is not None
    assert message.payload["total"] == {"amount": "100.00", "currency": "EUR"}


def test_a_time_keeps_its_offset() -> None:
    paris = timezone(timedelta(hours=1))
    at = datetime(2030, 1, 1, 13, tzinfo=paris)
    event = OrderApproved(order_id=ORDER_ID, customer_id=CUSTOMER_ID, occurred_at=at)

    message = to_integration_event(event)

    assert message is not None
    assert message.payload["occurred_at"] == "2030-01-01T13:00:00+01:00"
    assert datetime.fromisoformat(message.payload["occurred_at"]) == PLACED_AT.astimezone(UTC)
