"""The `worker` entrypoint: the outbox relay and the recurring jobs in a process of their own.

Run it (`make worker`) beside API processes started with `RUN_RELAY=false` when sending
should scale, or be deployed, apart from serving. Several workers may run at once: each
claims different aggregates from the outbox. A worker serves no API, only the health probes
(`GET /health/live`, `GET /health/ready`) on a port of its own, so that an orchestrator can
tell a worker that cannot send from one that sends.
"""

import argparse
import socket
from collections.abc import Sequence

import uvicorn
from dependency_injector import providers
from fastapi import FastAPI

from {{cookiecutter.package_name}}.adapters.inbound.rest.app import create_probe_app
from {{cookiecutter.package_name}}.bootstrap.app import VERSION
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.lifespan import serving
from {{cookiecutter.package_name}}.bootstrap.logging import configure_logging

DEFAULT_PORT = 8081
"""The worker's probes' port: apart from the API's 8000, and from the 8001 a second service
may take on the same machine."""


def create_worker(container: Container | None = None) -> FastAPI:
    """Build the worker: the relay and the recurring jobs, and the probes that watch them.

    A worker only publishes; it consumes nothing, the API processes do. On RabbitMQ every
    consumer of the service's queue is handed the next message in turn, so a worker that
    consumed as well would let two messages of one aggregate be handled at once.
    """
    container = container or Container()
    settings = container.settings()
    configure_logging(settings.log_level)
    container.receivers.override(providers.List())
    worker = create_probe_app(
        title=f"{settings.service_name} worker",
        version=VERSION,
        lifespan=serving(container, relay=True),
        max_body_bytes=settings.max_request_body_bytes,
    )
    worker.state.container = container
    return worker


def main(arguments: Sequence[str] | None = None) -> None:
    """The worker's command, `[--host HOST] [--port PORT]`: run a worker until SIGTERM or
    SIGINT, which let the relay finish its round and then stop it."""
    parser = argparse.ArgumentParser(
        prog="{{ cookiecutter.service_name }}-worker",
        description="Relay the outbox and run the recurring jobs; serve only health probes.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="the probes' address")
    parser.add_argument("--port", type=_port_number, default=DEFAULT_PORT, help="the probes' port")
    options = parser.parse_args(arguments)
    # Uvicorn starts the app before it listens: the relay would run, and then the process
    # die on a port already taken. Found out first, it is one line and nothing started.
    unusable = _why_not_listening(options.host, options.port)
    if unusable is not None:
        parser.error(f"cannot listen on {options.host}:{options.port}: {unusable}")
    uvicorn.run(create_worker, factory=True, host=options.host, port=options.port)


def _why_not_listening(host: str, port: int) -> str | None:
    """Why a server could not listen on `host`:`port` now, or None if it could."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )[0]
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as error:
        return error.strerror or str(error)
    return None


def _port_number(text: str) -> int:
    """A TCP port number from the command line; argparse names the option when it fails."""
    number = int(text) if text.isdecimal() else -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535, got {text!r}")
    return number


if __name__ == "__main__":
    main()
