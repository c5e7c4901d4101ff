from collections.abc import Sequence

from dependency_injector import containers, providers
from faststream.redis import RedisBroker

from {{cookiecutter.package_name}}.adapters.inbound.messaging import redis_subscriber
from {{cookiecutter.package_name}}.adapters.outbound.messaging.broker_health_check import (
    BrokerHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.redis_dead_letters import (
    RedisDeadLetterBacklog,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.redis_publisher import (
    RedisDeadLetterQueue,
    RedisMessagePublisher,
)
from {{cookiecutter.package_name}}.application.delivery.message_receiver import MessageReceiver
from {{cookiecutter.package_name}}.bootstrap.messaging import process_name
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


class RedisConnection:
    """Redis with this service's consumer group (named after the service) fed to its receivers.

    Each process is one consumer of the group, named `consumer` (the container gives
    `process_name()`: host and process id). An entry left pending for
    `claim_idle_seconds` (its receiver raised, or its process died) is taken over and
    delivered again: keep it well above the time one message takes to handle, retries
    included, or a slow message is handled twice (once in effect, thanks to the inbox).
    """

    def __init__(
        self,
        broker: RedisBroker,
        receivers: Sequence[MessageReceiver],
        group_name: str,
        consumer: str,
        claim_idle_seconds: float = 30.0,
        stream: str = redis_subscriber.EVENTS_STREAM,
    ) -> None:
        self._broker = broker
        self._receivers = tuple(receivers)
        self._group_name = group_name
        self._stream = stream
        if self._receivers:
            redis_subscriber.subscribe(
                broker,
                self._receivers,
                group_name,
                consumer,
                claim_idle_seconds,
                stream,
            )

    async def connect(self) -> None:
        client = await self._broker.connect()
        # FastStream connects lazily: ask, so that a Redis that does not answer raises here.
        await client.ping()
        if self._receivers:
            await redis_subscriber.declare_group(self._broker, self._group_name, self._stream)
        await self._broker.start()

    async def close(self) -> None:
        await self._broker.stop()


class BrokerContainer(containers.DeclarativeContainer):
    """The messaging ports on Redis Streams, at `BROKER_URL`.

    `connection` still needs the receivers; the service's container gives them.
    `dead_letter_backlog` serves the `dead-letters` command alone.
    """

    settings = providers.Dependency(instance_of=Settings)

    broker = providers.Singleton(RedisBroker, settings.provided.broker_url, logger=None)
    message_publisher = providers.Singleton(RedisMessagePublisher, broker)
    dead_letters = providers.Singleton(RedisDeadLetterQueue, broker)
    dead_letter_backlog = providers.Singleton(RedisDeadLetterBacklog, broker)
    health_check = providers.Singleton(BrokerHealthCheck, broker)
    connection = providers.Factory(
        RedisConnection,
        broker,
        group_name=settings.provided.service_name,
        # Called when the connection is made, not at import: a server that forks after
        # importing the app gives each process a name of its own.
        consumer=providers.Callable(process_name),
    )
