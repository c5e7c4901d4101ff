from {{cookiecutter.package_name}}.domain.building_blocks import Entity
from {{cookiecutter.package_name}}.domain.orders.errors import OrderTooCostlyError
from {{cookiecutter.package_name}}.domain.orders.values import Quantity, Sku
from {{cookiecutter.package_name}}.domain.shared.money import (
    MAX_AMOUNT,
    InvalidMoneyError,
    Money,
)


class OrderLine(Entity[Sku]):
    """One product on an order: a quantity of a SKU at a unit price.

    Its identity within the order is its SKU, which is why a SKU may appear on one line only.
    """

    def __init__(self, sku: Sku, quantity: Quantity, unit_price: Money) -> None:
        super().__init__(sku)
        self._quantity = quantity
        self._unit_price = unit_price
        # A line never changes, so its total is worked out once, not on every read.
        try:
            self._total = unit_price.times(quantity.value)
        except InvalidMoneyError:  # no amount is that large
            total = f"{unit_price.amount * quantity.value} {unit_price.currency}"
            line = f"the line of {quantity.value} x {sku} at {unit_price}"
            raise OrderTooCostlyError(line, total, MAX_AMOUNT) from None

    @property
    def sku(self) -> Sku:
        return self.id

    @property
    def quantity(self) -> Quantity:
        return self._quantity

    @property
    def unit_price(self) -> Money:
        return self._unit_price

    @property
    def total(self) -> Money:
        """The unit price times the quantity."""
        return self._total

    def __repr__(self) -> str:
        return f"OrderLine({self.sku}, {self._quantity.value} x {self._unit_price})"
