"""A monotonic clock for the tests: its seconds pass only when a test says so."""


class ManualClock:
    """Monotonic seconds (`time.monotonic`'s part), moved on by `now += seconds`."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
