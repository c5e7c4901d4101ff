"""The container gives each port its adapter.

The annotated assignments are checked by `mypy --strict`: an adapter that no longer
satisfies its port fails `make lint`, even though the container's wiring is dynamic.
"""

from collections.abc import AsyncIterator

import pytest
from dependency_injector import providers

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_process_event_publisher import (
    InProcessEventPublisher,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.health_check import (
    SqlAlchemyDatabaseHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
)
from {{cookiecutter.package_name}}.application.ports import (
    Clock,
    EventPublisher,
    HealthCheck,
    UnitOfWork,
)
from {{cookiecutter.package_name}}.application.use_cases.check_readiness import (
    CheckReadiness,
    CheckReadinessHandler,
)
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


@pytest.fixture
async def container(database_url: str) -> AsyncIterator[Container]:
    container = Container()
    container.settings.override(providers.Object(Settings(database_url=database_url)))
    yield container
    await container.engine().dispose()


def test_each_port_resolves_to_its_adapter(container: Container) -> None:
    clock: Clock = container.clock()
    publisher: EventPublisher = container.event_publisher()
    unit_of_work: UnitOfWork = container.unit_of_work()
    health_checks: list[HealthCheck] = container.health_checks()

    assert isinstance(clock, SystemClock)
    assert isinstance(publisher, InProcessEventPublisher)
    assert isinstance(unit_of_work, SqlAlchemyUnitOfWork)
    assert [type(check) for check in health_checks] == [SqlAlchemyDatabaseHealthCheck]


def test_singletons_are_shared_and_units_of_work_are_not(container: Container) -> None:
    assert container.engine() is container.engine()
    assert container.event_publisher() is container.event_publisher()
    assert container.unit_of_work() is not container.unit_of_work()


async def test_the_readiness_use_case_is_wired_to_the_real_database(container: Container) -> None:
    handler: CheckReadinessHandler = container.check_readiness()

    report = await handler.execute(CheckReadiness())

    assert report.ready
