"""The messaging runtime says what went wrong with the broker in one line, and stopping it
always completes."""

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from dependency_injector import providers

from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.messaging import BrokerConnection
from {{cookiecutter.package_name}}.bootstrap.settings import Settings
from tests.integration.bootstrap.brokers import BrokerThatCannotBeClosed, BrokerUnreachableOnce

RUNTIME_LOGGER = "{{cookiecutter.package_name}}.bootstrap.messaging"


@pytest.fixture
async def container(database_url: str) -> AsyncIterator[Container]:
    container = Container()
    container.settings.override(providers.Object(Settings(database_url=database_url)))
    yield container
    await container.engine().dispose()


def on(container: Container, connection: BrokerConnection) -> Container:
    container.broker_connection.override(providers.Object(connection))
    return container


async def test_a_broker_that_cannot_be_closed_is_one_warning_and_stopping_completes(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    broker = BrokerThatCannotBeClosed()
    messaging = on(container, broker).messaging()
    await messaging.start(relay=False)

    with caplog.at_level(logging.WARNING, logger=RUNTIME_LOGGER):
        await messaging.stop()

    assert broker.close_attempts == 1
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        "broker not closed cleanly: ConnectionError: the connection is reconnecting"
    )
    assert record.exc_info is None


async def test_an_error_without_text_is_logged_by_its_type_name(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    broker = BrokerUnreachableOnce(TimeoutError())
    messaging = on(container, broker).messaging()

    with caplog.at_level(logging.WARNING, logger=RUNTIME_LOGGER):
        await messaging.start(relay=False)
        async with asyncio.timeout(5):
            await broker.connected.wait()
    await messaging.stop()

    [record] = caplog.records
    assert record.getMessage() == "broker unreachable, retrying in 0.2s: TimeoutError"
