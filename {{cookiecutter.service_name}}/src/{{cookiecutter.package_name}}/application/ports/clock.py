from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """The current time. Use cases ask it instead of the wall clock, so tests can fix it."""

    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
        ...
