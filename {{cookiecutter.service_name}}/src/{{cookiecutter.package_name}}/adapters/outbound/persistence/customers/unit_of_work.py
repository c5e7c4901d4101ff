from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from {{cookiecutter.package_name}}.adapters.outbound.persistence.customers.repository import (
    SqlAlchemyCustomerRepository,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import ChangeTracker
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
)
from {{cookiecutter.package_name}}.application.ports.customer_repository import CustomerRepository


class SqlAlchemyCustomersUnitOfWork(SqlAlchemyUnitOfWork):
    """The `CustomersUnitOfWork` port: the customers repository inside one transaction."""

    _customers: SqlAlchemyCustomerRepository | None = None

    def _open_repositories(self, connection: AsyncConnection) -> Sequence[ChangeTracker]:
        self._customers = SqlAlchemyCustomerRepository(connection)
        return (self._customers,)

    @property
    def customers(self) -> CustomerRepository:
        return self._in_block(self._customers)
