from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.ports.customers_unit_of_work import (
    CustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.customer_view import (
    CustomerView,
    view_of,
)
from {{cookiecutter.package_name}}.domain.customers import CustomerId


@dataclass(frozen=True, slots=True)
class GetCustomer:
    """Query: a customer, with their credit and reservations."""

    customer_id: UUID


class GetCustomerHandler:
    """Reads one customer; changes nothing."""

    def __init__(self, uow: CustomersUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, command: GetCustomer) -> CustomerView:
        async with self._uow:
            customer = await self._uow.customers.get(CustomerId(command.customer_id))
            if customer is None:
                raise NotFoundError(f"customer {command.customer_id} does not exist")
            return view_of(customer)
