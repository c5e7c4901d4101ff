"""The `replay-dead-letters` command: hand the service's dead letters back to its consumers.

Run it (`make replay-dead-letters`) once the fault that buried them is mended: a consumer
fixed and deployed, or the data it lacked put right. It connects to the broker without
consuming the service's queue, and replays each consumer's letters through the
consumer's own receiver (`application/delivery/dead_letter_replay.py`), beside any
process of the service that is running: each letter still has one effect at most.
"""

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from {{cookiecutter.package_name}}.application.delivery.dead_letter_replay import DeadLetterReplay
from {{cookiecutter.package_name}}.application.delivery.message_receiver import Outcome
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.logging import configure_logging

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 10.0
"""How long the broker has to answer before the command gives up: some clients would
otherwise keep trying for minutes."""


async def replay_dead_letters(container: Container) -> bool:
    """Replay every consumer's dead letters; False if the broker could not be reached or a
    replay had to stop (each logged)."""
    broker = container.broker()
    try:
        try:
            # Connected, not started: this process takes nothing from the service's queue.
            async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
                await broker.connect()
                # Some clients connect lazily: ask, so that a broker that is not there says so.
                await container.broker_health_check().check()
        except Exception as error:  # noqa: BLE001 - whatever it was, the broker is not there
            logger.error("the broker did not answer, so nothing was replayed: %r", error)
            return False
        return await _replay_each_consumer(container)
    finally:
        await broker.stop()
        await container.engine().dispose()


async def _replay_each_consumer(container: Container) -> bool:
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


def main(arguments: Sequence[str] | None = None) -> None:
    """The command, with no options: exit 0 once every letter is replayed, else 1."""
    parser = argparse.ArgumentParser(
        prog="{{ cookiecutter.service_name }}-replay-dead-letters",
        description="Hand the dead letters of the service's consumers back to them.",
    )
    parser.parse_args(arguments)
    container = Container()
    configure_logging(container.settings().log_level)
    sys.exit(0 if asyncio.run(replay_dead_letters(container)) else 1)
