"""Alembic's entrypoint: runs migrations online, through the service's async engine."""

import asyncio
from logging.config import fileConfig
from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.types import TypeDecorator

from {{ cookiecutter.package_name }}.adapters.outbound.persistence.schema import metadata
from {{ cookiecutter.package_name }}.bootstrap.settings import load_settings

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    """How autogenerate writes a column type: the service's own types (`persistence/types.py`)
    as the SQL type they store, which a migration can import (`sa`); the rest as usual."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False


def _run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_item=_render_item,
    )
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
