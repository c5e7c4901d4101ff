from tests.unit.domain.orders.builders import a_line, money


def test_a_line_totals_its_unit_price_times_its_quantity() -> None:
    line = a_line(quantity=3, unit_price="2.50")

    assert line.total == money("7.50")


def test_lines_are_the_same_line_when_they_have_the_same_sku() -> None:
    assert a_line("WIDGET-1", quantity=1) == a_line("WIDGET-1", quantity=2)
    assert a_line("WIDGET-1") != a_line("WIDGET-2")
