from collections.abc import Sequence

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver


class InMemoryConnection:
    """The in-memory broker needs no connection: receivers are subscribed at once."""

    def __init__(self, broker: InMemoryBroker, receivers: Sequence[MessageReceiver]) -> None:
        for receiver in receivers:
            broker.subscribe(receiver.message_types, receiver.receive)

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        return None
