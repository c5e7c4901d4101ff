from dataclasses import replace
from decimal import Decimal

import pytest

from {{cookiecutter.package_name}}.application.errors import (
    IdempotencyKeyReusedError,
    NotFoundError,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.register_customer import (
    REGISTER_CUSTOMER,
    RegisterCustomer,
    RegisterCustomerHandler,
)
from {{cookiecutter.package_name}}.domain.building_blocks import DomainError
from {{cookiecutter.package_name}}.domain.customers import (
    CustomerId,
    CustomerName,
    CustomerRegistered,
    InvalidCreditLimitError,
    InvalidCustomerNameError,
)
from {{cookiecutter.package_name}}.domain.shared.money import InvalidMoneyError

from tests.unit.application.customers.fakes import FakeCustomersUnitOfWork
from tests.unit.application.fakes import FixedClock
from tests.unit.domain.customers.builders import NOON, eur


def a_registration(
    *, name: str = "Ada Lovelace", credit_limit: str = "500.00", currency: str = "EUR"
) -> RegisterCustomer:
    return RegisterCustomer(name=name, credit_limit=Decimal(credit_limit), currency=currency)


async def test_a_registered_customer_is_stored_with_all_their_credit_available() -> None:
    uow = FakeCustomersUnitOfWork()
    handler = RegisterCustomerHandler(uow, FixedClock(NOON))

    view = await handler.execute(a_registration(name="  Ada Lovelace "))

    stored = uow.customers.stored[CustomerId(view.customer_id)]
    assert stored.name == CustomerName("Ada Lovelace")
    assert stored.credit_limit == eur("500.00")
    assert (view.name, view.currency, view.credit_limit, view.available_credit) == (
        "Ada Lovelace",
        "EUR",
        Decimal("500.00"),
        Decimal("500.00"),
    )
    assert view.reservations == ()
    assert view.version == 1


async def test_registering_a_customer_publishes_customer_registered_after_commit() -> None:
    uow = FakeCustomersUnitOfWork()
    handler = RegisterCustomerHandler(uow, FixedClock(NOON))

    view = await handler.execute(a_registration())

    assert uow.committed
    assert [type(event) for event in uow.published] == [CustomerRegistered]
    registered = uow.published[0]
    assert isinstance(registered, CustomerRegistered)
    assert registered.customer_id == CustomerId(view.customer_id)
    assert registered.credit_limit == eur("500.00")
    assert registered.occurred_at == NOON


@pytest.mark.parametrize(
    ("registration", "error"),
    [
        (a_registration(name="   "), InvalidCustomerNameError),
        (a_registration(credit_limit="0"), InvalidCreditLimitError),
        (a_registration(credit_limit="-5"), InvalidMoneyError),
        (a_registration(currency="euro"), InvalidMoneyError),
    ],
)
async def test_an_invalid_registration_is_refused_and_nothing_is_stored(
    registration: RegisterCustomer, error: type[DomainError]
) -> None:
    uow = FakeCustomersUnitOfWork()
    handler = RegisterCustomerHandler(uow, FixedClock(NOON))

    with pytest.raises(error):
        await handler.execute(registration)

    assert uow.customers.stored == {}
    assert uow.published == []


async def test_a_registration_sent_again_with_its_key_registers_no_second_customer() -> None:
    uow = FakeCustomersUnitOfWork()
    handler = RegisterCustomerHandler(uow, FixedClock(NOON))
    command = replace(a_registration(), idempotency_key="signup-1")

    first = await handler.execute(command)
    again = await handler.execute(command)

    assert again == first
    assert list(uow.customers.stored) == [CustomerId(first.customer_id)]
    with pytest.raises(IdempotencyKeyReusedError):
        await handler.execute(replace(command, credit_limit=Decimal("1.00")))


async def test_a_registration_committed_meanwhile_with_the_key_answers_for_both() -> None:
    uow = FakeCustomersUnitOfWork()
    handler = RegisterCustomerHandler(uow, FixedClock(NOON))
    command = replace(a_registration(), idempotency_key="signup-1")
    earlier = await handler.execute(command)
    stored = uow.requests.stored.pop((REGISTER_CUSTOMER, "signup-1"))
    first_commit = uow.commit

    async def commit_after_the_other() -> None:  # the other process commits first
        uow.requests.stored[REGISTER_CUSTOMER, "signup-1"] = stored
        uow.commit = first_commit  # type: ignore[method-assign]
        await first_commit()

    uow.commit = commit_after_the_other  # type: ignore[method-assign]

    view = await handler.execute(command)

    assert view.customer_id == earlier.customer_id
    assert list(uow.customers.stored) == [CustomerId(earlier.customer_id)]


async def test_a_key_whose_customer_is_gone_is_not_found() -> None:
    uow = FakeCustomersUnitOfWork()
    handler = RegisterCustomerHandler(uow, FixedClock(NOON))
    command = replace(a_registration(), idempotency_key="signup-1")
    view = await handler.execute(command)
    del uow.customers.stored[CustomerId(view.customer_id)]

    with pytest.raises(NotFoundError, match="registered with this idempotency key, is gone"):
        await handler.execute(command)
