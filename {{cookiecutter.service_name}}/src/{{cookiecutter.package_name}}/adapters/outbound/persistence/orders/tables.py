from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    literal_column,
)

from {{cookiecutter.package_name}}.adapters.outbound.persistence.metadata import metadata
from {{cookiecutter.package_name}}.adapters.outbound.persistence.types import UtcDateTime
from {{cookiecutter.package_name}}.domain.orders import OrderStatus

orders = Table(
    "orders",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("customer_id", Uuid, nullable=False),
    Column("status", String(16), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_cents", BigInteger, nullable=False),
    Column("rejection_reason", String(200), nullable=True),
    Column("placed_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_orders_customer_id_placed_at", "customer_id", "placed_at"),
)

# The deadline's question, asked every minute: the oldest orders still waiting for an
# answer. A partial index holds those alone, so the answer costs the same however many
# settled orders the table keeps. The status is a literal, not a parameter, so that each
# database's planner can see that a query asking for it may use the index.
IS_PENDING = orders.c.status == literal_column(f"'{OrderStatus.PENDING.value}'")
Index(
    "ix_orders_pending_placed_at",
    orders.c.placed_at,
    sqlite_where=IS_PENDING,
    postgresql_where=IS_PENDING,
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_id", Uuid, ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("sku", String(32), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price_cents", BigInteger, nullable=False),
    UniqueConstraint("order_id", "sku"),
)
