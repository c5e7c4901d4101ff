from typing import Protocol

from {{cookiecutter.package_name}}.application.ports.repository import Repository
from {{cookiecutter.package_name}}.domain.customers import Customer, CustomerId


class CustomerRepository(Repository[Customer, CustomerId], Protocol):
    """All customers: `get` one by id, `add` a new one; writes happen on commit."""
