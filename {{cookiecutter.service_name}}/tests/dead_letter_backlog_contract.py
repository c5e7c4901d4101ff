"""What every broker's `DeadLetterBacklog` must do, run against each real server.

A broker's tests subclass `DeadLetterBacklogContract` as `Test...` and give its fixtures:
`dead_letters` and `backlog` on that broker, and `consumer`, a name of the test's own.
"""

from collections.abc import Mapping
from typing import Any

from {{cookiecutter.package_name}}.application.delivery.dead_letter_replay import DeadLetterReplay
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    Outcome,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import (
    DeadLetter,
    DeadLetterBacklog,
)
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue

from tests.messaging import SOMETHING_HAPPENED, TRACEPARENT, a_message, eventually


class NumberReader:
    """Reads `SOMETHING_HAPPENED`; a payload without `number` is malformed."""

    message_types = frozenset({SOMETHING_HAPPENED})

    def __init__(self) -> None:
        self.numbers: list[int] = []

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        if "number" not in payload:
            raise MalformedMessageError("number: field required")
        self.numbers.append(payload["number"])
        return True


async def bury(dead_letters: DeadLetterQueue, consumer: str, number: int | None) -> Message:
    """Put a message carrying `number` (None: a malformed one) in `consumer`'s dead letters."""
    message = a_message(number)
    await dead_letters.put(consumer, message.to_json(), message.headers, f"buried {number}")
    return message


async def all_letters(backlog: DeadLetterBacklog, consumer: str) -> list[DeadLetter]:
    """Every letter the backlog holds for `consumer`, none removed."""
    return [letter async for letter in backlog.letters(consumer)]


def numbers_of(letters: list[DeadLetter]) -> list[int | None]:
    return [Message.from_json(letter.body).payload.get("number") for letter in letters]


async def held_come_to(
    backlog: DeadLetterBacklog, consumer: str, numbers: list[int | None]
) -> None:
    """Wait until the letters held for `consumer` carry `numbers`, in that order: letters
    read and not removed go back when the reading ends, on RabbitMQ a moment after."""

    async def held() -> bool:
        return numbers_of(await all_letters(backlog, consumer)) == numbers

    await eventually(held, seconds=5)


class DeadLetterBacklogContract:
    async def test_the_letters_come_oldest_first_as_received_with_their_reason(
        self, dead_letters: DeadLetterQueue, backlog: DeadLetterBacklog, consumer: str
    ) -> None:
        first, second = await bury(dead_letters, consumer, 1), await bury(dead_letters, consumer, 2)

        letters = await all_letters(backlog, consumer)

        assert [letter.body for letter in letters] == [first.to_json(), second.to_json()]
        assert [letter.reason for letter in letters] == ["buried 1", "buried 2"]
        for letter, message in zip(letters, (first, second), strict=True):
            assert letter.consumer == consumer
            assert letter.headers["message-type"] == message.type
            assert letter.headers["traceparent"] == TRACEPARENT
            assert "x-dead-letter-reason" not in letter.headers

    async def test_a_removed_letter_is_gone_and_one_not_removed_keeps_its_place(
        self, dead_letters: DeadLetterQueue, backlog: DeadLetterBacklog, consumer: str
    ) -> None:
        for number in (1, 2, 3):
            await bury(dead_letters, consumer, number)

        async for letter in backlog.letters(consumer):
            if numbers_of([letter]) == [2]:
                await backlog.remove(letter)

        await held_come_to(backlog, consumer, [1, 3])

    async def test_a_letter_buried_while_the_letters_are_read_is_left_for_the_next_time(
        self, dead_letters: DeadLetterQueue, backlog: DeadLetterBacklog, consumer: str
    ) -> None:
        await bury(dead_letters, consumer, 1)

        read = []
        async for letter in backlog.letters(consumer):
            read.append(letter)
            await bury(dead_letters, consumer, 2)

        assert numbers_of(read) == [1]
        await held_come_to(backlog, consumer, [1, 2])

    async def test_another_consumers_letters_are_not_among_them(
        self, dead_letters: DeadLetterQueue, backlog: DeadLetterBacklog, consumer: str
    ) -> None:
        await bury(dead_letters, f"{consumer}-other", 1)

        assert await all_letters(backlog, consumer) == []

    async def test_a_replay_hands_the_letters_back_and_buries_again_what_still_fails(
        self, dead_letters: DeadLetterQueue, backlog: DeadLetterBacklog, consumer: str
    ) -> None:
        for number in (1, None, 3):
            await bury(dead_letters, consumer, number)
        reader = NumberReader()
        receiver = MessageReceiver(reader, dead_letters, consumer, RetryPolicy(max_attempts=1))

        outcomes = await DeadLetterReplay(backlog).replay(receiver)

        assert reader.numbers == [1, 3]
        assert outcomes == {Outcome.HANDLED: 2, Outcome.DEAD_LETTERED: 1}
        await held_come_to(backlog, consumer, [None])
        [again] = await all_letters(backlog, consumer)
        assert again.reason == "number: field required"
