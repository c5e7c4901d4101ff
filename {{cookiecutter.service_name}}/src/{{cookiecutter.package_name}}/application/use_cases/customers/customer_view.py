from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from {{cookiecutter.package_name}}.domain.customers import Customer


@dataclass(frozen=True, slots=True)
class CreditReservationView:
    """The credit set aside for one order."""

    order_id: UUID
    amount: Decimal


@dataclass(frozen=True, slots=True)
class CustomerView:
    """A customer as use cases return it: primitives only, reservations sorted by order id."""

    customer_id: UUID
    name: str
    currency: str
    credit_limit: Decimal
    available_credit: Decimal
    reservations: tuple[CreditReservationView, ...]
    version: int


def view_of(customer: Customer) -> CustomerView:
    """The view of `customer` as it is now."""
    reservations = sorted(
        (
            CreditReservationView(order.value, amount.amount)
            for order, amount in customer.reservations.items()
        ),
        key=lambda reservation: reservation.order_id,
    )
    return CustomerView(
        customer_id=customer.id.value,
        name=customer.name.value,
        currency=customer.credit_limit.currency,
        credit_limit=customer.credit_limit.amount,
        available_credit=customer.available_credit.amount,
        reservations=tuple(reservations),
        version=customer.version,
    )
