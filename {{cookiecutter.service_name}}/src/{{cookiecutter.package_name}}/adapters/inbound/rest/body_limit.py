"""A request body larger than the service takes is refused before it is read whole.

Neither uvicorn nor FastAPI bounds a body: a route that takes JSON reads all of it into
memory first, so a few large requests could exhaust the process's memory.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import problem_response
from {{cookiecutter.package_name}}.adapters.inbound.rest.request_context import SAFE_METHODS


class RequestBodyLimitMiddleware:
    """ASGI middleware: answers 413 to a request whose body is longer than `max_bytes`.

    A body that declares its length (`Content-Length`) is judged by it, unread: the server
    delivers no more than it declares. One sent in chunks is read up to the limit, then
    handed on whole, or refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self._app = app
        self._max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A safe method's body is never read by the routes: it costs nothing to let it be.
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self._app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None:
            if declared > self._max_bytes:
                await self._refuse(scope, receive, send)
                return
            await self._app(scope, receive, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left: let the app see it
                await self._app(scope, _replaying([message], receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self._max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self._app(scope, _replaying([whole], receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"the body is longer than the {self._max_bytes} bytes this service takes"
        response = problem_response(413, detail=detail, instance=scope["path"])
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            # The server has already refused a length that is not a number.
            return int(value) if value.isdigit() else None
    return None


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """`receive`, after handing out `messages` first."""
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
