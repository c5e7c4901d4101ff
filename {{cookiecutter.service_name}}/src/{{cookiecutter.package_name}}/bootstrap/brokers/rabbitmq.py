from collections.abc import Sequence

from faststream.rabbit import RabbitBroker

from {{cookiecutter.package_name}}.adapters.inbound.messaging import rabbitmq_subscriber
from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver


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
