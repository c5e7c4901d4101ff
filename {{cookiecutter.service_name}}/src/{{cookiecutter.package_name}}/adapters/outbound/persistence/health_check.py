from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncEngine

# Alembic's record of the revision a database is at, written by the first migration run.
MIGRATIONS_TABLE = "alembic_version"


class NotMigratedError(Exception):
    """The database answers but holds none of the service's tables: run the migrations."""


class SqlAlchemyDatabaseHealthCheck:
    """The `HealthCheck` port for the database: a real round trip, which also finds out
    whether the migrations have been run. A database never migrated answers every query
    with an error, so the service is not ready until they have."""

    name = "database"

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def check(self) -> None:
        async with self._engine.connect() as connection:
            migrated = await connection.run_sync(_has_migrations_table)
        if not migrated:
            raise NotMigratedError(f"no {MIGRATIONS_TABLE} table: run `make migrate`")


def _has_migrations_table(connection: Connection) -> bool:
    return inspect(connection).has_table(MIGRATIONS_TABLE)
