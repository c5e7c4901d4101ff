import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.message_history import MessageHistory

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long the message history is kept (the settings say, `*_RETENTION_DAYS` and
    `IDEMPOTENCY_KEY_RETENTION_HOURS`), and how many rows each delete takes at most."""

    sent_kept: timedelta
    handled_kept: timedelta
    keys_kept: timedelta
    batch_size: int = 1000


class HistoryPruner:
    """Forgets sent and handled messages, and the idempotency keys of handled requests, once
    they are older than the policy keeps them.

    It deletes in batches, each a short transaction of its own, so a writer (on SQLite,
    every writer) waits for one batch at most, never for the whole prune. It runs beside
    the relay, every hour (`bootstrap/container.py`); several processes may prune at once,
    since forgetting twice is harmless.
    """

    def __init__(self, history: MessageHistory, clock: Clock, policy: RetentionPolicy) -> None:
        self._history = history
        self._clock = clock
        self._policy = policy

    async def prune_once(self) -> tuple[int, int, int]:
        """Forget all that is past its time; returns how many (sent, handled, keys) were."""
        now = self._clock.now()
        sent = await self._in_batches(self._history.forget_sent, now - self._policy.sent_kept)
        handled = await self._in_batches(
            self._history.forget_handled, now - self._policy.handled_kept
        )
        keys = await self._in_batches(
            self._history.forget_request_keys, now - self._policy.keys_kept
        )
        if sent or handled or keys:
            logger.info(
                "message history pruned: %d sent, %d handled, %d request keys", sent, handled, keys
            )
        return sent, handled, keys

    async def _in_batches(
        self, forget: Callable[[datetime, int], Awaitable[int]], before: datetime
    ) -> int:
        total = 0
        while True:
            forgotten = await forget(before, self._policy.batch_size)
            total += forgotten
            if forgotten < self._policy.batch_size:
                return total
