"""Every HTTP request that may change something runs in the message context of its work.

The messages that such a request's commits write to the outbox then share one new
correlation id, and carry on the W3C trace context the request came with (the
`traceparent` header, set by the gateway or the caller), so that the consumers downstream
continue its trace (`application/messaging/message_context.py`). A malformed `traceparent`
is dropped, as the W3C Trace Context recommendation says: the trace starts afresh here.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from {{cookiecutter.package_name}}.application.messaging.message_context import (
    message_context,
    request_context,
)
from {{cookiecutter.package_name}}.application.messaging.null_tracer import NullTracer
from {{cookiecutter.package_name}}.application.messaging.trace_context import checked_traceparent
from {{cookiecutter.package_name}}.application.ports.tracer import Tracer

# A safe method changes nothing, so it sends no messages: its requests need no context,
# which would cost each of them a new id (about 1% of a read's CPU).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RequestContextMiddleware:
    """ASGI middleware: runs each HTTP request of an unsafe method (`POST`, `PUT`, `PATCH`,
    `DELETE`) inside a `request_context` of its own.

    With a `Tracer` recording the request's span, the messages continue the trace from
    that span. Plain ASGI rather than Starlette's `BaseHTTPMiddleware`, which would copy
    every response body through a stream of its own.
    """

    def __init__(self, app: ASGIApp, tracer: Tracer | None = None) -> None:
        self._app = app
        self._tracer = tracer or NullTracer()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self._app(scope, receive, send)
            return
        # The request's span, where one is recorded, is what the messages continue.
        traceparent = self._tracer.current() or traceparent_of(scope)
        with message_context(request_context(traceparent)):
            await self._app(scope, receive, send)


def traceparent_of(scope: Scope) -> str | None:
    """The request's `traceparent` header if it is well-formed (version 00), else None."""
    for name, value in scope["headers"]:
        if name == b"traceparent":
            # Latin-1 reads any bytes; a value that is not ASCII then fails the check.
            return checked_traceparent(value.decode("latin-1"))
    return None
