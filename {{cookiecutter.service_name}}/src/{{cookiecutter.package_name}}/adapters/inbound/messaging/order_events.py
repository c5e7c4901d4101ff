"""The order service's events this service acts on, read from its published language.

The models below are this service's own copy of the order service's messages, with only
the fields it reads checked and unknown fields ignored (a tolerant reader). Their schemas
must stay identical to the ones the order service publishes: this service exports them to
`docs/events/`, so compare those files with the order service's whenever either changes.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from {{cookiecutter.package_name}}.adapters.inbound.messaging.published_language import (
    READER_CONFIG,
    MoneyV1,
    read_message,
    read_types,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCredit,
    ReleaseCreditHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    ReserveCredit,
    ReserveCreditHandler,
)


class OrderPlacedV1(BaseModel):
    """An order was placed; it waits for the customer's credit to cover its total."""

    model_config = READER_CONFIG

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    total: MoneyV1 = Field(description="What the order costs: all its lines, after discounts.")
    occurred_at: AwareDatetime = Field(
        description="When the order was placed: an RFC 3339 timestamp with its offset."
    )


class OrderCancelledV1(BaseModel):
    """The order was cancelled; the credit reserved for it, if any, is to be released."""

    model_config = READER_CONFIG

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


class OrderEventsConsumer:
    """Reserves credit for each order placed and releases it for each order cancelled.

    Redelivered messages are safe: an order reserves its credit once, and releases it once.
    The answers (credit reserved, limit exceeded, unknown customer, credit in another
    currency, credit released) are the use cases' own events, written to the outbox when
    their unit of work commits, and sent by the relay.
    """

    def __init__(self, reserve: ReserveCreditHandler, release: ReleaseCreditHandler) -> None:
        self._reserve = reserve
        self._release = release

    @property
    def message_types(self) -> frozenset[str]:
        return read_types(CONSUMED)

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        """Act on one message; False, having done nothing, for one this service does not read.

        Raises `MalformedMessageError` when the payload does not match the schema, and lets
        the application's errors through, such as the database being away.
        """
        message = read_message(CONSUMED, event_type, version, payload)
        if message is None:
            return False
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
