"""The README's first commands set up, start and test a freshly baked service.

`make test`, the last, runs for every variant in `test_baked_projects.py`; here the others
install a fresh copy, give it a development key and a token, migrate it and serve it.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from baking import VARIANTS, copy_project, project_environment, readme_quick_start
from conftest import Bake

pytestmark = pytest.mark.baked


def readme_commands(project: Path) -> list[str]:
    """The commands in the README's first code block, without their comments."""
    return [line.split("#")[0].strip() for line in readme_quick_start(project) if line.strip()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_status(url: str, deadline_seconds: float, token: str | None = None) -> int:
    deadline = time.monotonic() + deadline_seconds
    request = urllib.request.Request(url)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    while True:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                status: int = response.status
                return status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_readme_opens_with_the_commands_to_run_and_to_test(bake: Bake) -> None:
    commands = readme_commands(bake(VARIANTS[0]))

    assert commands == ["make install", "make token", "make run", "make test"]


def test_the_readme_commands_serve_a_ready_service_that_takes_the_token(
    bake: Bake, tmp_path: Path
) -> None:
    project = copy_project(bake(VARIANTS[0]), tmp_path)
    install, token, serve, _test = readme_commands(project)
    port = free_port()
    env = project_environment() | {"HOST": "127.0.0.1", "PORT": str(port)}
    for command in (install, token):
        done = subprocess.run(command.split(), cwd=project, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    access_token = done.stdout.strip()

    server = subprocess.Popen(
        serve.split(),
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        status = wait_for_status(f"http://127.0.0.1:{port}/health/ready", deadline_seconds=120)
        with_token = wait_for_status(f"http://127.0.0.1:{port}/orders", 10, access_token)
        without = wait_for_status(f"http://127.0.0.1:{port}/orders", 10)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()

    assert (status, with_token, without) == (200, 200, 401), output
    # The service's stdout is its log stream: make must not echo its commands into it.
    assert not [line for line in output.splitlines() if line.startswith("uv run")], output
    # SQLite makes the file on the first connection; only the migrations make the tables.
    with closing(sqlite3.connect(project / "order_service.db")) as database:
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master")}
    assert {"alembic_version", "orders", "outbox_messages"} <= tables, "make run did not migrate"
