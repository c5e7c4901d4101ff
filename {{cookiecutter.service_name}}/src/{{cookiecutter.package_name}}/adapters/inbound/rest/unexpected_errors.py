"""An error no handler maps ends here: one 500 problem to the client, one line in the log."""

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import problem_response

logger = logging.getLogger(__name__)


class UnexpectedErrorMiddleware:
    """ASGI middleware: answers an unmapped exception with a bare 500 and logs it once.

    Starlette's own outermost middleware would answer the 500 too, but it re-raises the
    exception afterwards so that the server logs it again, with neither the request nor
    its flow. Placed inside `RequestContextMiddleware`, this one logs in the request's
    context, and the exception goes no further. The client learns nothing of the internals.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        response_started = False

        async def send_and_note_start(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self._app(scope, receive, send_and_note_start)
        except Exception:
            logger.exception("unhandled error on %s %s", scope["method"], scope["path"])
            if response_started:
                raise  # too late for a 500: the server can only drop the connection
            await problem_response(500, instance=scope["path"])(scope, receive, send)
