from typing import Protocol

from {{cookiecutter.package_name}}.application.ports.order_repository import OrderRepository
from {{cookiecutter.package_name}}.application.ports.unit_of_work import UnitOfWork


class OrdersUnitOfWork(UnitOfWork, Protocol):
    """A unit of work over orders: what the order use cases load and change commits at once."""

    @property
    def orders(self) -> OrderRepository: ...
