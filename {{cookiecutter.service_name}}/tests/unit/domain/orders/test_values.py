from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.domain.orders import (
    CustomerId,
    InvalidQuantityError,
    InvalidSkuError,
    OrderId,
    Quantity,
    Sku,
)


def test_a_new_order_id_is_unique() -> None:
    assert OrderId.new() != OrderId.new()


def test_ids_read_as_their_uuid() -> None:
    uuid = UUID("00000000-0000-4000-8000-000000000001")

    assert str(OrderId(uuid)) == "00000000-0000-4000-8000-000000000001"
    assert str(CustomerId(uuid)) == "00000000-0000-4000-8000-000000000001"


@pytest.mark.parametrize("value", ["AB", "WIDGET-42", "0-9", "A" * 32, "9" + "-" * 31])
def test_a_sku_of_upper_case_letters_digits_and_hyphens_is_accepted(value: str) -> None:
    assert Sku(value).value == value


@pytest.mark.parametrize(
    "value",
    ["A", "A" * 33, "-AB", "widget-1", "WIDGET 1", "WIDGET_1", "", "AB\n"],
)
def test_a_malformed_sku_is_refused(value: str) -> None:
    with pytest.raises(InvalidSkuError, match=r"a SKU is 2 to 32 .*, got "):
        Sku(value)


def test_the_refused_sku_is_named_in_the_error() -> None:
    with pytest.raises(InvalidSkuError, match="'widget-1'"):
        Sku("widget-1")


@pytest.mark.parametrize("value", [1, 1000])
def test_a_quantity_from_one_to_a_thousand_is_accepted(value: int) -> None:
    assert Quantity(value).value == value


@pytest.mark.parametrize("value", [0, 1001, -1])
def test_a_quantity_outside_one_to_a_thousand_is_refused(value: int) -> None:
    with pytest.raises(InvalidQuantityError, match=f"from 1 to 1000, got {value}"):
        Quantity(value)


def test_true_is_not_a_quantity() -> None:
    with pytest.raises(InvalidQuantityError, match="got True"):
        Quantity(True)
