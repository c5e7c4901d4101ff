"""Each entry point closes the database as it stops, even when the broker cannot be closed."""

from dependency_injector import providers
from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.bootstrap.app import create_app
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings
from {{cookiecutter.package_name}}.bootstrap.worker import create_worker

from tests.integration.bootstrap.brokers import BrokerThatCannotBeClosed


def container_on_a_broker_that_cannot_be_closed(database_url: str) -> Container:
    container = Container()
    container.settings.override(providers.Object(Settings(database_url=database_url)))
    container.broker_connection.override(providers.Object(BrokerThatCannotBeClosed()))
    return container


def disposals_of(engine: AsyncEngine) -> list[Engine]:
    """Fills with the engine each time it is disposed of (SQLAlchemy's `engine_disposed`)."""
    disposed: list[Engine] = []
    event.listen(engine.sync_engine, "engine_disposed", disposed.append)
    return disposed


async def test_the_api_disposes_of_its_engine_when_the_broker_cannot_be_closed(
    migrated_database_url: str,
) -> None:
    container = container_on_a_broker_that_cannot_be_closed(migrated_database_url)
    disposed = disposals_of(container.engine())
    app = create_app(container)

    async with app.router.lifespan_context(app):
        pass

    assert disposed == [container.engine().sync_engine]


async def test_the_worker_disposes_of_its_engine_when_the_broker_cannot_be_closed(
    migrated_database_url: str,
) -> None:
    container = container_on_a_broker_that_cannot_be_closed(migrated_database_url)
    disposed = disposals_of(container.engine())
    worker = create_worker(container)

    async with worker.router.lifespan_context(worker):
        pass

    assert disposed == [container.engine().sync_engine]
