from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine


@pytest.fixture
async def engine(migrated_database_url: str) -> AsyncIterator[AsyncEngine]:
    """The service's engine on a freshly migrated database, disposed of after the test."""
    engine = create_engine(migrated_database_url)
    yield engine
    await engine.dispose()
