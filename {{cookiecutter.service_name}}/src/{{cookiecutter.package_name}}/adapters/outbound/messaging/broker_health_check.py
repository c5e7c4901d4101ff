from typing import Protocol


class Pingable(Protocol):
    async def ping(self, timeout: float | None) -> bool: ...  # noqa: ASYNC109 - FastStream's


class BrokerHealthCheck:
    """The `HealthCheck` port for a FastStream broker: it answers a ping in time."""

    name = "broker"

    def __init__(self, broker: Pingable, timeout_seconds: float = 1.0) -> None:
        self._broker = broker
        self._timeout_seconds = timeout_seconds

    async def check(self) -> None:
        if not await self._broker.ping(self._timeout_seconds):
            raise ConnectionError("the broker does not answer")
