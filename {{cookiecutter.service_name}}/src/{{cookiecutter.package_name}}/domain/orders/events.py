"""What happens to an order, in the model's own terms.

Other services never see these classes: they hear of them as versioned integration events,
translated at the service's edge, so these stay free to change.
"""

from dataclasses import dataclass

from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.orders.values import CustomerId, OrderId
from {{cookiecutter.package_name}}.domain.shared.money import Money


@dataclass(frozen=True)
class OrderPlaced(DomainEvent):
    """An order awaits the customer's credit for its total."""

    order_id: OrderId
    customer_id: CustomerId
    total: Money


@dataclass(frozen=True)
class OrderApproved(DomainEvent):
    """The customer's credit covered the order."""

    order_id: OrderId
    customer_id: CustomerId


@dataclass(frozen=True)
class OrderRejected(DomainEvent):
    """The order was turned down, for the reason given."""

    order_id: OrderId
    customer_id: CustomerId
    reason: str


@dataclass(frozen=True)
class OrderCancelled(DomainEvent):
    """The order was withdrawn; credit reserved for its total is to be released."""

    order_id: OrderId
    customer_id: CustomerId
    total: Money
