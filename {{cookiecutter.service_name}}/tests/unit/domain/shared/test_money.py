import operator
from collections.abc import Callable
from decimal import Decimal

import pytest

from {{cookiecutter.package_name}}.domain.shared.money import (
    CurrencyMismatchError,
    InvalidMoneyError,
    Money,
)


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def test_money_adds_and_subtracts_exactly() -> None:
    assert eur("0.10") + eur("0.20") == eur("0.30")
    assert eur("1.00") - eur("0.01") == eur("0.99")


def test_money_multiplies_by_a_whole_number() -> None:
    assert eur("2.50").times(3) == eur("7.50")


@pytest.mark.parametrize(
    "combine",
    [operator.add, operator.sub, operator.lt, operator.le, operator.gt, operator.ge],
    ids=lambda combine: combine.__name__,
)
def test_amounts_in_different_currencies_cannot_be_combined_or_compared(
    combine: Callable[[Money, Money], object],
) -> None:
    dollars = Money(Decimal("1.00"), "USD")

    with pytest.raises(CurrencyMismatchError, match=r"1\.00 EUR with 1\.00 USD"):
        combine(eur("1.00"), dollars)


def test_money_compares_by_amount_within_a_currency() -> None:
    assert eur("1.00") < eur("1.01") <= eur("1.01") < eur("2")
    assert eur("2") > eur("1.99") >= eur("1.99")


def test_zero_is_zero_in_its_currency() -> None:
    assert Money.zero("EUR") == eur("0")
    assert str(Money.zero("EUR")) == "0.00 EUR"


@pytest.mark.parametrize(
    ("amount", "currency", "rule"),
    [
        (Decimal("-0.01"), "EUR", "cannot be negative"),
        (Decimal("0.001"), "EUR", "more than 2 decimal places"),
        (Decimal("NaN"), "EUR", "finite Decimal"),
        (Decimal("Infinity"), "EUR", "finite Decimal"),
        (Decimal("1000000000000"), "EUR", r"at most 999999999999\.99, got 1000000000000"),
        (Decimal("1E+400"), "EUR", r"at most 999999999999\.99, got 1E\+400"),
        (Decimal("1"), "eur", "three upper-case letters"),
        (Decimal("1"), "EURO", "three upper-case letters"),
    ],
)
def test_invalid_money_cannot_exist(amount: Decimal, currency: str, rule: str) -> None:
    with pytest.raises(InvalidMoneyError, match=rule):
        Money(amount, currency)


def test_subtracting_more_than_there_is_is_refused() -> None:
    with pytest.raises(InvalidMoneyError, match="cannot be negative"):
        eur("1.00") - eur("1.01")


def test_a_sum_past_the_largest_amount_is_refused() -> None:
    largest = eur("999999999999.99")

    with pytest.raises(InvalidMoneyError, match="at most"):
        largest + eur("0.01")
    with pytest.raises(InvalidMoneyError, match="at most"):
        largest.times(2)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("1E+2", "100.00"),
        ("1.5", "1.50"),
        ("12", "12.00"),
        ("-0", "0.00"),
        ("0.10", "0.10"),
        ("12.500", "12.50"),  # trailing zeros are no finer than a cent
    ],
)
def test_an_amount_is_kept_to_the_cent_however_it_was_written(given: str, kept: str) -> None:
    assert str(eur(given).amount) == kept
