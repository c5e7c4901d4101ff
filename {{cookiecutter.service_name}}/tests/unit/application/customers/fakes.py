"""In-memory customers for use-case tests, on the common fake unit of work."""

from {{cookiecutter.package_name}}.domain.customers import Customer, CustomerId

from tests.unit.application.fake_unit_of_work import FakeRepository, FakeUnitOfWork


class FakeCustomerRepository(FakeRepository[Customer, CustomerId]):
    """The `CustomerRepository` port, kept in memory."""


class FakeCustomersUnitOfWork(FakeUnitOfWork):
    """The `CustomersUnitOfWork` port; the given customers are already stored."""

    def __init__(self, *customers: Customer) -> None:
        self._customers = FakeCustomerRepository(*customers)
        super().__init__(self._customers)

    @property
    def customers(self) -> FakeCustomerRepository:
        return self._customers
