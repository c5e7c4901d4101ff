"""The customer events other services may rely on: the customers side of the published language.

Each model is one message type at one version, documented in `docs/events/` by
`scripts/export_event_schemas.py`. The domain events stay free to change; these models
change only by a new version. `to_integration_event` is the one place that translates.
"""

from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from {{cookiecutter.package_name}}.adapters.outbound.messaging.published_language import (
    CURRENCY_CODE,
    PUBLISHED_CONFIG,
    MoneyV1,
    PublishedEvent,
    integration_event,
    money_v1,
)
from {{cookiecutter.package_name}}.application.messaging.message import IntegrationEvent
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent
from {{cookiecutter.package_name}}.domain.customers import (
    CreditLimitExceeded,
    CreditRefusedForCurrency,
    CreditRefusedForUnknownCustomer,
    CreditReleased,
    CreditReserved,
    CustomerRegistered,
)


class CustomerRegisteredV1(PublishedEvent):
    """A new customer can buy on credit, up to a limit."""

    EVENT_TYPE = "customers.customer_registered"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    customer_id: UUID = Field(description="The customer's id.")
    name: str = Field(
        min_length=1, max_length=100, description="The customer's name, without surrounding spaces."
    )
    credit_limit: MoneyV1 = Field(
        description="The most credit the customer's orders may hold at any one time."
    )
    occurred_at: AwareDatetime = Field(
        description="When the customer was registered: an RFC 3339 timestamp with its offset."
    )


class CreditReservedV1(PublishedEvent):
    """Credit is set aside for the order: the customer can pay for it."""

    EVENT_TYPE = "customers.credit_reserved"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The id of the order the credit is for.")
    customer_id: UUID = Field(description="The customer's id.")
    amount: MoneyV1 = Field(description="The credit set aside: the order's total.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was reserved: an RFC 3339 timestamp with its offset."
    )


class CreditLimitExceededV1(PublishedEvent):
    """The order asked for more credit than the customer had left; nothing was reserved."""

    EVENT_TYPE = "customers.credit_limit_exceeded"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer's id.")
    requested: MoneyV1 = Field(description="The credit the order asked for: its total.")
    available: MoneyV1 = Field(description="The credit the customer had left.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was refused: an RFC 3339 timestamp with its offset."
    )


class CreditReleasedV1(PublishedEvent):
    """The credit set aside for a cancelled order is available again."""

    EVENT_TYPE = "customers.credit_released"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer's id.")
    amount: MoneyV1 = Field(description="The credit given back.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was released: an RFC 3339 timestamp with its offset."
    )


class CreditRefusedForUnknownCustomerV1(PublishedEvent):
    """The order names a customer the customer service does not know; nothing was reserved."""

    EVENT_TYPE = "customers.credit_refused_for_unknown_customer"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer id the order named.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was refused: an RFC 3339 timestamp with its offset."
    )


class CreditRefusedForCurrencyV1(PublishedEvent):
    """The order asked for credit in another currency than the customer's credit limit's;
    nothing was reserved."""

    EVENT_TYPE = "customers.credit_refused_for_currency"
    VERSION = 1
    model_config = PUBLISHED_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer's id.")
    requested: MoneyV1 = Field(description="The credit the order asked for: its total.")
    credit_currency: str = Field(
        pattern=CURRENCY_CODE, description="The currency of the customer's credit limit."
    )
    occurred_at: AwareDatetime = Field(
        description="When the credit was refused: an RFC 3339 timestamp with its offset."
    )


PUBLISHED: dict[str, type[BaseModel]] = {
    f"{model.EVENT_TYPE}.v{model.VERSION}": model
    for model in (
        CustomerRegisteredV1,
        CreditReservedV1,
        CreditLimitExceededV1,
        CreditReleasedV1,
        CreditRefusedForUnknownCustomerV1,
        CreditRefusedForCurrencyV1,
    )
}
"""Every message this service publishes, by `<type>.v<version>` (`customers.credit_reserved.v1`)."""


def to_integration_event(event: DomainEvent) -> IntegrationEvent | None:
    """The message announcing `event` to other services; None for an event that stays here."""
    match event:
        case CustomerRegistered():
            message: PublishedEvent = CustomerRegisteredV1(
                customer_id=event.customer_id.value,
                name=event.customer_name.value,
                credit_limit=money_v1(event.credit_limit),
                occurred_at=event.occurred_at,
            )
        case CreditReserved():
            message = CreditReservedV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                amount=money_v1(event.amount),
                occurred_at=event.occurred_at,
            )
        case CreditLimitExceeded():
            message = CreditLimitExceededV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                requested=money_v1(event.requested),
                available=money_v1(event.available),
                occurred_at=event.occurred_at,
            )
        case CreditReleased():
            message = CreditReleasedV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                amount=money_v1(event.amount),
                occurred_at=event.occurred_at,
            )
        case CreditRefusedForUnknownCustomer():
            message = CreditRefusedForUnknownCustomerV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                occurred_at=event.occurred_at,
            )
        case CreditRefusedForCurrency():
            message = CreditRefusedForCurrencyV1(
                order_id=event.order_id.value,
                customer_id=event.customer_id.value,
                requested=money_v1(event.requested),
                credit_currency=event.credit_currency,
                occurred_at=event.occurred_at,
            )
        case _:
            return None
    # Every customer event is about one customer (even an unknown one): the customer's id
    # keeps them in order on a broker.
    return integration_event(message, key=event.customer_id.value)
