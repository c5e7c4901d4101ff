from dependency_injector import containers, providers

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_process_event_publisher import (
    InProcessEventPublisher,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import (
    create_engine,
    create_session_factory,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.health_check import (
    SqlAlchemyDatabaseHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import SqlAlchemyUnitOfWork
from {{cookiecutter.package_name}}.application.use_cases.check_readiness import CheckReadinessHandler
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


class Container(containers.DeclarativeContainer):
    """Where each port meets its adapter. Tests override providers here; nothing is patched."""

    settings = providers.Singleton(Settings)

    engine = providers.Singleton(
        create_engine, settings.provided.database_url, echo=settings.provided.database_echo
    )
    session_factory = providers.Singleton(create_session_factory, engine)

    clock = providers.Singleton(SystemClock)
    event_publisher = providers.Singleton(InProcessEventPublisher)
    unit_of_work = providers.Factory(SqlAlchemyUnitOfWork, session_factory, event_publisher)

    health_checks = providers.List(providers.Singleton(SqlAlchemyDatabaseHealthCheck, engine))
    check_readiness = providers.Factory(
        CheckReadinessHandler,
        health_checks,
        timeout_seconds=settings.provided.readiness_timeout_seconds,
    )
