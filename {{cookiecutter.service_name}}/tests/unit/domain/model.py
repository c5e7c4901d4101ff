"""A tiny model made of the building blocks, for their tests only."""

from dataclasses import dataclass
from datetime import datetime

from {{cookiecutter.package_name}}.domain.building_blocks import (
    AggregateRoot,
    DomainError,
    DomainEvent,
    Entity,
    ValueObject,
)


class NegativeAmountError(DomainError):
    def __init__(self, cents: int) -> None:
        super().__init__(f"an amount cannot be negative, got {cents} cents")


@dataclass(frozen=True, slots=True)
class Amount(ValueObject):
    cents: int

    def validate(self) -> None:
        if self.cents < 0:
            raise NegativeAmountError(self.cents)


@dataclass(frozen=True)
class Deposited(DomainEvent):
    account_id: str
    amount: Amount


class Account(AggregateRoot[str]):
    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.balance = Amount(0)

    def deposit(self, amount: Amount, *, at: datetime) -> None:
        self.balance = Amount(self.balance.cents + amount.cents)
        self._record(Deposited(account_id=self.id, amount=amount, occurred_at=at))


class Card(Entity[str]):
    def __init__(self, id: str, holder: str) -> None:
        super().__init__(id)
        self.holder = holder
