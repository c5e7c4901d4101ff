import dataclasses

import pytest

from tests.unit.domain.model import Amount, NegativeAmountError


def test_value_objects_with_the_same_attributes_are_equal() -> None:
    assert Amount(100) == Amount(100)
    assert hash(Amount(100)) == hash(Amount(100))


def test_a_value_object_cannot_be_changed() -> None:
    amount = Amount(100)

    with pytest.raises(dataclasses.FrozenInstanceError):
        amount.cents = 5  # type: ignore[misc]


def test_an_invalid_value_object_cannot_be_created() -> None:
    with pytest.raises(NegativeAmountError, match="cannot be negative, got -1 cents"):
        Amount(-1)
