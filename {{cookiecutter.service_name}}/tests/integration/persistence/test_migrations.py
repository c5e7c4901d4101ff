import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.schema import metadata

from tests.databases import PROJECT_ROOT, sqlite_url, upgrade_to_head

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


def migrate(database_url: str) -> subprocess.CompletedProcess[str]:
    """`alembic upgrade head` as `make migrate` runs it: a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env=os.environ | {"DATABASE_URL": database_url, "LOG_LEVEL": "INFO"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_migration_logs_json_lines_as_the_service_does(tmp_path: Path) -> None:
    migration = migrate(sqlite_url(tmp_path))

    assert migration.returncode == 0, migration.stderr
    records = [json.loads(line) for line in migration.stdout.splitlines()]
    assert {record["logger"] for record in records} == {"alembic.runtime.migration"}
    assert any(record["message"].startswith("Running upgrade") for record in records)
    assert migration.stderr == ""


def test_a_database_that_does_not_open_is_one_line_naming_it(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'missing-dir' / 'service.db'}"

    migration = migrate(url)

    assert migration.returncode == 1
    assert migration.stderr.splitlines() == [
        f"error: cannot migrate DATABASE_URL='{url}': the database did not open"
        " (OperationalError: unable to open database file)"
    ]


def sqlite_tables(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT name FROM sqlite_master WHERE type = 'table'"
        return {name for (name,) in connection.execute(query)}


def test_a_migration_that_fails_leaves_nothing_half_done(tmp_path: Path) -> None:
    # A table in the way of the first revision's second table: its first is made by then.
    database = tmp_path / "test.db"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("CREATE TABLE inbox_messages (stray INTEGER)")

    failed = migrate(sqlite_url(tmp_path))

    assert failed.returncode != 0
    assert sqlite_tables(database) == {"inbox_messages"}, "the first table was left behind"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("DROP TABLE inbox_messages")
    assert migrate(sqlite_url(tmp_path)).returncode == 0, "a second run finds its way blocked"


# A revision that changes a table others refer to, as SQLite needs it done: Alembic's batch
# mode copies the table and drops the old one, which must not cascade to the rows below.
BATCH_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999_batch"
down_revision = "{head}"


def upgrade() -> None:
    op.create_table(
        "parents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(10)),
    )
    op.create_table(
        "children",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("parents.id", ondelete="CASCADE")),
    )
    op.execute("INSERT INTO parents (id, name) VALUES (1, 'p')")
    op.execute("INSERT INTO children (id, parent_id) VALUES (1, 1)")
    with op.batch_alter_table("parents", recreate="always") as batch:
        batch.alter_column("name", type_=sa.String(20))
"""


def test_a_batch_change_to_a_table_others_refer_to_keeps_their_rows(
    migrations_config: Config, new_versions: Path, tmp_path: Path
) -> None:
    head = ScriptDirectory.from_config(migrations_config).get_current_head()
    (new_versions / "9999_batch.py").write_text(BATCH_REVISION.format(head=head))

    command.upgrade(migrations_config, "head")

    with closing(sqlite3.connect(tmp_path / "test.db")) as connection:
        children = connection.execute("SELECT id, parent_id FROM children").fetchall()
    assert children == [(1, 1)]
