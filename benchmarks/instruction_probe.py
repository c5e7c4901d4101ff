"""What `orders_vs_flat_instructions.py` runs under callgrind: one app, in-process, in phases.

    python instruction_probe.py layered|flat REQUESTS LOG [--flat-dir DIR] [--by-module]

It starts the app as uvicorn would (import, build, lifespan), on the event loop uvicorn
would pick (uvloop, which the service depends on), and sends it, through ASGI with no
network, a first `GET /health/live`, then warm-up orders, then REQUESTS
`POST /orders` and a `GET /orders/{id}` of each, each with the access token in
`PROBE_ACCESS_TOKEN`. Between phases it calls `os.getppid()`,
which callgrind is told to dump its counters before (`--dump-before=os_getppid`), so each
phase gets a count of its own: the start-up to the first 200 (importing and building the
app, starting its lifespan, the first request), the warm-up, the POSTs, the GETs. Each mark
is logged, in order, to LOG: callgrind's Nth part is what ran before the Nth mark.

With `--by-module`, every module's execution is bracketed by marks as well, so that the
start-up can be shared out among the modules that ran it; the brackets cost a little, so
that run is for finding where the instructions go, not for the ratio.

It imports nothing but the standard library and uvloop before the app, so that both apps'
start-ups count the same interpreter work; the request bodies are the load's own
(`order_body`).
"""

import asyncio
import functools
import importlib
import importlib.abc
import importlib.machinery
import json
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

WARM_UP_ORDERS = 20
marks: list[str] = []


def mark(event: str) -> None:
    """End the current part of callgrind's count, and say what ends with it."""
    marks.append(event)
    os.getppid()  # callgrind dumps its counters before each call


class ModuleMarks(importlib.abc.MetaPathFinder):
    """Puts a mark before and after each module's execution: `+name` and `-name`."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = MarkedLoader(spec.loader)
                return spec
        return None


class MarkedLoader(importlib.abc.Loader):
    """The loader that found a module, with its execution marked; all else is the loader's."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        mark(f"+{module.__name__}")
        try:
            self._loader.exec_module(module)
        finally:
            mark(f"-{module.__name__}")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


@functools.cache
def access_token() -> list[tuple[bytes, bytes]]:
    """The access token the benchmark made, as a header: sent with every request, as the
    load sends it."""
    return [(b"authorization", f"Bearer {os.environ['PROBE_ACCESS_TOKEN']}".encode())]


async def call(
    app: Any, method: str, target: str, body: bytes = b"", *, token: bool = True
) -> tuple[int, bytes]:
    """One request for `target` (a path, perhaps a query) through the ASGI app, with the
    access token unless `token` is false; the status and the body."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/json"),
            *(access_token() if token else []),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    request = {"type": "http.request", "body": body, "more_body": False}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return request

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], b"".join(message.get("body", b"") for message in sent[1:])


async def place_and_get(app: Any, bodies: list[bytes]) -> tuple[int, int]:
    """POST an order of each body, mark, GET each order; the number of 201s and of 200s."""
    ids = []
    for body in bodies:
        status, answer = await call(app, "POST", "/orders", body)
        if status == 201:
            ids.append(json.loads(answer)["id"])
    mark("placed")
    answered = [(await call(app, "GET", f"/orders/{order_id}"))[0] for order_id in ids]
    return len(ids), answered.count(200)


def build(which: str, flat_dir: str | None) -> Any:
    if which == "layered":
        return importlib.import_module("order_service.bootstrap.app").create_app()
    sys.path.insert(0, str(flat_dir))
    return importlib.import_module("app").app


async def run(which: str, requests: int, flat_dir: str | None) -> None:
    app = build(which, flat_dir)
    mark("built")
    async with app.router.lifespan_context(app):
        mark("lifespan")
        status, _ = await call(app, "GET", "/health/live")
        mark("start-up")  # ends with the first 200
        if status != 200:
            raise SystemExit(f"{which}: GET /health/live answered {status}")
        from orders_vs_flat import order_body  # the load's own orders, not counted as start-up

        bodies = [order_body(index) for index in range(WARM_UP_ORDERS + requests)]
        await place_and_get(app, bodies[:WARM_UP_ORDERS])
        mark("warm-up")
        placed, got = await place_and_get(app, bodies[WARM_UP_ORDERS:])
        mark("got")
    if placed != requests or got != requests:
        raise SystemExit(f"{which}: {placed} of {requests} placed, {got} got")


def event_loop() -> Callable[[Coroutine[Any, Any, None]], None]:
    """What runs the app: uvloop where it is installed, as uvicorn's `--loop auto` chooses.

    Not asyncio's own loop: its scheduling is Python code, about half a million
    instructions per `POST` that both apps would pay here and neither pays served.
    """
    try:
        import uvloop  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return asyncio.run
    run_on_uvloop: Callable[[Coroutine[Any, Any, None]], None] = uvloop.run
    return run_on_uvloop


def main() -> None:
    which, requests, log = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    options = sys.argv[4:]
    flat_dir = options[options.index("--flat-dir") + 1] if "--flat-dir" in options else None
    if "--by-module" in options:
        sys.meta_path.insert(0, ModuleMarks())
    event_loop()(run(which, requests, flat_dir))
    log.write_text("\n".join(marks))


if __name__ == "__main__":
    main()
