import asyncio
from collections.abc import Sequence

from dependency_injector import containers, providers
from faststream.nats import NatsBroker

from {{cookiecutter.package_name}}.adapters.inbound.messaging import nats_subscriber
from {{cookiecutter.package_name}}.adapters.outbound.messaging import nats_publisher
from {{cookiecutter.package_name}}.adapters.outbound.messaging.broker_health_check import (
    BrokerHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.nats_dead_letters import (
    NatsDeadLetterBacklog,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.nats_publisher import (
    NatsDeadLetterQueue,
    NatsMessagePublisher,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


class NatsConnection:
    """NATS JetStream, with this service's durable consumer fed to its receivers.

    The consumer is named after the service. `connect` declares the streams `events` and
    `dead-letters`, then the consumer, on the subjects of every type the receivers read
    (no consumer without one), then starts consuming. It gives up after
    `connect_timeout_seconds` if the server does not answer, and the caller retries:
    left alone, the NATS client would keep trying for minutes.
    """

    def __init__(
        self,
        broker: NatsBroker,
        receivers: Sequence[MessageReceiver],
        consumer_name: str,
        connect_timeout_seconds: float = 5.0,
    ) -> None:
        self._broker = broker
        # Without a type to read, the service has no consumer.
        self._receivers = tuple(receivers) if nats_subscriber.types_read_by(receivers) else ()
        self._consumer_name = consumer_name
        self._connect_timeout_seconds = connect_timeout_seconds
        if self._receivers:
            nats_subscriber.subscribe(broker, self._receivers, consumer_name)

    async def connect(self) -> None:
        async with asyncio.timeout(self._connect_timeout_seconds):
            await self._broker.connect()
        await nats_publisher.declare_streams(self._broker)
        if self._receivers:
            await nats_subscriber.declare_consumer(
                self._broker, self._receivers, self._consumer_name
            )
        await self._broker.start()

    async def close(self) -> None:
        await self._broker.stop()


class BrokerContainer(containers.DeclarativeContainer):
    """The messaging ports on NATS JetStream, at `BROKER_URL`.

    Once connected, the client reconnects on its own for as long as it takes
    (`max_reconnect_attempts=-1`), instead of giving up after about two minutes.
    `connection` still needs the receivers; the service's container gives them.
    `dead_letter_backlog` serves the `dead-letters` command alone.
    """

    settings = providers.Dependency(instance_of=Settings)

    broker = providers.Singleton(
        NatsBroker, settings.provided.broker_url, logger=None, max_reconnect_attempts=-1
    )
    message_publisher = providers.Singleton(NatsMessagePublisher, broker)
    dead_letters = providers.Singleton(NatsDeadLetterQueue, broker)
    dead_letter_backlog = providers.Singleton(NatsDeadLetterBacklog, broker)
    health_check = providers.Singleton(BrokerHealthCheck, broker)
    connection = providers.Factory(
        NatsConnection, broker, consumer_name=settings.provided.service_name
    )
