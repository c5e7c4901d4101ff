import os
from pathlib import Path

import pytest
from alembic.config import Config

from tests.databases import PROJECT_ROOT, sqlite_url


@pytest.fixture
def new_versions(tmp_path: Path) -> Path:
    """Where a test's own revisions go, after the project's: never among them."""
    versions = tmp_path / "versions"
    versions.mkdir()
    return versions


@pytest.fixture
def migrations_config(new_versions: Path, tmp_path: Path) -> Config:
    """Alembic's configuration for the project's revisions and `new_versions`, on a fresh
    SQLite database in `tmp_path`."""
    config = Config(PROJECT_ROOT / "alembic.ini")
    project_versions = PROJECT_ROOT / "migrations" / "versions"
    config.set_main_option("version_locations", f"{project_versions}{os.pathsep}{new_versions}")
    config.attributes["database_url"] = sqlite_url(tmp_path)
    return config
