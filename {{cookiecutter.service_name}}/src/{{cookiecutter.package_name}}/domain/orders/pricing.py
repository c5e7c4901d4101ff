from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from {{cookiecutter.package_name}}.domain.orders.errors import (
    EmptyOrderError,
    MixedCurrenciesError,
    OrderTooCostlyError,
)
from {{cookiecutter.package_name}}.domain.orders.order_line import OrderLine
from {{cookiecutter.package_name}}.domain.shared.money import (
    MAX_AMOUNT,
    InvalidMoneyError,
    Money,
)

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
        try:
            subtotal = sum((line.total for line in lines), Money.zero(currencies[0]))
        except InvalidMoneyError:  # no amount is that large
            summed = f"{sum(line.total.amount for line in lines)} {currencies[0]}"
            raise OrderTooCostlyError("the order", summed, MAX_AMOUNT) from None
        units = sum(line.quantity.value for line in lines)
        if units < BULK_THRESHOLD:
            return subtotal
        discount = (subtotal.amount * BULK_DISCOUNT).quantize(_CENT, rounding=ROUND_HALF_EVEN)
        return subtotal - Money(discount, subtotal.currency)
