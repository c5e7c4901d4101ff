"""Reading the spans the tests keep in memory (the `spans` fixture, `tests/conftest.py`)."""


def ids_of(traceparent: str) -> tuple[int, int]:
    """The trace id and the parent (span) id of a `traceparent`, as OpenTelemetry has them."""
    return int(traceparent[3:35], 16), int(traceparent[36:52], 16)
