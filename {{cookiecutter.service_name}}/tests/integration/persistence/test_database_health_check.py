import pytest
from sqlalchemy.exc import OperationalError

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine
from {{cookiecutter.package_name}}.adapters.outbound.persistence.health_check import (
    NotMigratedError,
    SqlAlchemyDatabaseHealthCheck,
)


async def test_a_reachable_migrated_database_passes_the_check(migrated_database_url: str) -> None:
    engine = create_engine(migrated_database_url)
    try:
        await SqlAlchemyDatabaseHealthCheck(engine).check()
    finally:
        await engine.dispose()


async def test_a_database_never_migrated_fails_the_check(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with pytest.raises(NotMigratedError, match="run `make migrate`"):
            await SqlAlchemyDatabaseHealthCheck(engine).check()
    finally:
        await engine.dispose()


async def test_an_unreachable_database_fails_the_check(unreachable_sqlite_url: str) -> None:
    engine = create_engine(unreachable_sqlite_url)
    try:
        with pytest.raises(OperationalError, match="unable to open database file"):
            await SqlAlchemyDatabaseHealthCheck(engine).check()
    finally:
        await engine.dispose()
