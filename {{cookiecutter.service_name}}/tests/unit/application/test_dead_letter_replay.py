from collections.abc import AsyncGenerator, Mapping
from itertools import count
from typing import Any

import pytest

from {{cookiecutter.package_name}}.application.delivery.dead_letter_replay import DeadLetterReplay
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    Outcome,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import (
    MessageAlreadyHandledError,
    UnavailableError,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetter

from tests.messaging import SOMETHING_HAPPENED, a_message

CONSUMER = "this-service"


class ListedDeadLetters:
    """A dead-letter queue and its backlog in one list, oldest first."""

    def __init__(self) -> None:
        self.letters_held: list[DeadLetter] = []
        self._positions = count(1)

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        position = str(next(self._positions))
        self.letters_held.append(DeadLetter(consumer, body, headers, reason, position))

    async def letters(self, consumer: str) -> AsyncGenerator[DeadLetter, None]:
        for letter in list(self.letters_held):
            if letter.consumer == consumer:
                yield letter

    async def remove(self, letter: DeadLetter) -> None:
        self.letters_held.remove(letter)

    def numbers(self) -> list[int | None]:
        return [number_in(letter.body) for letter in self.letters_held]


class MendedConsumer:
    """Handles a message by its payload's `number`, once the test has mended the fault:
    numbers in `failing` raise `error`, and those in `handled_before` were handled."""

    message_types = frozenset({SOMETHING_HAPPENED})

    def __init__(
        self, failing: frozenset[int] = frozenset(), error: Exception | None = None
    ) -> None:
        self.failing = failing
        self.error = error or ConnectionError("still broken")
        self.handled_before: set[int] = set()
        self.handled: list[int] = []

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        number = payload["number"]
        if number in self.failing:
            raise self.error
        if number in self.handled_before:
            raise MessageAlreadyHandledError(f"{number} was handled")
        self.handled.append(number)
        return True


def number_in(body: bytes) -> int | None:
    number: int | None = Message.from_json(body).payload.get("number")
    return number


async def buried(dead_letters: ListedDeadLetters, *numbers: int, consumer: str = CONSUMER) -> None:
    for number in numbers:
        message = a_message(number)
        await dead_letters.put(consumer, message.to_json(), message.headers, "it failed then")


def receiver(consumer: MendedConsumer, dead_letters: ListedDeadLetters) -> MessageReceiver:
    return MessageReceiver(
        consumer, dead_letters, CONSUMER, RetryPolicy(max_attempts=2, first_backoff_seconds=0)
    )


async def test_the_letters_are_handed_back_oldest_first_and_removed_once_handled() -> None:
    dead_letters, consumer = ListedDeadLetters(), MendedConsumer()
    await buried(dead_letters, 1, 2, 3)

    outcomes = await DeadLetterReplay(dead_letters).replay(receiver(consumer, dead_letters))

    assert consumer.handled == [1, 2, 3]
    assert outcomes == {Outcome.HANDLED: 3}
    assert dead_letters.letters_held == []


async def test_a_letter_handled_before_is_removed_and_changes_nothing() -> None:
    dead_letters, consumer = ListedDeadLetters(), MendedConsumer()
    consumer.handled_before.add(1)
    await buried(dead_letters, 1, 2)

    outcomes = await DeadLetterReplay(dead_letters).replay(receiver(consumer, dead_letters))

    assert consumer.handled == [2]
    assert outcomes == {Outcome.HANDLED_BEFORE: 1, Outcome.HANDLED: 1}
    assert dead_letters.letters_held == []


async def test_a_letter_that_still_fails_is_buried_again_with_its_new_reason() -> None:
    dead_letters, consumer = ListedDeadLetters(), MendedConsumer(failing=frozenset({1}))
    await buried(dead_letters, 1, 2)

    outcomes = await DeadLetterReplay(dead_letters).replay(receiver(consumer, dead_letters))

    assert consumer.handled == [2]
    assert outcomes == {Outcome.DEAD_LETTERED: 1, Outcome.HANDLED: 1}
    [again] = dead_letters.letters_held
    assert number_in(again.body) == 1
    assert again.reason == "failed 2 times, last: ConnectionError: still broken"


async def test_a_replay_stops_where_the_database_is_away_and_keeps_the_rest_in_order() -> None:
    dead_letters = ListedDeadLetters()
    consumer = MendedConsumer(failing=frozenset({2}), error=UnavailableError("database is locked"))
    await buried(dead_letters, 1, 2, 3)

    with pytest.raises(UnavailableError):
        await DeadLetterReplay(dead_letters).replay(receiver(consumer, dead_letters))

    assert consumer.handled == [1]
    assert dead_letters.numbers() == [2, 3]
    assert [letter.reason for letter in dead_letters.letters_held] == ["it failed then"] * 2


async def test_the_letters_of_another_consumer_are_left_alone() -> None:
    dead_letters, consumer = ListedDeadLetters(), MendedConsumer()
    await buried(dead_letters, 1, consumer="another-service")
    await buried(dead_letters, 2)

    outcomes = await DeadLetterReplay(dead_letters).replay(receiver(consumer, dead_letters))

    assert consumer.handled == [2]
    assert outcomes == {Outcome.HANDLED: 1}
    assert [letter.consumer for letter in dead_letters.letters_held] == ["another-service"]


async def test_with_no_letters_the_replay_does_nothing() -> None:
    dead_letters, consumer = ListedDeadLetters(), MendedConsumer()

    assert await DeadLetterReplay(dead_letters).replay(receiver(consumer, dead_letters)) == {}
    assert consumer.handled == []
