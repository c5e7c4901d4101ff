import contextlib
import logging
from collections import Counter
from collections.abc import Mapping

from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    Outcome,
)
from {{cookiecutter.package_name}}.application.ports.dead_letter_backlog import DeadLetterBacklog

logger = logging.getLogger(__name__)


class DeadLetterReplay:
    """Hands a consumer's dead letters back to it, oldest first, once its fault is mended.

    Each letter goes through the consumer's own receiver, as if the broker delivered it
    again: its inbox makes a letter already handled change nothing, and a letter that
    still fails is tried and buried again, with the new reason, behind the rest. A letter
    is removed from the backlog only once the receiver has returned. If the receiver
    raises (the service's database is away, or the dead-letter queue is), the replay
    stops there and raises: that letter and those behind it stay, to be replayed later.

    Nothing is published to the broker's shared destinations: the letters reach this
    consumer alone, not every service that reads their types.
    """

    def __init__(self, backlog: DeadLetterBacklog) -> None:
        self._backlog = backlog

    async def replay(self, receiver: MessageReceiver) -> Mapping[Outcome, int]:
        """Replay the receiver's dead letters; how many came to each outcome."""
        outcomes: Counter[Outcome] = Counter()
        consumer = receiver.consumer_name
        async with contextlib.aclosing(self._backlog.letters(consumer)) as letters:
            async for letter in letters:
                logger.info("replaying a dead letter of %s (%s)", consumer, letter.reason)
                outcomes[await receiver.receive(letter.body, letter.headers)] += 1
                await self._backlog.remove(letter)
        return outcomes
