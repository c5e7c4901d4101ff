"""Customer events leave the service translated into the published language."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.adapters.outbound.messaging.customer_events import (
    PUBLISHED,
    to_integration_event,
)
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.customers import (
    CreditLimitExceeded,
    CreditRefusedForCurrency,
    CreditRefusedForUnknownCustomer,
    CreditReleased,
    CreditReserved,
    CustomerId,
    CustomerName,
    CustomerRegistered,
    OrderReference,
)
from {{cookiecutter.package_name}}.domain.shared.money import Money

from tests.unit.domain.customers.builders import NOON, eur

CUSTOMER = CustomerId(UUID("00000000-0000-4000-8000-0000000000c1"))
ORDER = OrderReference(UUID("00000000-0000-4000-8000-0000000000a1"))
IDS = {"order_id": str(ORDER), "customer_id": str(CUSTOMER)}
AT = {"occurred_at": "2030-01-01T12:00:00Z"}


@dataclass(frozen=True)
class CustomerNoteTaken(DomainEvent):
    """An event the customer service keeps to itself."""

    note: str


@pytest.mark.parametrize(
    ("event", "event_type", "payload"),
    [
        pytest.param(
            CustomerRegistered(
                customer_id=CUSTOMER,
                customer_name=CustomerName("Ada Lovelace"),
                credit_limit=eur("500.00"),
                occurred_at=NOON,
            ),
            "customers.customer_registered",
            {
                "customer_id": str(CUSTOMER),
                "name": "Ada Lovelace",
                "credit_limit": {"amount": "500.00", "currency": "EUR"},
                **AT,
            },
            id="registered",
        ),
        pytest.param(
            CreditReserved(
                customer_id=CUSTOMER, order_id=ORDER, amount=eur("30.00"), occurred_at=NOON
            ),
            "customers.credit_reserved",
            {**IDS, "amount": {"amount": "30.00", "currency": "EUR"}, **AT},
            id="reserved",
        ),
        pytest.param(
            CreditLimitExceeded(
                customer_id=CUSTOMER,
                order_id=ORDER,
                requested=eur("120.00"),
                available=eur("99.99"),
                occurred_at=NOON,
            ),
            "customers.credit_limit_exceeded",
            {
                **IDS,
                "requested": {"amount": "120.00", "currency": "EUR"},
                "available": {"amount": "99.99", "currency": "EUR"},
                **AT,
            },
            id="limit-exceeded",
        ),
        pytest.param(
            CreditReleased(
                customer_id=CUSTOMER, order_id=ORDER, amount=eur("30.00"), occurred_at=NOON
            ),
            "customers.credit_released",
            {**IDS, "amount": {"amount": "30.00", "currency": "EUR"}, **AT},
            id="released",
        ),
        pytest.param(
            CreditRefusedForUnknownCustomer(customer_id=CUSTOMER, order_id=ORDER, occurred_at=NOON),
            "customers.credit_refused_for_unknown_customer",
            {**IDS, **AT},
            id="unknown-customer",
        ),
        pytest.param(
            CreditRefusedForCurrency(
                customer_id=CUSTOMER,
                order_id=ORDER,
                requested=Money(Decimal("30.00"), "USD"),
                credit_currency="EUR",
                occurred_at=NOON,
            ),
            "customers.credit_refused_for_currency",
            {
                **IDS,
                "requested": {"amount": "30.00", "currency": "USD"},
                "credit_currency": "EUR",
                **AT,
            },
            id="other-currency",
        ),
    ],
)
def test_each_customer_event_is_published_as_its_message_keyed_by_the_customer(
    event: DomainEvent, event_type: str, payload: dict[str, Any]
) -> None:
    message = to_integration_event(event)

    assert message is not None
    assert (message.type, message.version, message.key) == (event_type, 1, str(CUSTOMER))
    assert message.payload == payload
    PUBLISHED[f"{event_type}.v1"].model_validate(message.payload)


def test_an_event_that_stays_in_the_service_is_not_published() -> None:
    event = CustomerNoteTaken(note="prefers invoices by post", occurred_at=NOON)

    assert to_integration_event(event) is None
