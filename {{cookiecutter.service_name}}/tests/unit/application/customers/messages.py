"""The saga's messages, as commands to the customer side's use cases."""

from decimal import Decimal
from uuid import UUID, uuid4

from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCredit,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    ReserveCredit,
)
from {{cookiecutter.package_name}}.domain.customers import Customer


def order_placed(
    customer: Customer | UUID,
    amount: str = "30.00",
    *,
    order_id: UUID | None = None,
    currency: str = "EUR",
) -> ReserveCredit:
    """The order service's "order placed", for a customer or a bare customer id."""
    return ReserveCredit(
        order_id=order_id or uuid4(),
        customer_id=_id_of(customer),
        amount=Decimal(amount),
        currency=currency,
    )


def order_cancelled(placed: ReserveCredit) -> ReleaseCredit:
    """The order service's "order cancelled" for an order placed earlier."""
    return ReleaseCredit(order_id=placed.order_id, customer_id=placed.customer_id)


def _id_of(customer: Customer | UUID) -> UUID:
    return customer if isinstance(customer, UUID) else customer.id.value
