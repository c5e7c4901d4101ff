"""A process given a bad setting does not start: it says which, in one line, and exits."""

import os
import socket
from pathlib import Path

import pytest

from {{cookiecutter.package_name}}.bootstrap.settings import Settings

from tests.e2e.conftest import run_python

PROJECT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = {
    "api": [
        *("-m", "uvicorn", "{{cookiecutter.package_name}}.bootstrap.app:create_app", "--factory"),
        *("--host", "127.0.0.1", "--port", "0"),
    ],
    "worker": ["-m", "{{cookiecutter.package_name}}.bootstrap.worker"],
    "migrations": ["-m", "alembic", "-c", str(PROJECT / "alembic.ini"), "upgrade", "head"],
}


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_a_bad_setting_stops_each_entry_point_with_one_line_and_no_traceback(
    entry_point: str, tmp_path: Path
) -> None:
    # Arrange: no other setting from this environment, and no `.env` where it runs.
    settings = {field.upper() for field in Settings.model_fields}
    environment = {name: value for name, value in os.environ.items() if name not in settings}
    environment["DATABASE_POOL_SIZE"] = "many"

    # Act
    done = run_python(ENTRY_POINTS[entry_point], tmp_path, environment)

    # Assert
    assert done.returncode == 1
    assert done.stderr == (
        "error: DATABASE_POOL_SIZE='many' is invalid: should be a valid integer,"
        " unable to parse string as an integer\n"
    )


def test_a_bad_worker_port_stops_the_worker_with_one_line_naming_it(tmp_path: Path) -> None:
    done = run_python([*ENTRY_POINTS["worker"], "--port", "80000"], tmp_path)

    assert done.returncode == 2
    program, error = done.stderr.splitlines()[-1].split(": ", 1)
    assert program == "{{ cookiecutter.service_name }}-worker"
    assert error == "error: argument --port: must be a port number from 0 to 65535, got '80000'"


def test_a_worker_port_already_taken_stops_the_worker_before_anything_starts(
    tmp_path: Path,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_python([*ENTRY_POINTS["worker"], "--port", str(port)], tmp_path)

    assert done.returncode == 2
    assert done.stdout == "", "no log line: nothing started"
    assert done.stderr.splitlines()[-1].endswith(
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )
