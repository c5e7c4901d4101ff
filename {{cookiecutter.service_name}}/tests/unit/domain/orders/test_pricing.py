import pytest

from {{cookiecutter.package_name}}.domain.orders import (
    EmptyOrderError,
    MixedCurrenciesError,
    OrderPricing,
    OrderTooCostlyError,
)

from tests.unit.domain.orders.builders import a_line, money


def test_the_total_is_the_sum_of_the_line_totals() -> None:
    lines = [a_line("A-1", quantity=2, unit_price="1.25"), a_line("B-2", unit_price="0.10")]

    total = OrderPricing().total(lines)

    assert total == money("2.60")


def test_lines_in_different_currencies_cannot_be_priced_together() -> None:
    lines = [a_line("A-1", currency="USD"), a_line("B-2", currency="EUR")]

    with pytest.raises(MixedCurrenciesError, match="one currency, got EUR, USD"):
        OrderPricing().total(lines)


def test_lines_that_together_cost_more_than_any_amount_cannot_be_priced() -> None:
    lines = [a_line("A-1", unit_price="600000000000.00"), a_line("B-2", unit_price="400000000000")]

    with pytest.raises(OrderTooCostlyError) as refused:
        OrderPricing().total(lines)

    assert str(refused.value) == (
        "the order would cost 1000000000000.00 EUR, more than the largest amount, 999999999999.99"
    )


def test_no_lines_cannot_be_priced() -> None:
    with pytest.raises(EmptyOrderError):
        OrderPricing().total([])


def test_an_order_one_unit_short_of_the_bulk_threshold_pays_full_price() -> None:
    lines = [a_line("A-1", quantity=60, unit_price="1.00"), a_line("B-2", quantity=39)]

    total = OrderPricing().total(lines)

    assert total == money("450.00")


def test_an_order_of_the_bulk_threshold_in_all_lines_gets_five_percent_off() -> None:
    lines = [a_line("A-1", quantity=60, unit_price="1.00"), a_line("B-2", quantity=40)]

    total = OrderPricing().total(lines)

    assert total == money("437.00")


@pytest.mark.parametrize(
    ("quantity", "unit_price", "expected"),
    [
        # 5% of 1.30 is 0.065: the half cent goes to the even 0.06 (half up would be 0.07).
        (130, "0.01", "1.24"),
        # 5% of 1.50 is 0.075: the half cent goes to the even 0.08.
        (150, "0.01", "1.42"),
        # 5% of 99.99 is 4.9995, which is nearer to 5.00 than to 4.99.
        (101, "0.99", "94.99"),
    ],
)
def test_the_bulk_discount_is_rounded_to_the_cent_half_to_even(
    quantity: int, unit_price: str, expected: str
) -> None:
    total = OrderPricing().total([a_line(quantity=quantity, unit_price=unit_price)])

    assert total == money(expected)
