import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from {{cookiecutter.package_name}}.application.delivery.stop_signal import wait_unless_stopped
from {{cookiecutter.package_name}}.application.errors import UnavailableError

logger = logging.getLogger(__name__)


class RecurringJob:
    """Does one round of some housekeeping now, then every `every`, until stopped.

    A round that fails is logged and tried again at the next: while the database is away,
    as one warning line; anything unexpected with its traceback. The job never ends the
    process, which still serves while its database comes back.
    """

    def __init__(
        self, name: str, do_round: Callable[[], Awaitable[object]], every: timedelta
    ) -> None:
        self._name = name
        self._do_round = do_round
        self._every = every

    @property
    def name(self) -> str:
        return self._name

    async def run(self, stop: asyncio.Event) -> None:
        """A round now, then one every `every`, until `stop` is set."""
        while not stop.is_set():
            await self.run_round()
            await wait_unless_stopped(stop, self._every.total_seconds())

    async def run_round(self) -> None:
        """One round; a failure is logged, never raised."""
        try:
            await self._do_round()
        except UnavailableError as error:  # expected while the database is away
            logger.warning("%s failed, tried again later: %s", self._name, error)
        except Exception:
            logger.exception("%s failed, tried again later", self._name)
