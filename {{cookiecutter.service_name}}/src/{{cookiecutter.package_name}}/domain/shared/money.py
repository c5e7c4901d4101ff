import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Self

from {{cookiecutter.package_name}}.domain.building_blocks import DomainError, ValueObject, quoted

CURRENCY_PATTERN = r"^[A-Z]{3}$"
"""An ISO 4217 code: three upper-case letters."""
_CURRENCY = re.compile(CURRENCY_PATTERN)
_CENT = Decimal("0.01")


class InvalidMoneyError(DomainError):
    """An amount or currency that money cannot have."""


class CurrencyMismatchError(DomainError):
    """Two amounts in different currencies were combined or compared."""

    def __init__(self, left: str, right: str) -> None:
        super().__init__(f"cannot combine {left} with {right}: the currencies differ")


MAX_AMOUNT = Decimal("999999999999.99")
"""The largest amount money can have: below a trillion, far above any price or credit limit,
and small enough in cents for a 64-bit integer column."""


@dataclass(frozen=True, slots=True)
class Money(ValueObject):
    """An exact, non-negative amount in one ISO 4217 currency, to the cent.

    `Decimal`, never `float`: 0.1 + 0.2 must be 0.3. The amount is kept with exactly two
    decimal places (`1E+2` becomes `100.00`), so one sum reads the same wherever it is shown.
    Arithmetic and comparison refuse to mix currencies rather than guess an exchange rate.
    """

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        self.validate()
        # Exact once validated; abs() makes -0 plain 0.
        object.__setattr__(self, "amount", abs(self.amount).quantize(_CENT))

    def validate(self) -> None:
        if not isinstance(self.currency, str) or not _CURRENCY.fullmatch(self.currency):
            raise InvalidMoneyError(
                f"currency must be three upper-case letters (ISO 4217), got {quoted(self.currency)}"
            )
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise InvalidMoneyError(f"amount must be a finite Decimal, got {quoted(self.amount)}")
        if self.amount < 0:
            raise InvalidMoneyError(f"amount cannot be negative, got {quoted(self.amount)}")
        if self.amount > MAX_AMOUNT:
            raise InvalidMoneyError(
                f"amount must be at most {MAX_AMOUNT}, got {quoted(self.amount)}"
            )
        # Exact to the cent, however written: "12.500" is 12.50, "0.001" is no amount.
        if self.amount != self.amount.quantize(_CENT):
            raise InvalidMoneyError(f"amount has more than 2 decimal places: {quoted(self.amount)}")

    @classmethod
    def zero(cls, currency: str) -> Self:
        return cls(Decimal("0.00"), currency)

    def __add__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def times(self, factor: int) -> "Money":
        return Money(self.amount * factor, self.currency)

    def __lt__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount <= other.amount

    def __gt__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount > other.amount

    def __ge__(self, other: "Money") -> bool:
        self._same_currency(other)
        return self.amount >= other.amount

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def _same_currency(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(str(self), str(other))
