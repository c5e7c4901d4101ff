from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from {{cookiecutter.package_name}}.application.messaging.message import Message

Receive = Callable[[bytes, Mapping[str, str]], Awaitable[object]]

MESSAGES_KEPT = 1_000
"""How many of the latest published messages, and of the latest dead letters, the broker
keeps to look at. A bound, because `broker=in-memory` serves in production too: kept all,
they would fill the process's memory; tests look at far fewer."""


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message `consumer` gave up on, kept as it was received, with the reason."""

    consumer: str
    body: bytes
    headers: dict[str, str]
    reason: str


class InMemoryBroker:
    """The `MessagePublisher` and `DeadLetterQueue` ports inside one process: no server.

    For a service that runs alone (`broker=in-memory`) and for tests. A published message
    is handed, as bytes, to every receiver subscribed to its type, as a real broker would;
    set `accepting` to False to play a broker that is down. `published` and `dead_letters`
    list the latest `MESSAGES_KEPT` of each, oldest first; older ones are dropped.
    """

    def __init__(self) -> None:
        self._published: deque[Message] = deque(maxlen=MESSAGES_KEPT)
        self._dead_letters: deque[DeadLetter] = deque(maxlen=MESSAGES_KEPT)
        self.accepting = True
        self._receivers: list[tuple[frozenset[str], Receive]] = []

    @property
    def published(self) -> list[Message]:
        """The latest `MESSAGES_KEPT` messages published, oldest first (a copy)."""
        return list(self._published)

    @property
    def dead_letters(self) -> list[DeadLetter]:
        """The latest `MESSAGES_KEPT` dead letters put, oldest first (a copy)."""
        return list(self._dead_letters)

    def subscribe(self, message_types: frozenset[str], receive: Receive) -> None:
        self._receivers.append((message_types, receive))

    @property
    def subscribed_types(self) -> frozenset[str]:
        """The message types some receiver reads: the ones a publish hands on."""
        return frozenset[str]().union(*(types for types, _ in self._receivers))

    async def publish(self, message: Message) -> None:
        await self.check()
        self._published.append(message)
        for message_types, receive in self._receivers:
            if message.type in message_types:
                await receive(message.to_json(), message.headers)

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        self._dead_letters.append(DeadLetter(consumer, body, headers, reason))

    async def check(self) -> None:
        if not self.accepting:
            raise ConnectionError("the in-memory broker is not accepting messages")

    @property
    def name(self) -> str:
        return "broker"
