from typing import Protocol

from {{cookiecutter.package_name}}.application.ports.repository import Repository
from {{cookiecutter.package_name}}.domain.orders import Order, OrderId


class OrderRepository(Repository[Order, OrderId], Protocol):
    """All orders, as a collection: load one by its id, or add a new one.

    Changes are written when the unit of work that handed out the repository commits.
    """
