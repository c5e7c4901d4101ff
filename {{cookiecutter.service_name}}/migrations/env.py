"""Alembic's entrypoint: runs migrations online, through the service's async engine."""

import asyncio
import threading
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import TypeDecorator

from {{ cookiecutter.package_name }}.adapters.outbound.persistence.database import create_engine
from {{ cookiecutter.package_name }}.adapters.outbound.persistence.schema import metadata
from {{ cookiecutter.package_name }}.bootstrap.logging import configure_logging
from {{ cookiecutter.package_name }}.bootstrap.settings import load_settings, without_secrets

config = context.config
# Tests hand the URL over in `attributes`, and keep their own logging. Everyone else uses the
# service's settings, and logs as the service does, JSON lines on stdout, so a deployment's
# migration job writes the same event stream as the processes it prepares.
database_url: str | None = config.attributes.get("database_url")
if database_url is None:
    settings = load_settings()
    database_url = settings.database_url
    configure_logging(settings.log_level)


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
        # Every revision in one transaction, SQLite's included (`_ddl_in_transactions`): one
        # that fails, or is cut short, leaves the database as it was, never half-migrated.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            _foreign_keys_still_hold(connection)


async def _run_migrations_online(url: str) -> None:
    # The service's own engine, so its connection settings hold here too: SQLite's busy
    # timeout, libpq's `sslmode`. One connection, closed before its event loop is.
    engine = create_engine(url, pool_size=1)
    if engine.dialect.name == "sqlite":
        _ddl_in_transactions(engine.sync_engine)
    try:
        try:
            connection = await engine.connect()
        except (DBAPIError, OSError) as error:
            await _aiosqlite_threads_done()
            raise SystemExit(_unreachable(url, error)) from None
        try:
            await connection.run_sync(_run_migrations)
        finally:
            await connection.close()
    finally:
        await engine.dispose()


def _ddl_in_transactions(engine: Engine) -> None:
    """Have SQLite's driver put schema changes in the transaction too.

    Python's sqlite3 opens a transaction only before a change of data, so each `CREATE
    TABLE` would be its own. Here the driver opens none, and every transaction begins with
    an explicit `BEGIN` (SQLAlchemy's recipe for pysqlite and aiosqlite). Only migrations
    work this way: the service's engine keeps the driver's own behaviour.

    Foreign keys are off while migrating, as Alembic's batch mode needs: SQLite changes a
    table by copying it and dropping the old one, which would cascade to the rows that
    refer to it, and inside a transaction a revision's own `PRAGMA foreign_keys=OFF` does
    nothing. They are checked before the commit instead (`_foreign_keys_still_hold`).
    """

    def driver_opens_no_transaction(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    def begin_explicitly(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", driver_opens_no_transaction)
    event.listen(engine, "begin", begin_explicitly)


def _foreign_keys_still_hold(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        table, _row, parent, _key = broken[0]
        raise RuntimeError(
            f"the migration left {len(broken)} row(s) of {table} referring to no row of"
            f" {parent}; nothing was migrated"
        )


async def _aiosqlite_threads_done() -> None:
    """Wait for aiosqlite's worker threads. After a failed open, one still reports to the
    event loop, and would print a traceback of its own once `asyncio.run` has closed it."""
    for thread in threading.enumerate():
        if thread.name.endswith("(_connection_worker_thread)"):  # aiosqlite's, by its target
            await asyncio.to_thread(thread.join, 5)


def _unreachable(url: str, error: DBAPIError | OSError) -> str:
    """One line for a database that did not open, in the driver's own words: a traceback
    through Alembic says no more, and nothing was migrated to undo."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    shown = without_secrets(url)
    reason = f"{type(cause).__name__}: {cause}".splitlines()[0]
    return f"error: cannot migrate DATABASE_URL={shown!r}: the database did not open ({reason})"


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run them against a database.")
asyncio.run(_run_migrations_online(database_url))
