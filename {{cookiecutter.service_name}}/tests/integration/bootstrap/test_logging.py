"""Logs are JSON lines on stdout, and name the flow of work each record belongs to."""

import json
import logging
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import text

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    MessageContext,
    message_context,
)
from {{cookiecutter.package_name}}.bootstrap.logging import JsonLinesFormatter, configure_logging

from tests.databases import sqlite_url
from tests.messaging import TRACEPARENT

logger = logging.getLogger("tests.logging")


def line_of(message: str, *args: object, **extra: Any) -> dict[str, Any]:
    """The JSON object that one record, logged with these arguments, becomes."""
    record = logger.makeRecord(
        logger.name, logging.INFO, __file__, 1, message, args, None, extra=extra
    )
    entry: dict[str, Any] = json.loads(JsonLinesFormatter().format(record))
    return entry


def test_a_record_is_one_json_object_with_its_time_level_logger_and_message() -> None:
    entry = line_of("job %s done", "42")

    assert entry.pop("time").endswith("+00:00")
    assert entry == {"level": "INFO", "logger": "tests.logging", "message": "job 42 done"}


def test_extra_fields_are_kept_and_uvicorns_coloured_copy_of_the_message_is_not() -> None:
    entry = line_of("started", color_message="\x1b[36mstarted\x1b[0m", port=8000)

    assert entry["port"] == 8000
    assert "color_message" not in entry


def test_an_exception_is_logged_with_its_traceback() -> None:
    try:
        raise RuntimeError("disk full")
    except RuntimeError:
        record = logger.makeRecord(
            logger.name, logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )

    entry = json.loads(JsonLinesFormatter().format(record))

    assert entry["exception"].startswith("Traceback")
    assert entry["exception"].endswith("RuntimeError: disk full")


def test_a_record_logged_while_a_message_is_handled_names_its_flow_and_trace() -> None:
    context = MessageContext(correlation_id=uuid4(), causation_id=uuid4(), traceparent=TRACEPARENT)

    with message_context(context):
        entry = line_of("message handled")

    assert entry["correlation_id"] == str(context.correlation_id)
    assert entry["causation_id"] == str(context.causation_id)
    assert entry["trace_id"] == "0af7651916cd43dd8448eb211c80319c"


def test_a_request_without_a_trace_has_a_flow_but_no_trace_id() -> None:
    context = MessageContext(correlation_id=uuid4())

    with message_context(context):
        entry = line_of("request handled")

    assert entry["correlation_id"] == str(context.correlation_id)
    assert "causation_id" not in entry
    assert "trace_id" not in entry


def test_a_record_logged_outside_any_flow_names_none() -> None:
    entry = line_of("outbox relay backs off")

    assert {"correlation_id", "causation_id", "trace_id"}.isdisjoint(entry)


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root, statements = logging.getLogger(), logging.getLogger("sqlalchemy.engine")
    handlers, level, statements_level = list(root.handlers), root.level, statements.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    statements.setLevel(statements_level)
    logging.captureWarnings(False)


@pytest.mark.usefixtures("restored_logging")
def test_configuring_twice_leaves_one_json_handler_that_uvicorns_records_reach(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("INFO")
    configure_logging("INFO")

    logging.getLogger("uvicorn.access").info("GET /health/live 200")

    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["logger"] == "uvicorn.access"


@pytest.mark.usefixtures("restored_logging")
async def test_echoed_sql_statements_are_json_lines_and_written_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    configure_logging("INFO")
    engine = create_engine(sqlite_url(tmp_path), echo=True)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 42"))
    finally:
        await engine.dispose()

    entries = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [entry["message"] for entry in entries].count("SELECT 42") == 1


@pytest.mark.usefixtures("restored_logging")
def test_a_python_warning_is_a_json_line_too(capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        configure_logging("INFO")
        warnings.warn("this option goes away in 3.0", DeprecationWarning, stacklevel=1)

    [line] = capsys.readouterr().out.splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["logger"]) == ("WARNING", "py.warnings")
    assert "DeprecationWarning: this option goes away in 3.0" in entry["message"]
