from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from {{cookiecutter.package_name}}.application.messaging.message import Message

Receive = Callable[[bytes, Mapping[str, str]], Awaitable[None]]


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
    is kept in `published` and handed, as bytes, to every receiver subscribed to its type,
    as a real broker would; set `accepting` to False to play a broker that is down.
    """

    def __init__(self) -> None:
        self.published: list[Message] = []
        self.dead_letters: list[DeadLetter] = []
        self.accepting = True
        self._receivers: list[tuple[frozenset[str], Receive]] = []

    def subscribe(self, message_types: frozenset[str], receive: Receive) -> None:
        self._receivers.append((message_types, receive))

    @property
    def subscribed_types(self) -> frozenset[str]:
        """The message types some receiver reads: the ones a publish hands on."""
        return frozenset[str]().union(*(types for types, _ in self._receivers))

    async def publish(self, message: Message) -> None:
        await self.check()
        self.published.append(message)
        for message_types, receive in self._receivers:
            if message.type in message_types:
                await receive(message.to_json(), message.headers)

    async def put(self, consumer: str, body: bytes, headers: dict[str, str], reason: str) -> None:
        self.dead_letters.append(DeadLetter(consumer, body, headers, reason))

    async def check(self) -> None:
        if not self.accepting:
            raise ConnectionError("the in-memory broker is not accepting messages")

    @property
    def name(self) -> str:
        return "broker"
