"""The engine's pool: a fixed set of connections, so a busy service never churns them."""

import asyncio

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine


async def busy_transactions(engine: AsyncEngine, count: int, ceiling: int) -> None:
    """`count` transactions at once; each holds its connection until `ceiling` are held."""
    holding = 0
    all_held = asyncio.Event()

    async def one() -> None:
        nonlocal holding
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            holding += 1
            if holding == ceiling:
                all_held.set()
            await all_held.wait()

    # A pool that never lends `ceiling` connections fails here, rather than hanging.
    async with asyncio.timeout(10):
        await asyncio.gather(*(one() for _ in range(count)))


async def connections_opened(database_url: str, *, pool_size: int, max_overflow: int) -> int:
    """How many connections the engine opens for two busy times of 20 transactions each."""
    engine = create_engine(database_url, pool_size=pool_size, max_overflow=max_overflow)
    opened = 0

    @event.listens_for(engine.sync_engine, "connect")
    def _opened(_dbapi_connection: object, _record: object) -> None:
        nonlocal opened
        opened += 1

    try:
        for _ in range(2):
            await busy_transactions(engine, 20, ceiling=pool_size + max_overflow)
    finally:
        await engine.dispose()
    return opened


async def test_more_transactions_than_connections_wait_for_the_pool(database_url: str) -> None:
    assert await connections_opened(database_url, pool_size=3, max_overflow=0) == 3


async def test_overflow_connections_are_opened_for_each_busy_time(database_url: str) -> None:
    # The two lent connections are closed when they come back, and opened again.
    assert await connections_opened(database_url, pool_size=2, max_overflow=2) > 4


async def test_an_in_memory_sqlite_database_has_no_pool_to_size() -> None:
    engine = create_engine("sqlite+aiosqlite://", pool_size=3)
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()
