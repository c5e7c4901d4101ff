from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import (
    fresh_postgresql_database,
    postgresql_server_url,
    sqlite_url,
    upgrade_to_head,
)

# Integration and end-to-end tests run once per database the service supports.
DATABASE_BACKENDS = [{% if cookiecutter.database == "postgresql" %}"postgresql", {% endif %}"sqlite"]


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
