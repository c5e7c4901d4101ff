import os
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine

from tests.databases import (
    fresh_postgresql_database,
    postgresql_server_url,
    sqlite_url,
    upgrade_to_head,
)

{% if cookiecutter.broker != "in-memory" -%}
# Its tests are run from each broker's test module: pytest explains their failures too.
pytest.register_assert_rewrite("tests.dead_letter_backlog_contract")

{% endif -%}
# Integration and end-to-end tests run once per database the service supports.
DATABASE_BACKENDS = [{% if cookiecutter.database == "postgresql" %}"postgresql", {% endif %}"sqlite"]


@pytest.fixture(autouse=True, scope="session")
def local_servers_reached_directly() -> Iterator[None]:
    """The servers the tests start listen on 127.0.0.1: a proxy set for the machine
    (`HTTP_PROXY`), which HTTP clients honour, must not stand between them and the tests."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NO_PROXY", "no_proxy"):
            hosts = [os.environ.get(name, ""), "127.0.0.1", "localhost"]
            patch.setenv(name, ",".join(host for host in hosts if host))
        yield


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Where a tracer's provider keeps the spans it records, in the order they ended,
    instead of sending them to a collector."""
    exporter = InMemorySpanExporter()
    yield exporter
    exporter.shutdown()


@pytest.fixture(params=DATABASE_BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, real database."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with fresh_postgresql_database(postgresql_server_url()) as url:
        yield url


@pytest.fixture
def migrated_database_url(database_url: str) -> str:
    """A real database with every migration applied."""
    upgrade_to_head(database_url)
    return database_url


@pytest.fixture
async def engine(migrated_database_url: str) -> AsyncIterator[AsyncEngine]:
    """The service's engine on a freshly migrated database, disposed of after the test."""
    engine = create_engine(migrated_database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def unreachable_sqlite_url(tmp_path: Path) -> AsyncIterator[str]:
    """A SQLite database in a directory that does not exist: no connection to it opens.

    aiosqlite stops such a connection without waiting for its thread, which later hands
    its result to the test's event loop; once the test is over, that loop is closed and
    the thread fails. Its threads are therefore waited for here, while the loop is open.
    """
    before = set(threading.enumerate())
    yield f"sqlite+aiosqlite:///{tmp_path / 'missing-dir' / 'service.db'}"
    for thread in set(threading.enumerate()) - before:
        if thread.name.endswith("(_connection_worker_thread)"):  # aiosqlite's, by its target
            thread.join(timeout=5)
