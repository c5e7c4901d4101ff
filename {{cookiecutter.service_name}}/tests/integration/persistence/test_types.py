from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine
from {{cookiecutter.package_name}}.adapters.outbound.persistence.types import UtcDateTime

scratch = MetaData()
moments = Table(
    "types_test_moments",
    scratch,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=True),
)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(scratch.create_all)
    yield engine
    await engine.dispose()


async def test_an_aware_datetime_comes_back_as_the_same_instant_in_utc(engine: AsyncEngine) -> None:
    paris_noon = datetime(2030, 6, 1, 12, tzinfo=timezone(timedelta(hours=2)))

    async with engine.begin() as connection:
        await connection.execute(insert(moments).values(id=1, at=paris_noon))
    async with engine.connect() as connection:
        stored = (await connection.execute(select(moments.c.at))).scalar_one()

    assert stored == paris_noon
    assert stored.tzinfo == UTC
    assert stored.hour == 10


async def test_a_naive_datetime_is_refused(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        with pytest.raises(StatementError, match="naive datetime"):
            await connection.execute(insert(moments).values(id=1, at=datetime(2030, 1, 1)))
