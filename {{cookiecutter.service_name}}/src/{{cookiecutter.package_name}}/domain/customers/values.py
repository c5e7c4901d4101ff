import re
from dataclasses import dataclass
from typing import Self
from uuid import UUID, uuid4

from {{cookiecutter.package_name}}.domain.building_blocks import ValueObject, quoted
from {{cookiecutter.package_name}}.domain.customers.errors import InvalidCustomerNameError

NAME_MAX_LENGTH = 100
"""The longest customer name, in characters once trimmed."""
# C0 and C1 control characters: a name is one line of text, and PostgreSQL stores no NUL;
# the bidirectional controls, which make a name read otherwise than it is written; and lone
# surrogates, which are no text at all (JSON's "\udfff" makes one).
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class CustomerId(ValueObject):
    """Identifies a customer."""

    value: UUID

    @classmethod
    def new(cls) -> Self:
        return cls(uuid4())

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class CustomerName(ValueObject):
    """A customer's name: 1 to 100 characters, without surrounding whitespace.

    The value itself must already be trimmed, so two names that look the same are equal.
    Build one from what a user typed with `CustomerName.of`, which trims it first.
    """

    value: str

    @classmethod
    def of(cls, raw: str) -> Self:
        return cls(raw.strip())

    def validate(self) -> None:
        if self.value != self.value.strip():
            raise InvalidCustomerNameError(
                f"a customer name cannot start or end with whitespace, got {quoted(self.value)}"
            )
        if not 1 <= len(self.value) <= NAME_MAX_LENGTH:
            raise InvalidCustomerNameError(
                f"a customer name must have 1 to {NAME_MAX_LENGTH} characters, "
                f"got {len(self.value)}: {quoted(self.value)}"
            )
        if _CONTROL_CHARACTER.search(self.value):
            raise InvalidCustomerNameError(
                "a customer name cannot contain control characters (a line break, a tab, "
                f"NUL, a bidirectional control, a lone surrogate), got {quoted(self.value)}"
            )

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class OrderReference(ValueObject):
    """This context's name for an order of the order service: only its id travels here."""

    value: UUID

    def __str__(self) -> str:
        return str(self.value)
