from decimal import Decimal

from {{cookiecutter.package_name}}.domain.shared.money import Money

# Amounts are stored as whole cents: exact on every database, SQLite included, whose
# NUMERIC would round through a float.


def to_cents(money: Money) -> int:
    return int(money.amount.scaleb(2))


def amount_from_cents(cents: int) -> Decimal:
    """The exact amount; the read side's views take it bare, with no `Money` to validate."""
    return Decimal(cents).scaleb(-2)


def from_cents(cents: int, currency: str) -> Money:
    return Money(amount_from_cents(cents), currency)
