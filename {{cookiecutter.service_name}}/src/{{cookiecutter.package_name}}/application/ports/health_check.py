from typing import Protocol


class HealthCheck(Protocol):
    """One dependency the service needs in order to serve (a database, a broker)."""

    @property
    def name(self) -> str:
        """A short name for reports, such as `database`."""
        ...

    async def check(self) -> None:
        """Return when the dependency answers; raise any exception when it does not."""
        ...
