"""A statement's own failure is not "the database is away": trying again would fail again,
so it must not become a 503, nor a message redelivered for ever."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.failures import (
    translated_failures,
)
from {{cookiecutter.package_name}}.application.errors import UnavailableError

# Each fails by its own fault on the database it names.
FAULTY_STATEMENTS = {
    "postgresql": [
        "SELECT 1 / 0",
        "SELECT 'many'::integer",
        "SELECT 2147483647::integer + 1",
        "INSERT INTO inbox_messages VALUES (repeat('c', 101), gen_random_uuid(), now())",
    ],
    "sqlite": ["INSERT INTO inbox_messages (consumer) VALUES (NULL)"],
}


async def test_a_statement_at_fault_fails_as_itself(engine: AsyncEngine) -> None:
    for statement in FAULTY_STATEMENTS[engine.dialect.name]:
        with pytest.raises(DBAPIError) as raised:
            async with translated_failures, engine.begin() as connection:
                await connection.execute(text(statement))

        assert type(raised.value).__module__.startswith("sqlalchemy"), statement


async def test_a_table_the_migrations_have_not_made_yet_means_not_now(engine: AsyncEngine) -> None:
    # A service started before its migrations must leave messages for later, not bury them.
    with pytest.raises(UnavailableError, match="the database is unavailable"):
        async with translated_failures, engine.begin() as connection:
            await connection.execute(text("SELECT id FROM table_of_a_later_migration"))
