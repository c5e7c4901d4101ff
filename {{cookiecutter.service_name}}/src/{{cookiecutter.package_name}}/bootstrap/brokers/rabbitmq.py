from collections.abc import Sequence

from dependency_injector import containers, providers
from faststream.rabbit import RabbitBroker

from {{cookiecutter.package_name}}.adapters.inbound.messaging import rabbitmq_subscriber
from {{cookiecutter.package_name}}.adapters.outbound.messaging.broker_health_check import (
    BrokerHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_dead_letters import (
    RabbitDeadLetterBacklog,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_publisher import (
    RabbitDeadLetterQueue,
    RabbitMessagePublisher,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


class RabbitMQConnection:
    """RabbitMQ with this service's queue (named after the service) fed to its receivers."""

    def __init__(
        self, broker: RabbitBroker, receivers: Sequence[MessageReceiver], queue_name: str
    ) -> None:
        self._broker = broker
        self._receivers = tuple(receivers)
        self._queue_name = queue_name
        for receiver in self._receivers:
            rabbitmq_subscriber.subscribe(broker, receiver, queue_name)

    async def connect(self) -> None:
        await self._broker.start()
        for receiver in self._receivers:
            await rabbitmq_subscriber.bind(self._broker, receiver, self._queue_name)

    async def close(self) -> None:
        await self._broker.stop()


class BrokerContainer(containers.DeclarativeContainer):
    """The messaging ports on RabbitMQ, at `BROKER_URL`.

    `connection` still needs the receivers; the service's container gives them.
    `dead_letter_backlog` serves the `dead-letters` command alone.
    """

    settings = providers.Dependency(instance_of=Settings)

    broker = providers.Singleton(RabbitBroker, settings.provided.broker_url, logger=None)
    message_publisher = providers.Singleton(RabbitMessagePublisher, broker)
    dead_letters = providers.Singleton(RabbitDeadLetterQueue, broker)
    dead_letter_backlog = providers.Singleton(RabbitDeadLetterBacklog, broker)
    health_check = providers.Singleton(BrokerHealthCheck, broker)
    connection = providers.Factory(
        RabbitMQConnection, broker, queue_name=settings.provided.service_name
    )
