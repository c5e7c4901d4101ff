"""The values an order is made of."""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Self
from uuid import UUID, uuid4

from {{cookiecutter.package_name}}.domain.building_blocks import ValueObject
from {{cookiecutter.package_name}}.domain.orders.errors import (
    InvalidQuantityError,
    InvalidSkuError,
)

SKU_PATTERN = r"^[A-Z0-9][A-Z0-9-]{1,31}$"
"""A SKU: 2 to 32 upper-case letters, digits and hyphens, not starting with a hyphen."""
_SKU = re.compile(SKU_PATTERN)

MIN_QUANTITY = 1
"""The fewest units one order line can hold."""
MAX_QUANTITY = 1000
"""The most units one order line can hold."""


@dataclass(frozen=True, slots=True)
class OrderId(ValueObject):
    """The identity of an order."""

    value: UUID

    @classmethod
    def new(cls) -> Self:
        return cls(uuid4())

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class CustomerId(ValueObject):
    """The identity of the customer who places an order (owned by the customer service)."""

    value: UUID

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Sku(ValueObject):
    """A stock-keeping unit: the catalogue's code for one product, such as `WIDGET-42`."""

    value: str

    def validate(self) -> None:
        if not isinstance(self.value, str) or not _SKU.fullmatch(self.value):
            raise InvalidSkuError(self.value)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Quantity(ValueObject):
    """How many units of one SKU an order line asks for."""

    value: int

    def validate(self) -> None:
        # bool is an int to Python, but `True` units is a mistake, not one unit.
        if (
            isinstance(self.value, bool)
            or not isinstance(self.value, int)
            or not MIN_QUANTITY <= self.value <= MAX_QUANTITY
        ):
            raise InvalidQuantityError(self.value, MIN_QUANTITY, MAX_QUANTITY)


class OrderStatus(StrEnum):
    """Where an order stands in the credit check.

    PENDING until the customer service answers, then APPROVED or REJECTED; PENDING and
    APPROVED orders can be CANCELLED.
    """

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
