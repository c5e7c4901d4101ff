import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from {{cookiecutter.package_name}}.application.delivery.stop_signal import wait_unless_stopped
from {{cookiecutter.package_name}}.application.errors import UnavailableError
from {{cookiecutter.package_name}}.application.messaging.message import Message
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    MessageContext,
    message_context,
)
from {{cookiecutter.package_name}}.application.ports.message_publisher import MessagePublisher
from {{cookiecutter.package_name}}.application.ports.outbox import Outbox

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RelayPolicy:
    """How the relay paces itself: batch size, lease, idle polling and backoff bounds."""

    batch_size: int = 100
    lease: timedelta = timedelta(seconds=30)
    idle_seconds: float = 0.2
    first_backoff_seconds: float = 0.2
    max_backoff_seconds: float = 10.0


class OutboxRelay:
    """Sends the outbox's messages to the broker; marks each sent only once it is accepted.

    Each round claims a batch (a lease, so a relay that dies loses nothing), publishes it
    oldest first, and marks what the broker accepted. When the broker refuses a message,
    it and everything after it in the batch are released unsent, so no aggregate's later
    message overtakes an earlier one; the relay then backs off, doubling the wait up to
    `max_backoff_seconds`. A crash between publishing and marking sends a message twice:
    delivery is at least once, and receivers act once per message id.
    """

    def __init__(
        self, outbox: Outbox, publisher: MessagePublisher, name: str, policy: RelayPolicy
    ) -> None:
        self._outbox = outbox
        self._publisher = publisher
        self._name = name
        self._policy = policy
        self.last_error: str | None = None
        """Why the last round could not send everything; None once a round succeeds."""

    @property
    def name(self) -> str:
        return self._name

    async def relay_once(self) -> int:
        """One round: claim, publish, mark. Returns how many messages were sent.

        Raises `RelayError` when the broker refused a message; what was sent before stays
        marked, and the rest is released for the next round.
        """
        claimed = await self._outbox.claim(self._name, self._policy.batch_size, self._policy.lease)
        if not claimed:
            self.last_error = None
            return 0
        sent, failure = await self._publish_in_order(claimed)
        if sent:
            await self._outbox.mark_published([message.id for message in sent])
        if failure is not None:
            unsent = [message.id for message in claimed[len(sent) :]]
            await self._outbox.release(self._name, unsent)
            self.last_error = f"{type(failure).__name__}: {failure}"
            raise RelayError(self.last_error) from failure
        self.last_error = None
        return len(sent)

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until `stop` is set: at once while there is work, backing off on failure."""
        backoff = self._policy.first_backoff_seconds
        while not stop.is_set():
            try:
                sent = await self.relay_once()
            except Exception as error:  # the broker or the database may be away a while
                if not isinstance(error, RelayError):  # which set it already
                    self.last_error = f"{type(error).__name__}: {error}"
                if isinstance(error, RelayError | UnavailableError):
                    # Expected while the broker or the database is away: one line a round.
                    logger.warning("outbox relay backs off %.1fs: %s", backoff, error)
                else:
                    logger.exception("outbox relay round failed; backs off %.1fs", backoff)
                await wait_unless_stopped(stop, backoff)
                backoff = min(backoff * 2, self._policy.max_backoff_seconds)
                continue
            backoff = self._policy.first_backoff_seconds
            if sent < self._policy.batch_size:
                await wait_unless_stopped(stop, self._policy.idle_seconds)

    async def _publish_in_order(
        self, claimed: Sequence[Message]
    ) -> tuple[list[Message], Exception | None]:
        sent: list[Message] = []
        for message in claimed:
            try:
                await self._publisher.publish(message)
            except Exception as error:  # noqa: BLE001 - any refusal means "not sent"
                return sent, error
            sent.append(message)
            _log_sent(message)
        return sent, None


def _log_sent(message: Message) -> None:
    # One line a message, in its flow, as receivers log what they handled: one search for
    # a correlation id finds when each of its messages left and when each was handled.
    if not logger.isEnabledFor(logging.INFO):
        return
    context = MessageContext(message.correlation_id, message.causation_id, message.traceparent)
    with message_context(context):
        logger.info(
            "sent %s v%d %s",
            message.type,
            message.version,
            message.id,
            extra={"aggregate_id": message.aggregate_id},
        )


class RelayError(Exception):
    """The broker did not accept a message; it stays in the outbox for the next round."""


class RelayHealthCheck:
    """The `HealthCheck` port over the relay: failing while its last round could not send."""

    name = "outbox"

    def __init__(self, relay: OutboxRelay) -> None:
        self._relay = relay

    async def check(self) -> None:
        if self._relay.last_error is not None:
            raise RelayError(self._relay.last_error)
