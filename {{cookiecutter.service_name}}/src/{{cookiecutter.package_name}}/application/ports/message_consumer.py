from collections.abc import Mapping
from typing import Any, Protocol


class MessageConsumer(Protocol):
    """Acts on the messages of other services that this service reads."""

    @property
    def message_types(self) -> frozenset[str]:
        """The types it reads (`<context>.<event>`), for the broker's subscription."""
        ...

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        """Act on one message; False, having done nothing, for one it does not read.

        Raises `MalformedMessageError` when the payload breaks the message's schema.
        """
        ...
