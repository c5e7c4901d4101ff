from dataclasses import dataclass

import pytest

from {{cookiecutter.package_name}}.domain.building_blocks import ValueObject

from tests.unit.domain.model import Amount, NegativeAmountError


def test_a_value_object_that_is_not_frozen_cannot_even_be_declared() -> None:
    # The base is a frozen dataclass: Python refuses a mutable subclass when it is defined
    # (and mypy before that, hence the ignore).
    with pytest.raises(TypeError, match="non-frozen dataclass from a frozen one"):

        @dataclass
        class Mutable(ValueObject):  # type: ignore[misc]
            cents: int


def test_an_invalid_value_object_cannot_be_created() -> None:
    with pytest.raises(NegativeAmountError, match="cannot be negative, got -1 cents"):
        Amount(-1)
