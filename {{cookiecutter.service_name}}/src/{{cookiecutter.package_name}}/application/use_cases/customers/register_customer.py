from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import (
    NotFoundError,
    RequestAlreadyHandledError,
)
from {{cookiecutter.package_name}}.application.idempotency import HandledRequest, fingerprint_of
from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.customers_unit_of_work import (
    CustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.customer_view import (
    CustomerView,
    view_of,
)
from {{cookiecutter.package_name}}.domain.customers import Customer, CustomerId, CustomerName
from {{cookiecutter.package_name}}.domain.shared.money import Money


@dataclass(frozen=True, slots=True)
class RegisterCustomer:
    """Command: open an account for a customer who may buy on credit up to `credit_limit`.

    With an `idempotency_key`, the same command sent again registers no second customer: it
    is answered with the customer the first one registered (`application/idempotency.py`).
    """

    name: str
    credit_limit: Decimal
    currency: str
    idempotency_key: str | None = None


REGISTER_CUSTOMER = "customers.register_customer"
"""The operation an idempotency key of `RegisterCustomer` is kept under."""


class RegisterCustomerHandler:
    """Registers a new customer with a fresh id, and announces it with `CustomerRegistered`."""

    def __init__(self, uow: CustomersUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: RegisterCustomer) -> CustomerView:
        customer = Customer.register(
            CustomerId.new(),
            CustomerName.of(command.name),
            Money(command.credit_limit, command.currency),
            at=self._clock.now(),
        )
        request = None
        if command.idempotency_key is not None:
            fingerprint = fingerprint_of(customer.name, customer.credit_limit)
            request = HandledRequest(
                REGISTER_CUSTOMER, command.idempotency_key, fingerprint, str(customer.id)
            )
        try:
            return view_of(await self._stored(customer, request))
        except RequestAlreadyHandledError:
            # A request with the same key was committed meanwhile: answer with its customer.
            return view_of(await self._stored(customer, request))

    async def _stored(self, customer: Customer, request: HandledRequest | None) -> Customer:
        """`customer`, once stored; or the customer an earlier request with the key registered."""
        async with self._uow:
            if request is not None:
                earlier = await self._uow.requests.get(request.operation, request.key)
                if earlier is not None:
                    return await self._registered(CustomerId(UUID(earlier.answer_for(request))))
                self._uow.requests.add(request)
            self._uow.customers.add(customer)
            await self._uow.commit()
        return customer

    async def _registered(self, customer_id: CustomerId) -> Customer:
        customer = await self._uow.customers.get(customer_id)
        if customer is None:
            raise NotFoundError(
                f"customer {customer_id}, registered with this idempotency key, is gone"
            )
        return customer
