import asyncio
import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.schema import metadata

from tests.databases import PROJECT_ROOT, upgrade_to_head

# Synchronous tests: Alembic runs its own event loop, as `make migrate` does.


def schema_differences(database_url: str) -> list[object]:
    """What autogenerate would still write: empty when the migrations match the mappings."""

    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))

    async def run() -> list[object]:
        engine = create_async_engine(database_url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(compare)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_the_migrations_build_exactly_the_mapped_schema(migrated_database_url: str) -> None:
    assert schema_differences(migrated_database_url) == []


def test_migrating_an_up_to_date_database_changes_nothing(migrated_database_url: str) -> None:
    upgrade_to_head(migrated_database_url)

    assert schema_differences(migrated_database_url) == []


def test_a_database_that_does_not_open_is_one_line_naming_it(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'missing-dir' / 'service.db'}"

    # As `make migrate` runs it: a process of its own, its error on stderr.
    migrate = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env=os.environ | {"DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert migrate.returncode == 1
    assert migrate.stderr.splitlines() == [
        f"error: cannot migrate DATABASE_URL='{url}': the database did not open"
        " (OperationalError: unable to open database file)"
    ]
