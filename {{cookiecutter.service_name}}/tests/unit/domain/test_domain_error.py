from decimal import Decimal

from {{cookiecutter.package_name}}.domain.building_blocks import quoted


def test_a_rule_quotes_a_string_in_quotes_and_a_number_as_written() -> None:
    assert quoted("BOOK 1") == "'BOOK 1'"
    assert quoted(Decimal("1E+2")) == "1E+2"
    assert quoted(-2) == "-2"


def test_a_long_value_is_cut_short() -> None:
    assert quoted("x" * 1_000_000) == "'" + "x" * 56 + "..."
    assert len(quoted(Decimal("1" * 500))) == 60


def test_an_integer_too_long_to_write_is_named_not_written() -> None:
    assert quoted(10**5000) == "int too large to show"
