"""Every table of the service on one `metadata`: what Alembic's migrations must build."""
{% if cookiecutter.example == "customers" %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.customers.tables import (
    credit_reservations,
    customers,
)
{%- endif %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.metadata import metadata
{%- if cookiecutter.example == "orders" %}
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.tables import (
    order_lines,
    orders,
)
{%- endif %}
{% if cookiecutter.example == "orders" %}
TABLES = (orders, order_lines)
{%- elif cookiecutter.example == "customers" %}
TABLES = (customers, credit_reservations)
{%- else %}
TABLES = ()
{%- endif %}

__all__ = ["TABLES", "metadata"]
