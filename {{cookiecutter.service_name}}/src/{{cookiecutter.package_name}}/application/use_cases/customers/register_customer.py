from dataclasses import dataclass
from decimal import Decimal

from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.customers_unit_of_work import (
    CustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.customer_view import (
    CustomerView,
    view_of,
)
from {{cookiecutter.package_name}}.domain.customers import Customer, CustomerId, CustomerName
from {{cookiecutter.package_name}}.domain.shared.money import Money


@dataclass(frozen=True, slots=True)
class RegisterCustomer:
    """Command: open an account for a customer who may buy on credit up to `credit_limit`."""

    name: str
    credit_limit: Decimal
    currency: str


class RegisterCustomerHandler:
    """Registers a new customer with a fresh id, and announces it with `CustomerRegistered`."""

    def __init__(self, uow: CustomersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: RegisterCustomer) -> CustomerView:
        customer = Customer.register(
            CustomerId.new(),
            CustomerName.of(command.name),
            Money(command.credit_limit, command.currency),
            at=self._clock.now(),
        )
        async with self._uow:
            self._uow.customers.add(customer)
            await self._uow.commit()
        return view_of(customer)
