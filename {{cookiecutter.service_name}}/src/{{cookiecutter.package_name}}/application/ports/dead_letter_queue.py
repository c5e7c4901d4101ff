from typing import Protocol


class DeadLetterQueue(Protocol):
    """Where a message goes that a consumer cannot act on, for people to look at."""

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        """Keep the message as it was received, with why it was given up on."""
        ...
