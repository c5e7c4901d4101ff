"""The order events other services may rely on: the orders side of the published language.

Each model is one message type at one version, documented in `docs/events/` by
`scripts/export_event_schemas.py`. The domain events stay free to change; these models
change only by a new version. `to_integration_event` is the one place that translates.
"""

from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from {{cookiecutter.package_name}}.adapters.outbound.messaging.published_language import (
    PUBLISHED_CONFIG,
    MoneyV1,
    PublishedEvent,
    integration_event,
    money_v1,
)
from {{cookiecutter.package_name}}.application.messaging.message import IntegrationEvent
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.orders import (
    OrderApproved,
    OrderCancelled,
    OrderPlaced,
    OrderRejected,
)


class OrderPlacedV1(PublishedEvent):
    """An order was placed; it waits for the customer's credit to cover its total."""

    EVENT_TYPE = "orders.order_placed"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    total: MoneyV1 = Field(description="What the order costs: all its lines, after discounts.")
    occurred_at: AwareDatetime = Field(
        description="When the order was placed: an RFC 3339 timestamp with its offset."
    )


class OrderApprovedV1(PublishedEvent):
    """The customer's credit covers the order, which is approved."""

    EVENT_TYPE = "orders.order_approved"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    occurred_at: AwareDatetime = Field(
        description="When the order was approved: an RFC 3339 timestamp with its offset."
    )


class OrderRejectedV1(PublishedEvent):
    """The order was turned down, for the reason given."""

    EVENT_TYPE = "orders.order_rejected"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    reason: str = Field(
        min_length=1,
        max_length=200,
        description='Why, in words for people, such as "credit limit exceeded".',
    )
    occurred_at: AwareDatetime = Field(
        description="When the order was rejected: an RFC 3339 timestamp with its offset."
    )


class OrderCancelledV1(PublishedEvent):
    """The order was cancelled; the credit reserved for it, if any, is to be released."""

    EVENT_TYPE = "orders.order_cancelled"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The order's id.")
    customer_id: UUID = Field(description="The id of the customer who placed the order.")
    total: MoneyV1 = Field(description="What the order cost: the credit it had asked for.")
    occurred_at: AwareDatetime = Field(
        description="When the order was cancelled: an RFC 3339 timestamp with its offset."
    )


PUBLISHED: dict[str, type[BaseModel]] = {
    f"{model.EVENT_TYPE}.v{model.VERSION}": model
    for model in (OrderPlacedV1, OrderApprovedV1, OrderRejectedV1, OrderCancelledV1)
}
"""Every message this service publishes, by `<type>.v<version>` (`orders.order_placed.v1`)."""


def to_integration_event(event: DomainEvent) -> IntegrationEvent | None:
    """The message announcing `event` to other services; None for an event that stays here."""
    match event:
        case OrderPlaced():
            message: PublishedEvent = OrderPlacedV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                total=money_v1(event.total),
                occurred_at=event.occurred_at,
            )
        case OrderApproved():
            message = OrderApprovedV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                occurred_at=event.occurred_at,
            )
        case OrderRejected():
            message = OrderRejectedV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                reason=event.reason,
                occurred_at=event.occurred_at,
            )
        case OrderCancelled():
            message = OrderCancelledV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                total=money_v1(event.total),
                occurred_at=event.occurred_at,
            )
        case _:
            return None
    # Every order event is about one order: its id keeps them in order on a broker.
    return integration_event(message, key=event.order_id.value)
