from sqlalchemy import delete, insert, select, update

from {{cookiecutter.package_name}}.adapters.outbound.persistence.customers.tables import (
    credit_reservations,
    customers,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.money import from_cents, to_cents
from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import (
    SqlAlchemyRepository,
)
from {{cookiecutter.package_name}}.domain.customers import (
    Customer,
    CustomerId,
    CustomerName,
    OrderReference,
)


class SqlAlchemyCustomerRepository(SqlAlchemyRepository[Customer, CustomerId]):
    """The `CustomerRepository` port: a row in `customers` and its `credit_reservations`.

    An update first moves the version (which fails on a concurrent change), then rewrites
    the customer's reservations; the version check makes that rewrite exclusive.
    """

    async def _load(self, id: CustomerId) -> Customer | None:
        row = (
            await self._connection.execute(select(customers).where(customers.c.id == id.value))
        ).one_or_none()
        if row is None:
            return None
        reservation_rows = await self._connection.execute(
            select(credit_reservations).where(credit_reservations.c.customer_id == id.value)
        )
        return Customer(
            id,
            CustomerName(row.name),
            from_cents(row.credit_limit_cents, row.currency),
            {
                OrderReference(reservation.order_id): from_cents(
                    reservation.amount_cents, row.currency
                )
                for reservation in reservation_rows
            },
            version=row.version,
        )

    async def _insert(self, customer: Customer) -> None:
        await self._connection.execute(
            insert(customers),
            {
                "id": customer.id.value,
                "name": customer.name.value,
                "currency": customer.credit_limit.currency,
                "credit_limit_cents": to_cents(customer.credit_limit),
                "version": 1,
            },
        )
        await self._insert_reservations(customer)

    async def _update(self, customer: Customer) -> int:
        result = await self._connection.execute(
            update(customers)
            .where(customers.c.id == customer.id.value, customers.c.version == customer.version)
            .values(name=customer.name.value, version=customer.version + 1)
        )
        if result.rowcount != 1:
            return result.rowcount  # a lost update, which the base reports
        await self._connection.execute(
            delete(credit_reservations).where(
                credit_reservations.c.customer_id == customer.id.value
            )
        )
        await self._insert_reservations(customer)
        return 1

    async def _insert_reservations(self, customer: Customer) -> None:
        if not customer.reservations:
            return
        await self._connection.execute(
            insert(credit_reservations),
            [
                {
                    "customer_id": customer.id.value,
                    "order_id": order.value,
                    "amount_cents": to_cents(amount),
                }
                for order, amount in customer.reservations.items()
            ],
        )
