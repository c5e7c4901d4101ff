"""Write transactions that take turns where the database takes one writer at a time.

SQLite locks the whole database for a write. A second writer meets the lock in SQLite's
busy handler, which puts it to sleep and tries again, for up to 100 ms a time: under 32
concurrent requests that each wrote, the slowest one in a hundred took about a second,
while the database sat idle as its writers slept. Queued in the process instead, behind
one lock per engine, each writer starts the moment the one before it commits.
PostgreSQL locks rows, not the database, so there every writer goes straight in.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

_SQLITE_TURNS: WeakKeyDictionary[Engine, asyncio.Lock] = WeakKeyDictionary()
_NO_TURNS = nullcontext()


@asynccontextmanager
async def write_transaction(connection: AsyncConnection) -> AsyncIterator[AsyncConnection]:
    """`connection`'s writes, in this process's turn on its database, then its commit.

    Take the connection first and the turn second, as every writer here does: a writer
    holding the turn never waits for a connection that a writer waiting for the turn holds.
    On an exception the transaction rolls back before the turn passes on, since an
    unfinished SQLite transaction still locks the database.
    """
    async with _turn(connection.engine):
        try:
            yield connection
            await connection.commit()
        except BaseException:
            await connection.rollback()
            raise


def _turn(engine: AsyncEngine) -> AbstractAsyncContextManager[None]:
    if engine.dialect.name != "sqlite":
        return _NO_TURNS
    turn = _SQLITE_TURNS.get(engine.sync_engine)
    if turn is None:
        turn = _SQLITE_TURNS[engine.sync_engine] = asyncio.Lock()
    return turn
