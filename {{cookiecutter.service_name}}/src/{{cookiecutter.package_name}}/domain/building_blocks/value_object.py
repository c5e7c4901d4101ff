from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValueObject:
    """A value defined only by its attributes: immutable, compared by value, self-validating.

    Subclass it as a frozen dataclass and put the rules in `validate`, which runs on
    construction, so an invalid value object can never exist::

        @dataclass(frozen=True, slots=True)
        class Amount(ValueObject):
            cents: int

            def validate(self) -> None:
                if self.cents < 0:
                    raise NegativeAmountError(self.cents)
    """

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise a `DomainError` when the attributes break a rule; the default accepts all."""
