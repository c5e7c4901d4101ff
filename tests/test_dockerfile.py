"""The image's unprivileged user can write the database the image's settings point at, and
its health check probes whichever process the image runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

import pytest
from baking import VARIANTS, Variant
from conftest import Bake

# One variant per database, one of them with a package name of its own.
DATABASE_VARIANTS = [
    variant
    for variant in VARIANTS
    if variant.name in {"defaults", "postgresql", "python-3.13-renamed"}
]
SQLITE_URL = re.compile(r"sqlite\+aiosqlite:///(/\S+\.db)")
CHOWN = re.compile(r"chown (?:-\w+ )*([^\s:]+)\S* (\S+)")


def runtime_instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the last stage, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", dockerfile.read_text())
    lines = [line.strip() for line in text.splitlines()]
    instructions = [
        (line.split(maxsplit=1)[0].upper(), line.split(maxsplit=1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]
    last_from = max(i for i, (name, _) in enumerate(instructions) if name == "FROM")
    return instructions[last_from:]


@pytest.mark.parametrize("variant", DATABASE_VARIANTS, ids=lambda variant: variant.name)
def test_the_runtime_user_can_write_the_sqlite_database_and_nothing_else(
    bake: Bake, variant: Variant
) -> None:
    project = bake(variant)
    instructions = runtime_instructions(project / "Dockerfile")
    names = [name for name, _ in instructions]
    user = instructions[names.index("USER")][1]
    before_user = instructions[: names.index("USER")]
    workdir = PurePosixPath(next(args for name, args in before_user if name == "WORKDIR"))
    url_settings = [args for name, args in before_user if name == "ENV" and "DATABASE_URL" in args]
    runs = " && ".join(args for name, args in before_user if name == "RUN")
    owned = CHOWN.findall(runs) + [args for name, args in before_user if "--chown" in args]

    assert user != "root"
    if variant.database != "sqlite":
        assert url_settings == []  # the server's URL comes from the environment
        assert owned == []
        return
    [setting] = url_settings
    match = SQLITE_URL.search(setting)
    assert match, setting
    data = PurePosixPath(match.group(1)).parent
    assert f"mkdir {data}" in runs
    # The user owns the database's directory and nothing else: the code stays read-only.
    assert owned == [(user, str(data))]
    assert data != workdir
    # The README's commands keep that directory in a volume shared by migrations and service.
    readme = (project / "README.md").read_text()
    assert readme.count(f":{data} ") == 2
    assert "alembic upgrade head" in readme


class LiveProbe(BaseHTTPRequestHandler):
    """Answers `GET /health/live` with 200, as the API and the worker do, and all else 404."""

    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/health/live" else 404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return None  # quiet: the test reads exit statuses, not access logs


@contextmanager
def probed_port() -> Iterator[int]:
    """A port on 127.0.0.1 where `LiveProbe` answers, while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), LiveProbe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_the_health_check_probes_the_port_the_image_is_told(bake: Bake) -> None:
    instructions = runtime_instructions(bake(VARIANTS[0]) / "Dockerfile")
    [health_check] = [args for name, args in instructions if name == "HEALTHCHECK"]
    command = json.loads(health_check.split(" CMD ", 1)[1])
    [default_port] = [
        args.split("=", 1)[1] for name, args in instructions if args.startswith("PROBE_PORT=")
    ]
    assert command[0] == "python"

    def probe(port: int) -> int:
        environment = os.environ | {"PROBE_PORT": str(port)}
        done = subprocess.run(
            [sys.executable, *command[1:]], env=environment, capture_output=True, check=False
        )
        return done.returncode

    with probed_port() as answering:
        assert probe(answering) == 0
    assert probe(answering) != 0, "nothing answers there any more"
    assert default_port == "8000"  # the API's, in the image's CMD
    assert "--port 8000" in " ".join(json.loads(instructions[-1][1]))
