"""Alembic's entrypoint: runs migrations online, through the service's async engine."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from {{ cookiecutter.package_name }}.adapters.outbound.persistence.schema import metadata
from {{ cookiecutter.package_name }}.bootstrap.settings import load_settings

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_migrations_online() -> None:
    # Tests hand the URL over in `attributes`; everyone else uses the service's settings.
    url = config.attributes.get("database_url") or load_settings().database_url
    # No pool: every connection is closed before the event loop that opened it is.
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_migrations)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run them against a database.")
asyncio.run(_run_migrations_online())
