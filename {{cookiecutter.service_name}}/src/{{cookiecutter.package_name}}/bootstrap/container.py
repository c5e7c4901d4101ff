from datetime import timedelta

from dependency_injector import containers, providers

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import JwtAccessTokens
from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import (
    create_engine,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.health_check import (
    SqlAlchemyDatabaseHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.history import (
    SqlAlchemyMessageHistory,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
    keep_inside,
)
from {{cookiecutter.package_name}}.application.delivery.history_pruner import (
    HistoryPruner,
    RetentionPolicy,
)
{%- if cookiecutter.example != "none" %}
from {{cookiecutter.package_name}}.application.delivery.message_receiver import (
    MessageReceiver,
    RetryPolicy,
)
{%- endif %}
from {{cookiecutter.package_name}}.application.delivery.outbox_relay import (
    OutboxRelay,
    RelayHealthCheck,
    RelayPolicy,
)
from {{cookiecutter.package_name}}.application.use_cases.check_readiness import (
    CheckReadinessHandler,
)
from {{cookiecutter.package_name}}.bootstrap.brokers.{{ cookiecutter.broker | replace("-", "_") }} import (
    BrokerContainer,
)
{%- if cookiecutter.example == "customers" %}
from {{cookiecutter.package_name}}.bootstrap.customers_container import CustomersContainer
{%- endif %}
from {{cookiecutter.package_name}}.bootstrap.gateway_keys import gateway_keys
from {{cookiecutter.package_name}}.bootstrap.messaging import MessagingRuntime, process_name
{%- if cookiecutter.example == "orders" %}
from {{cookiecutter.package_name}}.bootstrap.orders_container import OrdersContainer
{%- endif %}
from {{cookiecutter.package_name}}.bootstrap.recurring_job import RecurringJob
from {{cookiecutter.package_name}}.bootstrap.settings import load_settings
from {{cookiecutter.package_name}}.bootstrap.tracing import tracing_for


class Container(containers.DeclarativeContainer):
    """Where each port meets its adapter. Tests override providers here; nothing is patched."""

    settings = providers.Singleton(load_settings)

    engine = providers.Singleton(
        create_engine,
        settings.provided.database_url,
        echo=settings.provided.database_echo,
        pre_ping=settings.provided.database_pre_ping,
        pool_size=settings.provided.database_pool_size,
        max_overflow=settings.provided.database_max_overflow,
        timeout_seconds=settings.provided.database_timeout_seconds,
    )

    clock = providers.Singleton(SystemClock)
    # Spans, where a collector is set (`OTEL_EXPORTER_OTLP_ENDPOINT`).
    tracing = providers.Singleton(tracing_for, settings)
    unit_of_work = providers.Factory(
        SqlAlchemyUnitOfWork, engine, providers.Object(keep_inside), clock
    )

    # The chosen broker's adapters (`bootstrap/brokers/`).
    messaging_broker = providers.Container(BrokerContainer, settings=settings)
    broker = messaging_broker.broker
    message_publisher = messaging_broker.message_publisher
    dead_letters = messaging_broker.dead_letters
    broker_health_check = messaging_broker.health_check

    outbox = providers.Singleton(SqlAlchemyOutbox, engine, clock)
    # The name is the process's own, taken when the relay is built (after any fork).
    relay = providers.Singleton(
        OutboxRelay,
        outbox,
        message_publisher,
        name=providers.Callable(process_name),
        policy=RelayPolicy(),
    )
    history_pruner = providers.Singleton(
        HistoryPruner,
        providers.Singleton(SqlAlchemyMessageHistory, engine),
        clock,
        policy=providers.Factory(
            RetentionPolicy,
            sent_kept=providers.Factory(timedelta, days=settings.provided.outbox_retention_days),
            handled_kept=providers.Factory(timedelta, days=settings.provided.inbox_retention_days),
            keys_kept=providers.Factory(
                timedelta, hours=settings.provided.idempotency_key_retention_hours
            ),
        ),
    )
    history_pruning = providers.Singleton(
        RecurringJob,
        "message history pruning",
        history_pruner.provided.prune_once,
        every=timedelta(hours=1),
    )
{%- if cookiecutter.example == "orders" %}

    orders = providers.Container(
        OrdersContainer,
        engine=engine,
        clock=clock,
        pending_order_timeout=providers.Factory(
            timedelta, minutes=settings.provided.pending_order_timeout_minutes
        ),
    )
    receivers = providers.List(
        providers.Singleton(
            MessageReceiver,
            orders.customer_answers,
            dead_letters,
            consumer_name=settings.provided.service_name,
            policy=RetryPolicy(),
            tracer=tracing.provided.tracer,
        )
    )
{%- elif cookiecutter.example == "customers" %}

    customers = providers.Container(CustomersContainer, engine=engine, clock=clock)
    receivers = providers.List(
        providers.Singleton(
            MessageReceiver,
            customers.order_events,
            dead_letters,
            consumer_name=settings.provided.service_name,
            policy=RetryPolicy(),
            tracer=tracing.provided.tracer,
        )
    )
{%- else %}
    receivers = providers.List()
{%- endif %}
    # What runs beside the relay, wherever it runs.
    housekeeping = providers.List(
        history_pruning,
{%- if cookiecutter.example == "orders" %}
        orders.overdue_order_cancelling,
{%- endif %}
    )
    broker_connection = providers.Singleton(messaging_broker.connection, receivers=receivers)
    messaging = providers.Singleton(MessagingRuntime, broker_connection, relay, housekeeping)

    health_checks = providers.List(
        providers.Singleton(SqlAlchemyDatabaseHealthCheck, engine),
        broker_health_check,
        providers.Singleton(RelayHealthCheck, relay),
    )
    check_readiness = providers.Factory(
        CheckReadinessHandler,
        health_checks,
        timeout_seconds=settings.provided.readiness_timeout_seconds,
    )

    # The API's routes check each request's token with it (`rest/authorization.py`).
    access_tokens = providers.Singleton(
        JwtAccessTokens,
        providers.Singleton(gateway_keys, settings),
        audience=settings.provided.token_audience,
        issuer=settings.provided.jwt_issuer,
    )
