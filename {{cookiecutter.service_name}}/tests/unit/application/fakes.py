"""Hand-written fakes of the ports: small, honest classes instead of mocks."""

import asyncio
from datetime import datetime, timedelta


class FakeHealthCheck:
    """A dependency that answers, fails with `error`, or takes `delay_seconds` to answer."""

    def __init__(
        self, name: str, *, error: Exception | None = None, delay_seconds: float = 0
    ) -> None:
        self.name = name
        self._error = error
        self._delay_seconds = delay_seconds
        self.calls = 0

    async def check(self) -> None:
        self.calls += 1
        await asyncio.sleep(self._delay_seconds)
        if self._error is not None:
            raise self._error


class FixedClock:
    """A clock that stands still until the test moves it."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


class FakeMessageHistory:
    """Sent and handled messages and request keys, each by when it was sent or handled;
    forgets as asked, and notes the size of every batch it forgot."""

    def __init__(
        self,
        *,
        sent: list[datetime],
        handled: list[datetime],
        request_keys: list[datetime] | None = None,
    ) -> None:
        self.sent = sorted(sent)
        self.handled = sorted(handled)
        self.request_keys = sorted(request_keys or [])
        self.batches: list[int] = []

    async def forget_sent(self, before: datetime, limit: int) -> int:
        return self._forget(self.sent, before, limit)

    async def forget_handled(self, before: datetime, limit: int) -> int:
        return self._forget(self.handled, before, limit)

    async def forget_request_keys(self, before: datetime, limit: int) -> int:
        return self._forget(self.request_keys, before, limit)

    def _forget(self, times: list[datetime], before: datetime, limit: int) -> int:
        forgotten = [at for at in times if at < before][:limit]
        for at in forgotten:
            times.remove(at)
        self.batches.append(len(forgotten))
        return len(forgotten)
