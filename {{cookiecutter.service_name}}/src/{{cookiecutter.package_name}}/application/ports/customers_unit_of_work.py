from typing import Protocol

from {{cookiecutter.package_name}}.application.ports.customer_repository import CustomerRepository
from {{cookiecutter.package_name}}.application.ports.unit_of_work import UnitOfWork


class CustomersUnitOfWork(UnitOfWork, Protocol):
    """A unit of work over customers."""

    @property
    def customers(self) -> CustomerRepository: ...
