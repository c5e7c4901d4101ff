from dependency_injector import containers, providers
{%- if cookiecutter.broker == "rabbitmq" %}
from faststream.rabbit import RabbitBroker
{%- endif %}

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
{%- if cookiecutter.broker == "rabbitmq" %}
from {{cookiecutter.package_name}}.adapters.outbound.messaging.broker_health_check import (
    BrokerHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.rabbitmq_publisher import (
    RabbitDeadLetterQueue,
    RabbitMessagePublisher,
)
{%- else %}
from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
{%- endif %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import (
    create_engine,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.health_check import (
    SqlAlchemyDatabaseHealthCheck,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
    keep_inside,
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
{%- if cookiecutter.broker == "rabbitmq" %}
from {{cookiecutter.package_name}}.bootstrap.brokers.rabbitmq import RabbitMQConnection
{%- else %}
from {{cookiecutter.package_name}}.bootstrap.brokers.in_memory import InMemoryConnection
{%- endif %}
{%- if cookiecutter.example == "customers" %}
from {{cookiecutter.package_name}}.bootstrap.customers_container import CustomersContainer
{%- endif %}
from {{cookiecutter.package_name}}.bootstrap.messaging import MessagingRuntime, relay_name
{%- if cookiecutter.example == "orders" %}
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
    unit_of_work = providers.Factory(
        SqlAlchemyUnitOfWork, engine, providers.Object(keep_inside), clock
    )
{%- if cookiecutter.broker == "rabbitmq" %}

    broker = providers.Singleton(RabbitBroker, settings.provided.broker_url, logger=None)
    message_publisher = providers.Singleton(RabbitMessagePublisher, broker)
    dead_letters = providers.Singleton(RabbitDeadLetterQueue, broker)
    broker_health_check = providers.Singleton(BrokerHealthCheck, broker)
{%- else %}

    broker = providers.Singleton(InMemoryBroker)
    message_publisher = broker
    dead_letters = broker
    broker_health_check = broker
{%- endif %}
    outbox = providers.Singleton(SqlAlchemyOutbox, engine, clock)
    relay = providers.Singleton(
        OutboxRelay, outbox, message_publisher, name=relay_name(), policy=RelayPolicy()
    )
{%- if cookiecutter.example == "orders" %}

    orders = providers.Container(OrdersContainer, engine=engine, clock=clock)
    receivers = providers.List(
        providers.Singleton(
            MessageReceiver,
            orders.customer_answers,
            dead_letters,
            consumer_name=settings.provided.service_name,
            policy=RetryPolicy(),
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
        )
    )
{%- else %}
    receivers = providers.List()
{%- endif %}
{%- if cookiecutter.broker == "rabbitmq" %}
    broker_connection = providers.Singleton(
        RabbitMQConnection, broker, receivers, queue_name=settings.provided.service_name
    )
{%- else %}
    broker_connection = providers.Singleton(InMemoryConnection, broker, receivers)
{%- endif %}
    messaging = providers.Singleton(MessagingRuntime, broker_connection, relay)

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
