from collections.abc import AsyncIterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import (
    create_engine,
    create_session_factory,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import SqlAlchemyUnitOfWork

# A scratch table of this test's own: the unit of work is independent of any model.
scratch = MetaData()
notes = Table(
    "uow_test_notes",
    scratch,
    Column("id", Integer, primary_key=True),
    Column("text", String(50), nullable=False),
)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(scratch.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


async def count_notes(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(select(func.count()).select_from(notes))).scalar_one()


async def test_committed_work_is_stored(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with SqlAlchemyUnitOfWork(session_factory) as uow:
        await uow.session.execute(insert(notes).values(text="kept"))
        await uow.commit()

    assert await count_notes(engine) == 1


async def test_work_left_without_commit_is_rolled_back(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with SqlAlchemyUnitOfWork(session_factory) as uow:
        await uow.session.execute(insert(notes).values(text="forgotten"))

    assert await count_notes(engine) == 0


async def test_an_error_inside_the_unit_of_work_rolls_everything_back(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async def fail_halfway() -> None:
        async with SqlAlchemyUnitOfWork(session_factory) as uow:
            await uow.session.execute(insert(notes).values(text="first"))
            await uow.session.execute(insert(notes).values(text="second"))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await fail_halfway()

    assert await count_notes(engine) == 0


async def test_an_explicit_rollback_discards_the_work_so_far(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with SqlAlchemyUnitOfWork(session_factory) as uow:
        await uow.session.execute(insert(notes).values(text="discarded"))
        await uow.rollback()
        await uow.session.execute(insert(notes).values(text="kept"))
        await uow.commit()

    async with engine.connect() as connection:
        texts = (await connection.execute(select(notes.c.text))).scalars().all()
    assert texts == ["kept"]


async def test_the_session_is_not_available_outside_the_block(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    uow = SqlAlchemyUnitOfWork(session_factory)

    with pytest.raises(RuntimeError, match="outside"):
        _ = uow.session
