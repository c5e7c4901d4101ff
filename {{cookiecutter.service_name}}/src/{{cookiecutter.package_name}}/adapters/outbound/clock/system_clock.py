from datetime import UTC, datetime


class SystemClock:
    """The `Clock` port backed by the machine's clock, always in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)
