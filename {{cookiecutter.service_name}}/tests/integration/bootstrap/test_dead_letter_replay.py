"""`make replay-dead-letters` against the real broker: the service's container hands each
consumer's dead letters back to it, and says how it went."""

import logging
import socket
from collections.abc import AsyncIterator
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from dependency_injector import providers

{% if cookiecutter.broker == "nats" -%}
from {{cookiecutter.package_name}}.adapters.outbound.messaging.nats_publisher import (
    declare_streams,
)
{% endif -%}
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    RetryPolicy,
)
from {{cookiecutter.package_name}}.application.errors import UnavailableError
from {{cookiecutter.package_name}}.bootstrap import dead_letter_replay
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings

from tests.dead_letter_backlog_contract import NumberReader, all_letters, bury, held_come_to

REPLAY_LOGGER = "{{cookiecutter.package_name}}.bootstrap.dead_letter_replay"


class ReaderWithoutItsDatabase(NumberReader):
    async def handle(self, event_type: str, version: int, payload: object) -> bool:
        raise UnavailableError("the database is unavailable (connection refused)")


def on_a_closed_port() -> str:
    """The service's default broker URL, on a port of 127.0.0.1 nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    default = urlsplit(Settings().broker_url)
    return default._replace(netloc=default.netloc.replace(f":{default.port}", f":{port}")).geturl()


@pytest.fixture
async def consumer() -> AsyncIterator[str]:
    """A consumer name of the test's own; its letters are drained after."""
    name = f"test-{uuid4().hex[:12]}"
    yield name
    container = Container()
    broker = container.broker()
    await broker.connect()
    backlog = container.messaging_broker.dead_letter_backlog()
    async for letter in backlog.letters(name):
        await backlog.remove(letter)
    await broker.stop()


async def container_reading(consumer: str, reader: NumberReader, database_url: str) -> Container:
    """The service's container, whose one consumer is `reader`, named `consumer`, with
    `consumer`'s dead letters numbered 1 and 2 already buried."""
    container = Container()
    container.settings.override(providers.Object(Settings(database_url=database_url)))
    receiver = MessageReceiver(
        reader, container.dead_letters(), consumer, RetryPolicy(max_attempts=1)
    )
    container.receivers.override(providers.List(providers.Object(receiver)))
    broker = container.broker()
    await broker.connect()
{%- if cookiecutter.broker == "nats" %}
    await declare_streams(broker)  # as the service does when it connects
{%- endif %}
    for number in (1, 2):
        await bury(container.dead_letters(), consumer, number)
    return container


async def test_the_dead_letters_are_handed_back_and_the_count_logged(
    consumer: str, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=REPLAY_LOGGER)
    reader = NumberReader()
    container = await container_reading(consumer, reader, database_url)

    assert await dead_letter_replay.replay_dead_letters(container) is True

    assert reader.numbers == [1, 2]
    assert f"replayed 2 dead letters of {consumer}: 2 handled" in caplog.messages
    backlog = container.messaging_broker.dead_letter_backlog()
    await container.broker().connect()
    assert await all_letters(backlog, consumer) == []
    await container.broker().stop()


async def test_a_replay_that_cannot_go_on_keeps_the_letters_and_says_so(
    consumer: str, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    container = await container_reading(consumer, ReaderWithoutItsDatabase(), database_url)

    assert await dead_letter_replay.replay_dead_letters(container) is False

    [stopped] = [record for record in caplog.records if record.name == REPLAY_LOGGER]
    assert stopped.getMessage() == (
        f"replay of {consumer} stopped; that letter and those behind it are kept"
    )
    assert stopped.exc_info is not None
    backlog = container.messaging_broker.dead_letter_backlog()
    await container.broker().connect()
    await held_come_to(backlog, consumer, [1, 2])
    await container.broker().stop()


async def test_a_broker_that_does_not_answer_is_one_line_and_nothing_replayed(
    database_url: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dead_letter_replay, "CONNECT_TIMEOUT_SECONDS", 1.0)
    container = Container()
    container.settings.override(
        providers.Object(Settings(database_url=database_url, broker_url=on_a_closed_port()))
    )

    assert await dead_letter_replay.replay_dead_letters(container) is False

    [line] = [record.getMessage() for record in caplog.records if record.name == REPLAY_LOGGER]
    assert line.startswith("the broker did not answer, so nothing was replayed: ")
