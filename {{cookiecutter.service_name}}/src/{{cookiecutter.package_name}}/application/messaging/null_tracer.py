from collections.abc import Iterator
from contextlib import contextmanager


class NullTracer:
    """The `Tracer` that records nothing: the trace context work was given is handed on
    as it came. The service's tracer while no collector is configured."""

    @contextmanager
    def message_span(self, name: str, parent: str | None) -> Iterator[str | None]:
        yield parent

    def current(self) -> str | None:
        return None
