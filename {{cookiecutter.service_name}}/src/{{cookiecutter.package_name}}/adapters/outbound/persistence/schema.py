"""Every table of the service on one `metadata`: what Alembic's migrations must build."""
{% if cookiecutter.example == "customers" %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.customers.tables import (
    credit_reservations,
    customers,
)
{%- endif %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    inbox_messages,
    outbox_messages,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.metadata import metadata
{%- if cookiecutter.example == "orders" %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.tables import (
    order_lines,
    orders,
)
{%- endif %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.requests.tables import (
    handled_requests,
)
{% if cookiecutter.example == "orders" %}
TABLES = (outbox_messages, inbox_messages, handled_requests, orders, order_lines)
{%- elif cookiecutter.example == "customers" %}
TABLES = (outbox_messages, inbox_messages, handled_requests, customers, credit_reservations)
{%- else %}
TABLES = (outbox_messages, inbox_messages, handled_requests)
{%- endif %}

__all__ = ["TABLES", "metadata"]
