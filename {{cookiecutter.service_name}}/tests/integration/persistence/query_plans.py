"""What a database's planner reads to answer a query: the tests of questions asked often,
whose cost must not grow with the rows that they never ask for."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


@contextmanager
def statements_run(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement `engine` runs inside the block, as its SQL and its parameters."""
    statements: list[tuple[str, Any]] = []

    def record(*args: Any) -> None:
        statements.append((args[2], args[3]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


# A step of a query plan that reads rows, and the index it reads them through, if any.
_READ = re.compile(
    r"^(?:SCAN|SEARCH) (?P<name>\w+)"  # SQLite
    r"(?: USING (?:COVERING )?INDEX (\w+)|(?P<key> USING INTEGER PRIMARY KEY))?"
    r"|Seq Scan on \w+|Index (?:Only )?Scan using (\w+)|Bitmap Index Scan on (\w+)"  # PostgreSQL
)
BY_KEY = "rows by their key"
"""What a step that reads given rows by SQLite's row id reads: those rows, nothing else."""


async def what_the_plan_reads(connection: AsyncConnection, sql: str, args: Any) -> list[str]:
    """The index each step of `sql`'s plan reads through, "the table" itself, or `BY_KEY`."""
    explain = "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN "
    lines = [str(row[-1]) for row in await connection.exec_driver_sql(explain + sql, args)]
    # SQLite's scan of a subquery it materialised reads that result, not a table.
    materialised = {line.split()[-1] for line in lines if line.startswith("MATERIALIZE ")}
    return [
        _read_by(match)
        for line in lines
        if (match := _READ.search(line)) and match.group("name") not in materialised
    ]


def _read_by(step: re.Match[str]) -> str:
    if step.group("key"):
        return BY_KEY
    indexes = step.groups()[1:]  # after the table's name
    return next((index for index in indexes if index), "the table")


async def partial_indexes(connection: AsyncConnection) -> set[str]:
    """The indexes with a WHERE clause: those that hold alone the rows a frequent question
    asks for (the unsent messages, say)."""
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE :partial"
    else:
        query = "SELECT indexname FROM pg_indexes WHERE indexdef LIKE :partial"
    return set((await connection.execute(text(query), {"partial": "% WHERE %"})).scalars())
