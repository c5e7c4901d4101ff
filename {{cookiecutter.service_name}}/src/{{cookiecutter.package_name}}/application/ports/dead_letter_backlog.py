from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message `consumer` gave up on: as it was received, and why it was given up on.

    `position` is where the backlog holds it, in the backlog's own terms; only
    `DeadLetterBacklog.remove` reads it.
    """

    consumer: str
    body: bytes
    headers: Mapping[str, str]
    reason: str
    position: str


class DeadLetterBacklog(Protocol):
    """The dead letters a consumer left, read back to be handed to it again."""

    def letters(self, consumer: str) -> AsyncGenerator[DeadLetter, None]:
        """The consumer's dead letters held when this is called, oldest first.

        Letters put meanwhile (a letter handed back and buried again) are not among them.
        The headers are the received ones, without the reason. A letter not removed when
        the iteration ends (closed early, or left on purpose) stays in its place, or goes
        back to it: on some brokers, a moment after the iteration ends.
        """
        ...

    async def remove(self, letter: DeadLetter) -> None:
        """Drop a letter the iteration gave, once it has been handed back."""
        ...
