"""The order service's events this service acts on, read from its published language.

The models below are this service's own copy of the order service's messages, with only
the fields it reads checked and unknown fields ignored (a tolerant reader). Their schemas
must stay identical to the publisher's (`docs/events/`): the template's tests compare them.
"""

import logging
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCredit,
    ReleaseCreditHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    ReserveCredit,
    ReserveCreditHandler,
)

logger = logging.getLogger(__name__)


class MoneyV1(BaseModel):
    """An exact amount of money in one currency."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    amount: str = Field(
        pattern=r"^[0-9]+(\.[0-9]{1,2})?$",
        description=(
            'A decimal string, never negative, with at most two decimal places, such as "12.50". '
            "A string, so that no floating-point number ever rounds it."
        ),
    )
    currency: str = Field(
        pattern=r"^[A-Z]{3}$", description='The ISO 4217 currency code, such as "EUR".'
    )


class OrderPlacedV1(BaseModel):
    """An order was placed; it waits for the customer's credit to cover its total."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    total: MoneyV1 = Field(description="What the order costs: all its lines, after discounts.")
    occurred_at: AwareDatetime = Field(
        description="When the order was placed: an RFC 3339 timestamp with its offset."
    )


class OrderCancelledV1(BaseModel):
    """The order was cancelled; the credit reserved for it, if any, is to be released."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    total: MoneyV1 = Field(description="What the order cost: the credit it had asked for.")
    occurred_at: AwareDatetime = Field(
        description="When the order was cancelled: an RFC 3339 timestamp with its offset."
    )


CONSUMED: dict[str, type[BaseModel]] = {
    "orders.order_placed.v1": OrderPlacedV1,
    "orders.order_cancelled.v1": OrderCancelledV1,
}
"""Every message this service reads, by `<type>.v<version>`."""


class MalformedMessageError(Exception):
    """A message of a type this service reads does not match its schema.

    Retrying it cannot help: a broker adapter should move it aside (a dead-letter queue).
    """

    def __init__(self, event_type: str, version: int, error: ValidationError) -> None:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or 'payload'}: {problem['msg']}"
            for problem in error.errors()
        )
        super().__init__(f"malformed {event_type} v{version} message: {problems}")
        self.event_type = event_type
        self.version = version


class OrderEventsConsumer:
    """Reserves credit for each order placed and releases it for each order cancelled.

    Redelivered messages are safe: an order reserves its credit once, and releases it once.
    The answers (credit reserved, limit exceeded, unknown customer, credit released) are
    the use cases' own events, published when their unit of work commits.
    """

    def __init__(self, reserve: ReserveCreditHandler, release: ReleaseCreditHandler) -> None:
        self._reserve = reserve
        self._release = release

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        """Act on one message; False, having done nothing, for one this service does not read.

        Raises `MalformedMessageError` when the payload does not match the schema, and lets
        the domain's errors through (a total in another currency than the credit limit).
        """
        model = CONSUMED.get(f"{event_type}.v{version}")
        if model is None:
            _log_if_known_type(event_type, version)
            return False
        try:
            message = model.model_validate(payload)
        except ValidationError as error:
            raise MalformedMessageError(event_type, version, error) from error
        match message:
            case OrderPlacedV1():
                await self._reserve.execute(
                    ReserveCredit(
                        order_id=message.order_id,
                        customer_id=message.customer_id,
                        amount=Decimal(message.total.amount),
                        currency=message.total.currency,
                    )
                )
            case OrderCancelledV1():
                await self._release.execute(
                    ReleaseCredit(order_id=message.order_id, customer_id=message.customer_id)
                )
        return True


def _log_if_known_type(event_type: str, version: int) -> None:
    # Another version of a message this service reads means the publisher moved on: until
    # this consumer learns it, no credit is reserved or released for those orders.
    read = sorted(key for key in CONSUMED if key.rpartition(".v")[0] == event_type)
    if read:
        logger.warning(
            "ignored %s v%s: only %s is read",
            event_type,
            version,
            ", ".join(read),
            extra={"event_type": event_type, "version": version},
        )
