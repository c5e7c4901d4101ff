from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String, Table, Uuid

from {{cookiecutter.package_name}}.adapters.outbound.persistence.metadata import metadata

customers = Table(
    "customers",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("credit_limit_cents", BigInteger, nullable=False),
    Column("version", Integer, nullable=False),
)

credit_reservations = Table(
    "credit_reservations",
    metadata,
    Column("customer_id", Uuid, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("order_id", Uuid, primary_key=True),
    Column("amount_cents", BigInteger, nullable=False),
)
