import pytest

from {{cookiecutter.package_name}}.domain.orders import OrderTooCostlyError

from tests.unit.domain.orders.builders import a_line, money


def test_a_line_totals_its_unit_price_times_its_quantity() -> None:
    line = a_line(quantity=3, unit_price="2.50")

    assert line.total == money("7.50")


def test_a_line_that_would_cost_more_than_any_amount_is_refused() -> None:
    with pytest.raises(OrderTooCostlyError) as refused:
        a_line("A-1", quantity=1000, unit_price="1000000000.00")

    assert str(refused.value) == (
        "the line of 1000 x A-1 at 1000000000.00 EUR would cost 1000000000000.00 EUR,"
        " more than the largest amount, 999999999999.99"
    )


def test_lines_are_the_same_line_when_they_have_the_same_sku() -> None:
    assert a_line("WIDGET-1", quantity=1) == a_line("WIDGET-1", quantity=2)
    assert a_line("WIDGET-1") != a_line("WIDGET-2")
