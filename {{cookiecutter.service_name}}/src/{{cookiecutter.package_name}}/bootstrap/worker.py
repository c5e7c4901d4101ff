"""The `worker` entrypoint: the outbox relay in a process of its own, with no HTTP.

Run it (`make worker`) beside API processes started with `RUN_RELAY=false` when sending
should scale, or be deployed, apart from serving. Several workers may run at once: each
claims different aggregates from the outbox.
"""

import asyncio
import signal

from dependency_injector import providers

from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.garbage_collection import (
    start_up_objects_frozen,
    young_collections_spaced_out,
)
from {{cookiecutter.package_name}}.bootstrap.logging import configure_logging


async def serve(container: Container, stop: asyncio.Event) -> None:
    """Relay the outbox until `stop` is set, then close the broker and the database.

    A worker only publishes; it consumes nothing, the API processes do. On RabbitMQ every
    consumer of the service's queue is handed the next message in turn, so a worker
    that consumed as well would let two messages of one aggregate be handled at once.
    """
    container.receivers.override(providers.List())
    messaging = container.messaging()
    await messaging.start(relay=True)
    try:
        with start_up_objects_frozen(), young_collections_spaced_out():
            await stop.wait()
    finally:
        await messaging.stop()
        await container.engine().dispose()


def main() -> None:
    container = Container()
    configure_logging(container.settings().log_level)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(container, stop)

    asyncio.run(run())


if __name__ == "__main__":
    main()
