import pytest
from starlette.types import Message, Receive, Scope, Send

from {{cookiecutter.package_name}}.adapters.inbound.rest.request_context import (
    RequestContextMiddleware,
)
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    MessageContext,
    current_message_context,
)

from tests.messaging import TRACEPARENT


class ContextRecorder:
    """An ASGI app that remembers the message context each call ran in."""

    def __init__(self) -> None:
        self.seen: list[MessageContext | None] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.seen.append(current_message_context())


async def call(middleware: RequestContextMiddleware, scope: Scope) -> None:
    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        pass

    await middleware(scope, receive, send)


def http(*headers: tuple[bytes, bytes], method: str = "POST") -> Scope:
    return {"type": "http", "method": method, "path": "/", "headers": list(headers)}


async def test_a_request_runs_in_a_new_flow_that_carries_its_trace_context() -> None:
    recorder = ContextRecorder()

    await call(RequestContextMiddleware(recorder), http((b"traceparent", TRACEPARENT.encode())))

    [context] = recorder.seen
    assert context is not None
    assert context.traceparent == TRACEPARENT
    assert context.causation_id is None
    assert context.handling is None


async def test_each_request_gets_a_correlation_id_of_its_own() -> None:
    recorder = ContextRecorder()
    middleware = RequestContextMiddleware(recorder)

    await call(middleware, http())
    await call(middleware, http())

    first, second = recorder.seen
    assert first is not None
    assert second is not None
    assert first.correlation_id != second.correlation_id
    assert first.traceparent is None


async def test_the_context_ends_with_the_request() -> None:
    await call(RequestContextMiddleware(ContextRecorder()), http())

    assert current_message_context() is None


@pytest.mark.parametrize(
    "traceparent",
    [
        pytest.param(TRACEPARENT.upper().encode(), id="upper-case"),
        pytest.param(TRACEPARENT.replace("-", "\N{EN DASH}").encode(), id="not-ascii"),
    ],
)
async def test_a_malformed_traceparent_is_dropped(traceparent: bytes) -> None:
    recorder = ContextRecorder()

    await call(RequestContextMiddleware(recorder), http((b"traceparent", traceparent)))

    [context] = recorder.seen
    assert context is not None
    assert context.traceparent is None


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
async def test_a_request_that_changes_nothing_runs_outside_any_context(method: str) -> None:
    recorder = ContextRecorder()
    scope = http((b"traceparent", TRACEPARENT.encode()), method=method)

    await call(RequestContextMiddleware(recorder), scope)

    assert recorder.seen == [None]


async def test_the_lifespan_runs_outside_any_context() -> None:
    recorder = ContextRecorder()

    await call(RequestContextMiddleware(recorder), {"type": "lifespan"})

    assert recorder.seen == [None]
