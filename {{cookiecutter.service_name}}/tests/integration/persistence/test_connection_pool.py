"""The engine's pool: a fixed set of connections, so a busy service never churns them."""

import asyncio

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine


def count_opened_connections(engine: AsyncEngine) -> list[int]:
    opened = [0]

    @event.listens_for(engine.sync_engine, "connect")
    def _opened(_dbapi_connection: object, _record: object) -> None:
        opened[0] += 1

    return opened


async def busy_transactions(engine: AsyncEngine, count: int) -> None:
    async def one() -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            await asyncio.sleep(0.01)  # hold the connection while the others queue

    await asyncio.gather(*(one() for _ in range(count)))


async def test_more_transactions_than_connections_wait_for_the_pool(database_url: str) -> None:
    engine = create_engine(database_url, pool_size=3, max_overflow=0)
    opened = count_opened_connections(engine)
    try:
        await busy_transactions(engine, 20)
        await busy_transactions(engine, 20)
    finally:
        await engine.dispose()

    assert opened == [3]


async def test_overflow_connections_are_opened_for_each_busy_time(database_url: str) -> None:
    engine = create_engine(database_url, pool_size=2, max_overflow=2)
    opened = count_opened_connections(engine)
    try:
        await busy_transactions(engine, 20)
        await busy_transactions(engine, 20)
    finally:
        await engine.dispose()

    # The two overflow connections are closed when they come back, and opened again.
    assert opened[0] > 4


async def test_an_in_memory_sqlite_database_has_no_pool_to_size() -> None:
    engine = create_engine("sqlite+aiosqlite://", pool_size=3)
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()
