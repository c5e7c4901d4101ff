from contextlib import AbstractContextManager
from typing import Protocol


class Tracer(Protocol):
    """Records spans of the service's work, joined to the traces of the services around it.

    Trace context travels as W3C `traceparent` strings (`application/messaging/
    trace_context.py`), so nothing here names a tracing library.
    """

    def message_span(self, name: str, parent: str | None) -> AbstractContextManager[str | None]:
        """A span of handling a message, continuing the trace of `parent` (a new trace when
        None), around the block; it ends with the block, marked failed if the block raised.

        Yields the `traceparent` the block's work hands on: the span's, or `parent` when
        nothing is recorded.
        """
        ...

    def current(self) -> str | None:
        """The `traceparent` of the span being recorded around the caller, if any."""
        ...
