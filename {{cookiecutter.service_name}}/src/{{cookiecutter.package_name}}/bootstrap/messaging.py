"""The messaging side of the process: keep the broker connected, the outbox relayed, and
the housekeeping beside the relay running."""

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Sequence
from typing import Protocol

from {{cookiecutter.package_name}}.application.delivery.outbox_relay import OutboxRelay
from {{cookiecutter.package_name}}.application.delivery.stop_signal import wait_unless_stopped
from {{cookiecutter.package_name}}.bootstrap.recurring_job import RecurringJob

logger = logging.getLogger(__name__)


class BrokerConnection(Protocol):
    """One broker's wiring (`bootstrap/brokers/`): connect with the receivers subscribed."""

    async def connect(self) -> None:
        """Connect, declare and subscribe; raise if the broker cannot be reached."""
        ...

    async def close(self) -> None: ...


class MessagingRuntime:
    """Runs in the background of the API process, or of the `worker`, until stopped.

    The broker may be down when the process starts: connecting is retried with a bounded
    backoff while the service already serves (readiness reports the broker failing).
    The relay runs at the same time; until the broker answers, it backs off too, and the
    outbox keeps every message. Where the relay runs, the recurring `jobs` run beside it
    (the message history's pruning, and any job a bounded context adds), so each
    deployment runs them where it runs the relay: in the API, or in the `worker`.
    """

    def __init__(
        self,
        connection: BrokerConnection,
        relay: OutboxRelay,
        jobs: Sequence[RecurringJob],
        max_backoff_seconds: float = 10.0,
        stop_grace_seconds: float = 10.0,
    ) -> None:
        self._connection = connection
        self._relay = relay
        self._jobs = tuple(jobs)
        self._max_backoff_seconds = max_backoff_seconds
        self._stop_grace_seconds = stop_grace_seconds
        self._stop = asyncio.Event()
        self._connecting: asyncio.Task[None] | None = None
        self._relaying: asyncio.Task[None] | None = None
        self._running_jobs: list[asyncio.Task[None]] = []

    async def start(self, *, relay: bool) -> None:
        self._stop.clear()
        self._connecting = asyncio.create_task(self._keep_connecting(), name="broker-connect")
        if relay:
            self._relaying = asyncio.create_task(self._relay.run(self._stop), name="relay")
            self._running_jobs = [
                asyncio.create_task(job.run(self._stop), name=job.name) for job in self._jobs
            ]

    async def stop(self) -> None:
        """Stop relaying and connecting, then close the broker; this never raises, and
        takes at most about twice `stop_grace_seconds`.

        A broker that cannot be closed cleanly (it is down, or its client is reconnecting,
        or it stopped answering) is logged as a warning: the process is stopping anyway,
        and its caller still has the database to close.
        """
        # A job's round is abandoned: it may have a backlog of thousands before it, and each
        # of its transactions is short and rolled back if cut. The relay finishes its round
        # if it can within the grace (its claimed messages are leased, so a round cut short
        # sends them again later), and so does a connection attempt: cut short, a client
        # can leave a half-open connection behind that nothing closes.
        self._stop.set()
        for job in self._running_jobs:
            job.cancel()
        finishing = {
            name: task
            for name, task in (
                ("connecting to the broker", self._connecting),
                ("the relay's round", self._relaying),
            )
            if task is not None
        }
        if finishing:
            _, unfinished = await asyncio.wait(finishing.values(), timeout=self._stop_grace_seconds)
            for name, part in finishing.items():
                if part in unfinished:
                    logger.warning(
                        "%s did not end within %.0fs; cut short", name, self._stop_grace_seconds
                    )
                    part.cancel()
        for task in (self._connecting, self._relaying, *self._running_jobs):
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._connecting = self._relaying = None
        self._running_jobs = []
        try:
            async with asyncio.timeout(self._stop_grace_seconds):
                await self._connection.close()
        except Exception as error:  # noqa: BLE001 - nothing is left to do with the broker
            logger.warning("broker not closed cleanly: %s", _described(error))

    async def _keep_connecting(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            try:
                await self._connection.connect()
            except Exception as error:  # noqa: BLE001 - any failure means "try again later"
                if self._stop.is_set():
                    return  # stopping: an attempt that failed meanwhile is no news
                logger.warning(
                    "broker unreachable, retrying in %.1fs: %s", backoff, _described(error)
                )
                await wait_unless_stopped(self._stop, backoff)
                backoff = min(backoff * 2, self._max_backoff_seconds)
            else:
                logger.info("broker connected")
                return


def _described(error: Exception) -> str:
    """`error` in a log line: its type's name, then its text if it has one (a
    `TimeoutError()` has none)."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def process_name() -> str:
    """This process's name, host and process id: on the outbox leases it takes, and as
    its consumer where the broker names each one (a Redis consumer group)."""
    return f"{socket.gethostname()}-{os.getpid()}"
