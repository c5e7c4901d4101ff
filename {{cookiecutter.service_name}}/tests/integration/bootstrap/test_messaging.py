"""The messaging runtime says what went wrong with the broker in one line, stopping it
always completes, and where it relays it also prunes the message history."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from dependency_injector import providers
from sqlalchemy import func, select, update

from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    append_to_outbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    outbox_messages,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.requests.tables import (
    handled_requests,
)
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.messaging import BrokerConnection, MessagingRuntime
from {{cookiecutter.package_name}}.bootstrap.recurring_job import RecurringJob
from {{cookiecutter.package_name}}.bootstrap.settings import Settings
from {{cookiecutter.package_name}}.bootstrap.worker import create_worker

from tests.integration.bootstrap.brokers import (
    BrokerSlowToConnect,
    BrokerThatCannotBeClosed,
    BrokerThatConnects,
    BrokerThatNeverCloses,
    BrokerUnreachableOnce,
)
from tests.messaging import a_message, eventually

RUNTIME_LOGGER = "{{cookiecutter.package_name}}.bootstrap.messaging"


def settled(settings: Settings) -> Container:
    """The service's container with these settings."""
    container = Container()
    container.settings.override(providers.Object(settings))
    return container


@pytest.fixture
async def container(database_url: str) -> AsyncIterator[Container]:
    container = settled(Settings(database_url=database_url))
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


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The runtime's own warnings (a cut-short round may also leave the pool a line)."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == RUNTIME_LOGGER and record.levelno >= logging.WARNING
    ]


class SilentPublisher:
    """Takes each message and never answers, as a broker that stopped answering would."""

    def __init__(self) -> None:
        self.sending = asyncio.Event()

    async def publish(self, message: Message) -> None:
        self.sending.set()
        await asyncio.Event().wait()


def with_grace(container: Container, seconds: float) -> Container:
    """The container, its messaging runtime given `seconds` to stop each part."""
    container.messaging.override(
        providers.Singleton(
            MessagingRuntime,
            container.broker_connection,
            container.relay,
            container.housekeeping,
            stop_grace_seconds=seconds,
        )
    )
    return container


async def test_stopping_cuts_short_a_relay_round_a_silent_broker_holds(
    migrated_database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    container = with_grace(settled(Settings(database_url=migrated_database_url)), 1.0)
    publisher = SilentPublisher()
    container.message_publisher.override(providers.Object(publisher))
    async with container.engine().begin() as connection:
        await append_to_outbox(connection, [a_message(1)])
    messaging = on(container, BrokerThatConnects()).messaging()
    await messaging.start(relay=True)
    await asyncio.wait_for(publisher.sending.wait(), timeout=10)

    with caplog.at_level(logging.WARNING, logger=RUNTIME_LOGGER):
        async with asyncio.timeout(5):
            await messaging.stop()
    await container.engine().dispose()

    assert warnings(caplog) == ["the relay's round did not end within 1s; cut short"]


async def test_a_broker_that_never_closes_is_given_up_on_after_the_grace(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    messaging = on(with_grace(container, 0.5), BrokerThatNeverCloses()).messaging()
    await messaging.start(relay=False)

    with caplog.at_level(logging.WARNING, logger=RUNTIME_LOGGER):
        async with asyncio.timeout(5):
            await messaging.stop()

    assert warnings(caplog) == ["broker not closed cleanly: TimeoutError"]


async def test_stopping_lets_a_connection_attempt_finish_then_closes_it(
    container: Container,
) -> None:
    broker = BrokerSlowToConnect(seconds=0.2)
    messaging = on(container, broker).messaging()
    await messaging.start(relay=False)
    await broker.connecting.wait()

    await messaging.stop()

    assert broker.happened == ["connected", "closed"]


async def test_a_connection_attempt_that_never_ends_is_cut_short_after_the_grace(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    broker = BrokerSlowToConnect(seconds=3600)
    messaging = on(with_grace(container, 1.0), broker).messaging()
    await messaging.start(relay=False)
    await broker.connecting.wait()

    with caplog.at_level(logging.WARNING, logger=RUNTIME_LOGGER):
        async with asyncio.timeout(5):
            await messaging.stop()

    assert broker.happened == ["connecting cut short", "closed"]
    assert warnings(caplog) == ["connecting to the broker did not end within 1s; cut short"]


async def test_stopping_as_the_broker_connects_leaves_none_of_its_clients_tasks_running(
    container: Container,
) -> None:
    # The process's own broker, as configured: a client cut short while connecting used
    # to leave a half-open connection whose tasks outlived the event loop.
    before = asyncio.all_tasks()
    messaging = container.messaging()
    await messaging.start(relay=False)
    await asyncio.sleep(0)  # the attempt has begun

    await messaging.stop()

    def left() -> set[asyncio.Task[Any]]:
        return asyncio.all_tasks() - before

    # A client's consumer may take a moment to see its connection closed; a leak never does.
    with contextlib.suppress(TimeoutError):
        await eventually(lambda: not left(), seconds=5)
    assert not left(), [task.get_coro() for task in left()]


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


async def relay_until(condition: Callable[[], Awaitable[bool]], container: Container) -> None:
    """Run the container's relay and housekeeping until `condition` holds, then stop them
    and close the database."""
    messaging = on(container, BrokerThatConnects()).messaging()
    await messaging.start(relay=True)
    try:
        await eventually(condition)
    finally:
        await messaging.stop()
        await container.engine().dispose()


async def test_where_the_relay_runs_messages_sent_long_ago_are_forgotten(
    migrated_database_url: str,
) -> None:
    container = settled(Settings(database_url=migrated_database_url, outbox_retention_days=1))
    engine = container.engine()
    async with engine.begin() as connection:
        await append_to_outbox(connection, [a_message(1)])
        two_days_ago = datetime.now(UTC) - timedelta(days=2)
        await connection.execute(update(outbox_messages).values(published_at=two_days_ago))

    async def outbox_is_empty() -> bool:
        async with engine.connect() as connection:
            return await connection.scalar(select(func.count()).select_from(outbox_messages)) == 0

    await relay_until(outbox_is_empty, container)


async def test_where_the_relay_runs_request_keys_are_forgotten_after_their_hours(
    migrated_database_url: str,
) -> None:
    settings = Settings(database_url=migrated_database_url, idempotency_key_retention_hours=1)
    container = settled(settings)
    engine = container.engine()
    now = datetime.now(UTC)
    async with engine.begin() as connection:
        await connection.execute(
            handled_requests.insert(),
            [
                {"operation": "o", "key": key, "fingerprint": "f", "resource_id": "r"}
                | {"handled_at": now - timedelta(minutes=minutes)}
                for key, minutes in (("old", 61), ("recent", 59))
            ],
        )

    async def only_the_recent_key_is_left() -> bool:
        async with engine.connect() as connection:
            return list(await connection.scalars(select(handled_requests.c.key))) == ["recent"]

    await relay_until(only_the_recent_key_is_left, container)


async def test_the_worker_relays_but_consumes_nothing(migrated_database_url: str) -> None:
    container = settled(Settings(database_url=migrated_database_url))
    subscribed: list[object] = []

    def connection(receivers: list[object]) -> BrokerThatConnects:
        subscribed.extend(receivers)
        return BrokerThatConnects()

    container.broker_connection.override(
        providers.Singleton(connection, receivers=container.receivers)
    )
    worker = create_worker(container)

    async with worker.router.lifespan_context(worker):
        pass

    assert subscribed == []


async def test_stopping_does_not_wait_for_a_jobs_round_to_finish(container: Container) -> None:
    started, never = asyncio.Event(), asyncio.Event()

    async def endless_round() -> None:  # a backlog that would take as long as it likes
        started.set()
        await never.wait()

    job = RecurringJob("endless", endless_round, every=timedelta(hours=1))
    container.housekeeping.override(providers.List(providers.Object(job)))
    messaging = on(container, BrokerThatConnects()).messaging()
    await messaging.start(relay=True)
    await started.wait()

    stopping = asyncio.create_task(messaging.stop())
    done, _ = await asyncio.wait({stopping}, timeout=5)
    never.set()  # lets a round that was not cut short end, should the test fail
    await stopping

    assert stopping in done, "stopping waited for the job's round"
