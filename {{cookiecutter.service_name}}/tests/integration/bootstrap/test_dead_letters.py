"""The `dead-letters` command against the real broker: the service's container lists each
consumer's dead letters, or hands them back to it and says how it went."""

import io
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
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetter
from {{cookiecutter.package_name}}.bootstrap import dead_letters
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings

from tests.dead_letter_backlog_contract import NumberReader, all_letters, bury, held_come_to
from tests.messaging import SOMETHING_HAPPENED

COMMAND_LOGGER = "{{cookiecutter.package_name}}.bootstrap.dead_letters"


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


async def test_the_dead_letters_are_listed_a_line_each_and_kept(
    consumer: str, database_url: str
) -> None:
    container = await container_reading(consumer, NumberReader(), database_url)
    out = io.StringIO()

    assert await dead_letters.list_dead_letters(container, out) is True

    first, second, count = out.getvalue().splitlines()
    for line, number in ((first, 1), (second, 2)):
        assert line.startswith(f"{consumer}: {SOMETHING_HAPPENED} v1 "), line
        assert line.endswith(f": buried {number}"), line
    assert count == f"{consumer}: 2 dead letters"
    await container.broker().connect()
    await held_come_to(container.messaging_broker.dead_letter_backlog(), consumer, [1, 2])
    await container.broker().stop()


def test_a_letter_that_is_no_message_is_listed_by_its_size() -> None:
    letter = DeadLetter("a-service", b"\xff not json", {}, "the body is not JSON", "1")

    assert dead_letters.described(letter) == (
        "a-service: a body that is no message (10 bytes): the body is not JSON"
    )


async def test_the_dead_letters_are_handed_back_and_the_count_logged(
    consumer: str, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=COMMAND_LOGGER)
    reader = NumberReader()
    container = await container_reading(consumer, reader, database_url)

    assert await dead_letters.replay_dead_letters(container) is True

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

    assert await dead_letters.replay_dead_letters(container) is False

    [stopped] = [record for record in caplog.records if record.name == COMMAND_LOGGER]
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
    monkeypatch.setattr(dead_letters, "CONNECT_TIMEOUT_SECONDS", 1.0)
    container = Container()
    container.settings.override(
        providers.Object(Settings(database_url=database_url, broker_url=on_a_closed_port()))
    )

    assert await dead_letters.replay_dead_letters(container) is False

    [line] = [record.getMessage() for record in caplog.records if record.name == COMMAND_LOGGER]
    assert line.startswith("the broker did not answer, so nothing was done: ")
