from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol
from uuid import UUID

from {{cookiecutter.package_name}}.application.messaging.message import Message


class Outbox(Protocol):
    """The messages committed with the state changes they announce, waiting to be sent.

    Units of work append to it inside their transaction; the relay takes messages out.
    A claim is a lease: messages claimed by a relay that dies are claimed again once it
    runs out, so none is lost (and one may be sent twice).
    """

    async def claim(self, relay: str, limit: int, lease: timedelta) -> Sequence[Message]:
        """Lease up to `limit` unsent messages to `relay`, oldest first.

        An aggregate's unsent messages go to one relay at a time, oldest first, so the
        messages of each aggregate are sent in the order they were written.
        """
        ...

    async def mark_published(self, message_ids: Sequence[UUID]) -> None:
        """Record that the broker accepted these messages; they are never sent again.

        Whichever relay holds their lease now: a relay whose lease ran out while it sent
        still sent them.
        """
        ...

    async def release(self, relay: str, message_ids: Sequence[UUID]) -> None:
        """Hand back claimed messages that were not sent, for the next claim."""
        ...
