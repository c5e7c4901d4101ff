"""The container gives each port its adapter.

The annotated assignments are checked by `mypy --strict`: an adapter that no longer
satisfies its port fails `make lint`, even though the container's wiring is dynamic.
"""

import asyncio
import os
from collections.abc import AsyncIterator

import pytest
from dependency_injector import providers
from sqlalchemy import QueuePool

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
)
from {{cookiecutter.package_name}}.application.delivery.outbox_relay import OutboxRelay
from {{cookiecutter.package_name}}.application.ports import Clock, HealthCheck, UnitOfWork
from {{cookiecutter.package_name}}.application.ports.dead_letter_queue import DeadLetterQueue
from {{cookiecutter.package_name}}.application.ports.message_publisher import MessagePublisher
from {{cookiecutter.package_name}}.application.ports.outbox import Outbox
from {{cookiecutter.package_name}}.application.use_cases.check_readiness import (
    CheckReadiness,
    CheckReadinessHandler,
)
from {{cookiecutter.package_name}}.bootstrap.brokers.in_memory import (
    BrokerContainer as InMemoryBrokerContainer,
)
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings, load_settings

from tests.messaging import a_message
from tests.unit.application.fakes import FakeHealthCheck


def settings_at(database_url: str, **variables: str) -> Settings:
    """The settings the environment gives, at this database: a broker it names still counts."""
    return load_settings(os.environ | {"DATABASE_URL": database_url} | variables)


@pytest.fixture
async def container(database_url: str) -> AsyncIterator[Container]:
    container = Container()
    container.settings.override(providers.Object(settings_at(database_url)))
    yield container
    await container.engine().dispose()


def test_each_port_resolves_to_its_adapter(container: Container) -> None:
    clock: Clock = container.clock()
    unit_of_work: UnitOfWork = container.unit_of_work()
    outbox: Outbox = container.outbox()
    health_checks: list[HealthCheck] = container.health_checks()

    assert isinstance(clock, SystemClock)
    assert isinstance(unit_of_work, SqlAlchemyUnitOfWork)
    assert isinstance(outbox, SqlAlchemyOutbox)
    assert [check.name for check in health_checks] == ["database", "broker", "outbox"]


async def test_one_in_memory_broker_plays_every_messaging_part(database_url: str) -> None:
    brokers = InMemoryBrokerContainer(settings=settings_at(database_url))
    broker = brokers.broker()
    publisher: MessagePublisher = brokers.message_publisher()
    dead_letters: DeadLetterQueue = brokers.dead_letters()
    message = a_message(1)

    await publisher.publish(message)
    await dead_letters.put("this-service", b"{}", {}, "unreadable")
    broker.accepting = False

    assert broker.published == [message]
    assert [letter.reason for letter in broker.dead_letters] == ["unreadable"]
    with pytest.raises(ConnectionError):
        await brokers.health_check().check()


async def test_the_engine_pool_has_the_configured_size(database_url: str) -> None:
    container = Container()
    settings = settings_at(database_url, DATABASE_POOL_SIZE="4")
    container.settings.override(providers.Object(settings))
    try:
        pool = container.engine().pool
        assert isinstance(pool, QueuePool)
        assert pool.size() == 4
    finally:
        await container.engine().dispose()


def test_singletons_are_shared_and_units_of_work_are_not(container: Container) -> None:
    assert container.engine() is container.engine()
    assert container.relay() is container.relay()
    assert isinstance(container.relay(), OutboxRelay)
    assert container.unit_of_work() is not container.unit_of_work()


async def test_the_service_becomes_ready_once_its_database_broker_and_relay_answer(
    migrated_database_url: str,
) -> None:
    container = Container()
    container.settings.override(providers.Object(settings_at(migrated_database_url)))
    messaging = container.messaging()
    await messaging.start(relay=True)
    try:
        handler: CheckReadinessHandler = container.check_readiness()
        # The broker connects in the background: readiness follows within moments.
        async with asyncio.timeout(10):
            while not (report := await handler.execute(CheckReadiness())).ready:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    finally:
        await messaging.stop()
        await container.engine().dispose()

    checked = [(status.name, status.healthy) for status in report.dependencies]
    assert checked == [("database", True), ("broker", True), ("outbox", True)]


async def test_readiness_waits_for_each_dependency_as_long_as_the_settings_say(
    database_url: str,
) -> None:
    container = Container()
    settings = settings_at(database_url, READINESS_TIMEOUT_SECONDS="0.05")
    container.settings.override(providers.Object(settings))
    slow = FakeHealthCheck("slow", delay_seconds=5)
    container.health_checks.override(providers.List(providers.Object(slow)))

    report = await container.check_readiness().execute(CheckReadiness())

    checked = [(status.name, status.healthy, status.detail) for status in report.dependencies]
    assert checked == [("slow", False, "no answer in 0.05s")]
