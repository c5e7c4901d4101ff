"""Real databases for the tests: a fresh SQLite file, or a fresh PostgreSQL database."""

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRESQL_SERVER = "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres"


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / 'test.db'}"


def postgresql_server_url() -> str:
    """The server named by DATABASE_URL when it points at PostgreSQL, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else DEFAULT_POSTGRESQL_SERVER


@contextmanager
def fresh_postgresql_database(server_url: str) -> Iterator[str]:
    """Create an empty database on the server for one test, and drop it afterwards."""
    name = f"test_{uuid4().hex[:16]}"
    try:
        asyncio.run(_execute_outside_transaction(server_url, f'CREATE DATABASE "{name}"'))
    except (OSError, SQLAlchemyError) as error:
        shown = make_url(server_url).render_as_string(hide_password=True)
        pytest.fail(
            f"PostgreSQL is not reachable at {shown} ({error}); start it or set DATABASE_URL"
        )
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        asyncio.run(_execute_outside_transaction(server_url, drop))


def upgrade_to_head(database_url: str) -> None:
    """Run every Alembic migration, exactly as `make migrate` does."""
    config = Config(PROJECT_ROOT / "alembic.ini")
    config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


async def _execute_outside_transaction(server_url: str, statement: str) -> None:
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()
