from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from {{cookiecutter.package_name}}.domain.orders.errors import (
    EmptyOrderError,
    MixedCurrenciesError,
    OrderTooCostlyError,
)
from {{cookiecutter.package_name}}.domain.orders.order_line import OrderLine
from {{cookiecutter.package_name}}.domain.shared.money import MAX_AMOUNT, Money

BULK_THRESHOLD = 100
"""Units on an order, all lines together, from which the bulk discount applies."""

BULK_DISCOUNT = Decimal("0.05")
"""The share of the sum a bulk order does not pay."""

_CENT = Decimal("0.01")


class OrderPricing:
    """Works out what a whole order costs.

    A domain service: the bulk rule looks at all the lines at once, so it belongs to no
    single line, and keeping it out of `Order` lets the price rules change on their own.
    """

    def total(self, lines: Sequence[OrderLine]) -> Money:
        """The sum of the line totals, less the bulk discount from `BULK_THRESHOLD` units.

        The discount is rounded to the cent half to even (banker's rounding), so rounding
        does not lean towards the seller or the buyer over many orders.
        """
        if not lines:
            raise EmptyOrderError()
        currencies = sorted({line.unit_price.currency for line in lines})
        if len(currencies) > 1:
            raise MixedCurrenciesError(currencies)
        # Summed as amounts, one currency being checked above: the order's total is then
        # the one `Money` built, not one per line added.
        subtotal = sum((line.total.amount for line in lines), Decimal("0.00"))
        if subtotal > MAX_AMOUNT:
            raise OrderTooCostlyError("the order", f"{subtotal} {currencies[0]}", MAX_AMOUNT)
        discount = Decimal("0.00")
        if sum(line.quantity.value for line in lines) >= BULK_THRESHOLD:
            discount = (subtotal * BULK_DISCOUNT).quantize(_CENT, rounding=ROUND_HALF_EVEN)
        return Money(subtotal - discount, currencies[0])
