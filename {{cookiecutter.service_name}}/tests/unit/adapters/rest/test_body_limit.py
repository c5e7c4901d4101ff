"""A body longer than the limit is refused with 413 before the app reads it; any other
reaches the app whole."""

import json
from collections.abc import Sequence

from starlette.types import Message, Receive, Scope, Send

from {{cookiecutter.package_name}}.adapters.inbound.rest.body_limit import (
    RequestBodyLimitMiddleware,
)

LIMIT = 10


class BodyReader:
    """An ASGI app that reads the whole body, as a JSON route does, and answers 204."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def post(
    chunks: Sequence[bytes], *, declared: int | None = None, method: str = "POST"
) -> tuple[BodyReader, int, bytes, int]:
    """Send `chunks` through the middleware; the app, the status, the answer's body, and how
    many chunks the middleware took."""
    app = BodyReader()
    headers = [] if declared is None else [(b"content-length", str(declared).encode())]
    scope = {"type": "http", "method": method, "path": "/things", "headers": headers}
    to_send = [
        {"type": "http.request", "body": chunk, "more_body": number < len(chunks) - 1}
        for number, chunk in enumerate(chunks)
    ]
    taken = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal taken
        taken += 1
        return to_send.pop(0) if to_send else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await RequestBodyLimitMiddleware(app, max_bytes=LIMIT)(scope, receive, send)
    body = b"".join(message.get("body", b"") for message in sent[1:])
    return app, sent[0]["status"], body, taken


async def test_a_body_declared_longer_than_the_limit_is_refused_unread() -> None:
    app, status, body, taken = await post([b"x" * 11], declared=11)

    assert (status, taken, app.bodies) == (413, 0, [])
    problem = json.loads(body)
    assert problem["detail"] == "the body is longer than the 10 bytes this service takes"
    assert problem["instance"] == "/things"


async def test_a_body_declared_within_the_limit_reaches_the_app_as_sent() -> None:
    app, status, _, _ = await post([b"12345", b"67890"], declared=10)

    assert (status, app.bodies) == (204, [b"1234567890"])


async def test_a_chunked_body_is_refused_once_it_passes_the_limit() -> None:
    app, status, _, taken = await post([b"123456", b"7890", b"!", b"never read"])

    assert (status, taken, app.bodies) == (413, 3, [])


async def test_a_chunked_body_within_the_limit_reaches_the_app_whole() -> None:
    app, status, _, _ = await post([b"123", b"", b"4567890"])

    assert (status, app.bodies) == (204, [b"1234567890"])


async def test_a_safe_request_is_not_looked_at() -> None:
    app, status, _, _ = await post([b"x" * 11], declared=11, method="GET")

    assert (status, app.bodies) == (204, [b"x" * 11])
