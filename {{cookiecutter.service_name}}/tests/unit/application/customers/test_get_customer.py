from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.use_cases.customers.customer_view import (
    CreditReservationView,
    CustomerView,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.get_customer import (
    GetCustomer,
    GetCustomerHandler,
)
from {{cookiecutter.package_name}}.domain.customers import OrderReference

from tests.unit.application.customers.fakes import FakeCustomersUnitOfWork
from tests.unit.domain.customers.builders import a_customer, eur


async def test_a_customer_is_shown_with_their_reservations_sorted_by_order() -> None:
    later, earlier = (
        OrderReference(UUID("00000000-0000-0000-0000-000000000002")),
        OrderReference(UUID("00000000-0000-0000-0000-000000000001")),
    )
    customer = a_customer(
        name="Ada Lovelace",
        credit_limit="100.00",
        reservations={later: eur("20.00"), earlier: eur("10.00")},
    )
    handler = GetCustomerHandler(FakeCustomersUnitOfWork(customer))

    view = await handler.execute(GetCustomer(customer.id.value))

    assert view == CustomerView(
        customer_id=customer.id.value,
        name="Ada Lovelace",
        currency="EUR",
        credit_limit=Decimal("100.00"),
        available_credit=Decimal("70.00"),
        reservations=(
            CreditReservationView(earlier.value, Decimal("10.00")),
            CreditReservationView(later.value, Decimal("20.00")),
        ),
        version=1,
    )


async def test_reading_a_customer_changes_nothing() -> None:
    customer = a_customer()
    uow = FakeCustomersUnitOfWork(customer)

    await GetCustomerHandler(uow).execute(GetCustomer(customer.id.value))

    assert not uow.committed
    assert uow.published == []


async def test_an_unknown_customer_is_not_found() -> None:
    missing = uuid4()
    handler = GetCustomerHandler(FakeCustomersUnitOfWork())

    with pytest.raises(NotFoundError, match=f"customer {missing} does not exist"):
        await handler.execute(GetCustomer(missing))
