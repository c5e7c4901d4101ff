"""The README's two commands set up, test and start a freshly baked service.

`make test`, the second, runs for every variant in `test_baked_projects.py`; here the
first, `make install run`, installs, migrates and serves a fresh copy.
"""

from __future__ import annotations

import os
import re
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
from baking import VARIANTS, copy_project, project_environment
from conftest import Bake

pytestmark = pytest.mark.baked


def readme_commands(project: Path) -> list[str]:
    """The commands in the README's first code block, without their comments."""
    block = re.search(r"```bash\n(.*?)```", (project / "README.md").read_text(), re.DOTALL)
    assert block is not None, "the README starts without a code block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_status(url: str, deadline_seconds: float) -> int:
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                status: int = response.status
                return status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_readme_opens_with_the_commands_to_run_and_to_test(bake: Bake) -> None:
    assert readme_commands(bake(VARIANTS[0])) == ["make install run", "make test"]


def test_the_readme_command_installs_and_serves_a_ready_service(bake: Bake, tmp_path: Path) -> None:
    project = copy_project(bake(VARIANTS[0]), tmp_path)
    serve, _test = readme_commands(project)
    port = free_port()
    env = project_environment() | {"HOST": "127.0.0.1", "PORT": str(port)}

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
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()

    assert status == 200, output
    # The service's stdout is its log stream: make must not echo its commands into it.
    assert not [line for line in output.splitlines() if line.startswith("uv run")], output
    # SQLite makes the file on the first connection; only the migrations make the tables.
    with closing(sqlite3.connect(project / "order_service.db")) as database:
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master")}
    assert {"alembic_version", "orders", "outbox_messages"} <= tables, "make run did not migrate"
