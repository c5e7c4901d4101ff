"""A database that keeps a request waiting past DATABASE_TIMEOUT_SECONDS makes it fail as
unavailable (503), instead of holding it for as long as the database takes."""

import asyncio
import sqlite3
from contextlib import closing

import pytest
from dependency_injector import providers
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.failures import (
    translated_failures,
)
from {{cookiecutter.package_name}}.application.errors import UnavailableError
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings

TIMEOUT_SECONDS = 0.2


async def keep_waiting(engine: AsyncEngine, database_url: str) -> None:
    """Ask for what takes the database far longer than the timeout."""
    if engine.dialect.name == "postgresql":
        async with translated_failures, engine.connect() as connection:
            await connection.execute(text("SELECT pg_sleep(10)"))
        return
    # On SQLite: a write while another process holds the database's write lock.
    path = make_url(database_url).database
    assert path is not None
    with closing(sqlite3.connect(path)) as other_process:
        other_process.execute("BEGIN IMMEDIATE")
        async with translated_failures, engine.begin() as connection:
            await connection.execute(text("CREATE TABLE waits_for_the_lock (x INTEGER)"))


async def test_a_request_kept_waiting_past_the_timeout_fails_as_unavailable(
    migrated_database_url: str,
) -> None:
    container = Container()
    settings = Settings(
        database_url=migrated_database_url, database_timeout_seconds=TIMEOUT_SECONDS
    )
    container.settings.override(providers.Object(settings))
    engine = container.engine()

    try:
        # Far below the 10 s asked for, and the 5 s SQLite would wait unless told.
        async with asyncio.timeout(3):
            with pytest.raises(UnavailableError) as raised:
                await keep_waiting(engine, migrated_database_url)
    finally:
        await engine.dispose()

    # What the request's 503 is logged with says why, even for a timeout, which has no text.
    assert not str(raised.value).endswith(": )")


async def test_a_request_kept_waiting_for_a_pooled_connection_fails_as_unavailable(
    migrated_database_url: str,
) -> None:
    container = Container()
    settings = Settings(
        database_url=migrated_database_url,
        database_timeout_seconds=TIMEOUT_SECONDS,
        database_pool_size=1,
    )
    container.settings.override(providers.Object(settings))
    engine = container.engine()

    try:
        async with engine.connect():  # every pooled connection is busy
            async with asyncio.timeout(3):  # not the pool's own 30 s
                with pytest.raises(UnavailableError):
                    async with translated_failures, engine.connect():
                        pass
    finally:
        await engine.dispose()
