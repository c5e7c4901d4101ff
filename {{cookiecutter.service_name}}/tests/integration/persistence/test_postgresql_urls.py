"""A PostgreSQL URL as people write it for libpq reaches asyncpg in asyncpg's terms."""

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine

from tests.databases import fresh_postgresql_database, postgresql_server_url, upgrade_to_head


@pytest.fixture
def postgresql_url() -> Iterator[str]:
    with fresh_postgresql_database(postgresql_server_url()) as url:
        yield url


@pytest.mark.parametrize("mode", ["disable", "prefer"])
async def test_a_libpq_sslmode_is_passed_on_as_asyncpgs_ssl(postgresql_url: str, mode: str) -> None:
    # The test server speaks no TLS: these two modes connect to it, `require` would not.
    engine = create_engine(f"{postgresql_url}?sslmode={mode}")
    try:
        async with engine.connect() as connection:
            assert await connection.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()

    assert engine.url.query == {"ssl": mode}


def test_the_migrations_take_a_libpq_sslmode_too(postgresql_url: str) -> None:
    upgrade_to_head(f"{postgresql_url}?sslmode=prefer")

    assert asyncio.run(_migrated_revision(postgresql_url)) is not None


async def _migrated_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            revision: str | None = await connection.scalar(
                text("SELECT version_num FROM alembic_version")
            )
            return revision
    finally:
        await engine.dispose()
