from dependency_injector import containers, providers

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_process_event_publisher import (
    InProcessEventPublisher,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import (
    create_engine,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.health_check import (
    SqlAlchemyDatabaseHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
)
from {{cookiecutter.package_name}}.application.use_cases.check_readiness import (
    CheckReadinessHandler,
)
{%- if cookiecutter.example == "customers" %}
from {{cookiecutter.package_name}}.bootstrap.customers_container import CustomersContainer
{%- elif cookiecutter.example == "orders" %}
from {{cookiecutter.package_name}}.bootstrap.orders_container import OrdersContainer
{%- endif %}
from {{cookiecutter.package_name}}.bootstrap.settings import Settings


class Container(containers.DeclarativeContainer):
    """Where each port meets its adapter. Tests override providers here; nothing is patched."""

    settings = providers.Singleton(Settings)

    engine = providers.Singleton(
        create_engine,
        settings.provided.database_url,
        echo=settings.provided.database_echo,
        pre_ping=settings.provided.database_pre_ping,
    )

    clock = providers.Singleton(SystemClock)
    event_publisher = providers.Singleton(InProcessEventPublisher)
    unit_of_work = providers.Factory(SqlAlchemyUnitOfWork, engine, event_publisher)

    health_checks = providers.List(providers.Singleton(SqlAlchemyDatabaseHealthCheck, engine))
    check_readiness = providers.Factory(
        CheckReadinessHandler,
        health_checks,
        timeout_seconds=settings.provided.readiness_timeout_seconds,
    )
{%- if cookiecutter.example == "orders" %}

    orders = providers.Container(
        OrdersContainer,
        engine=engine,
        clock=clock,
        event_publisher=event_publisher,
    )
{%- elif cookiecutter.example == "customers" %}

    customers = providers.Container(
        CustomersContainer,
        engine=engine,
        clock=clock,
        event_publisher=event_publisher,
    )
{%- endif %}
