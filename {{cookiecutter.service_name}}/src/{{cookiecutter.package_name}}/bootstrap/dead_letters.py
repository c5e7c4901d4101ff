"""The `dead-letters` command: show the consumers' dead letters, or hand them back.

`list` (`make dead-letters`) writes a line per letter, oldest first, with why it was given
up on, and removes nothing. `replay` (`make replay-dead-letters`), once the fault that
buried them is mended (a consumer fixed and deployed, or the data it lacked put right),
hands each consumer's letters back to it through its own receiver
(`application/delivery/dead_letter_replay.py`). Both connect to the broker without
consuming the service's queue, so they run beside the service's processes: each letter
still has one effect at most.
"""

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TextIO

from {{cookiecutter.package_name}}.application.delivery.dead_letter_replay import DeadLetterReplay
from {{cookiecutter.package_name}}.application.delivery.message_receiver import Outcome
from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetter
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.logging import configure_logging

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 10.0
"""How long the broker has to answer before the command gives up: some clients would
otherwise keep trying for minutes."""


async def list_dead_letters(container: Container, out: TextIO) -> bool:
    """Write each consumer's dead letters to `out`, a line each, then their count; False
    if the broker could not be reached (logged)."""

    async def list_each_consumer() -> bool:
        backlog = container.messaging_broker.dead_letter_backlog()
        for receiver in container.receivers():
            held = 0
            # Closed even if writing fails: on RabbitMQ, the letters read go back in place.
            async with contextlib.aclosing(backlog.letters(receiver.consumer_name)) as letters:
                async for letter in letters:
                    held += 1
                    print(described(letter), file=out)
            print(f"{receiver.consumer_name}: {held} dead letters", file=out)
        return True

    return await _with_broker(container, list_each_consumer)


async def replay_dead_letters(container: Container) -> bool:
    """Replay every consumer's dead letters; False if the broker could not be reached or a
    replay had to stop (each logged)."""

    async def replay_each_consumer() -> bool:
        replay = DeadLetterReplay(container.messaging_broker.dead_letter_backlog())
        for receiver in container.receivers():
            try:
                outcomes = await replay.replay(receiver)
            except Exception:
                logger.exception(
                    "replay of %s stopped; that letter and those behind it are kept",
                    receiver.consumer_name,
                )
                return False
            counts = ", ".join(f"{outcomes[o]} {o.value}" for o in Outcome if outcomes[o])
            logger.info(
                "replayed %d dead letters of %s%s",
                sum(outcomes.values()),
                receiver.consumer_name,
                f": {counts}" if counts else "",
            )
        return True

    return await _with_broker(container, replay_each_consumer)


def described(letter: DeadLetter) -> str:
    """One line on a letter: its consumer, what the message was, and why it was buried."""
    try:
        message = Message.from_json(letter.body, letter.headers)
    except MalformedMessageError:
        what = f"a body that is no message ({len(letter.body)} bytes)"
    else:
        what = (
            f"{message.type} v{message.version} {message.id}"
            f" (aggregate {message.aggregate_id}, correlation {message.correlation_id})"
        )
    return f"{letter.consumer}: {what}: {letter.reason}"


async def _with_broker(container: Container, work: Callable[[], Awaitable[bool]]) -> bool:
    broker = container.broker()
    try:
        try:
            # Connected, not started: this process takes nothing from the service's queue.
            async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
                await broker.connect()
                # Some clients connect lazily: ask, so that a broker that is not there says so.
                await container.broker_health_check().check()
        except Exception as error:  # noqa: BLE001 - whatever it was, the broker is not there
            logger.error("the broker did not answer, so nothing was done: %r", error)
            return False
        return await work()
    finally:
        await broker.stop()
        await container.engine().dispose()


def main(arguments: Sequence[str] | None = None) -> None:
    """The command, `list` or `replay`: exit 0 once done, 1 if it could not finish."""
    parser = argparse.ArgumentParser(
        prog="{{ cookiecutter.service_name }}-dead-letters",
        description="Show the dead letters of the service's consumers, or hand them back.",
    )
    parser.add_argument(
        "action",
        choices=["list", "replay"],
        help="list: a line per letter, removing nothing; replay: hand each back to its consumer",
    )
    options = parser.parse_args(arguments)
    container = Container()
    configure_logging(container.settings().log_level)
    if options.action == "list":
        done = asyncio.run(list_dead_letters(container, sys.stdout))
    else:
        done = asyncio.run(replay_dead_letters(container))
    sys.exit(0 if done else 1)
