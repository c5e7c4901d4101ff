from uuid import UUID

import pytest

from {{cookiecutter.package_name}}.domain.customers import (
    CustomerId,
    CustomerName,
    InvalidCustomerNameError,
    OrderReference,
)

SOME_UUID = UUID("12345678-1234-5678-1234-567812345678")


def test_each_new_customer_id_is_different() -> None:
    assert CustomerId.new() != CustomerId.new()


def test_ids_and_order_references_read_as_their_uuid() -> None:
    assert str(CustomerId(SOME_UUID)) == "12345678-1234-5678-1234-567812345678"
    assert str(OrderReference(SOME_UUID)) == "12345678-1234-5678-1234-567812345678"


def test_a_name_typed_with_surrounding_spaces_is_stored_trimmed() -> None:
    name = CustomerName.of("  Ada Lovelace \n")

    assert name == CustomerName("Ada Lovelace")
    assert str(name) == "Ada Lovelace"


def test_a_name_can_have_up_to_one_hundred_characters() -> None:
    assert len(CustomerName.of("a" * 100).value) == 100


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        ("", "1 to 100 characters, got 0"),
        ("   ", "1 to 100 characters, got 0"),
        ("a" * 101, "1 to 100 characters, got 101"),
    ],
)
def test_a_blank_or_too_long_name_is_refused(raw: str, rule: str) -> None:
    with pytest.raises(InvalidCustomerNameError, match=rule):
        CustomerName.of(raw)


def test_a_name_that_is_not_trimmed_cannot_be_built_directly() -> None:
    with pytest.raises(InvalidCustomerNameError, match="cannot start or end with whitespace"):
        CustomerName(" Ada")


@pytest.mark.parametrize(
    "raw",
    [
        "Ada\x00Lovelace",
        "Ada\nLovelace",
        "Ada\tLovelace",
        "Ada\x85Lovelace",
        "Ada\u202eecalevol",
        "Ada\u2066Lovelace",
        "Ada\udfffLovelace",
    ],
)
def test_a_name_with_a_control_character_is_refused(raw: str) -> None:
    with pytest.raises(InvalidCustomerNameError, match="cannot contain control characters"):
        CustomerName.of(raw)


def test_a_name_may_have_any_printable_character() -> None:
    assert CustomerName.of("Zoë Ångström-O'Brien 李").value == "Zoë Ångström-O'Brien 李"
