import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from {{cookiecutter.package_name}}.adapters.inbound.rest.app import Lifespan
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.garbage_collection import (
    start_up_objects_frozen,
    young_collections_spaced_out,
)


def serving(container: Container, *, relay: bool) -> Lifespan:
    """The lifespan of a process of the service, the API's or the worker's.

    Before the first request, messaging starts: the broker's connection and its consumers,
    and, when `relay`, the outbox relay with the recurring jobs beside it. After the last,
    messaging stops, then the database's connections are closed, and the spans not yet
    sent are sent.
    """

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        engine = container.engine()
        messaging = container.messaging()
        await messaging.start(relay=relay)
        try:
            with start_up_objects_frozen(), young_collections_spaced_out():
                yield
        finally:
            await messaging.stop()
            await engine.dispose()
            # Off the event loop: a collector that does not answer holds it up to a timeout.
            await asyncio.to_thread(container.tracing().shutdown)

    return lifespan
