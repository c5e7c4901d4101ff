from collections.abc import Sequence

from dependency_injector import containers, providers

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


class InMemoryConnection:
    """The in-memory broker needs no connection: receivers are subscribed at once."""

    def __init__(self, broker: InMemoryBroker, receivers: Sequence[MessageReceiver]) -> None:
        for receiver in receivers:
            broker.subscribe(receiver.message_types, receiver.receive)

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        return None


class BrokerContainer(containers.DeclarativeContainer):
    """The messaging ports inside the process: one object plays every part.

    `connection` still needs the receivers; the service's container gives them.
    """

    settings = providers.Dependency(instance_of=Settings)

    broker = providers.Singleton(InMemoryBroker)
    message_publisher = broker
    dead_letters = broker
    health_check = broker
    connection = providers.Factory(InMemoryConnection, broker)
