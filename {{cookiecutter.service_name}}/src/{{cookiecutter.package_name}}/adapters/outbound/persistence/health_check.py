from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


class SqlAlchemyDatabaseHealthCheck:
    """The `HealthCheck` port for the database: a real round trip, `SELECT 1`."""

    name = "database"

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def check(self) -> None:
        async with self._engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
