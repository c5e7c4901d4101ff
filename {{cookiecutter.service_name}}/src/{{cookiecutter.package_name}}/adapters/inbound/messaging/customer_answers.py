"""The customer service's answers about credit, read from its published language.

The models below are this service's own copy of the customer service's messages, with only
the fields it reads checked and unknown fields ignored (a tolerant reader). Their schemas
must stay identical to the ones the customer service publishes: this service exports them to
`docs/events/`, so compare those files with the customer service's whenever either changes.
"""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from {{cookiecutter.package_name}}.adapters.inbound.messaging.published_language import (
    CURRENCY_CODE,
    READER_CONFIG,
    MoneyV1,
    read_message,
    read_types,
)
from {{cookiecutter.package_name}}.application.event_handlers.credit_answers import (
    CreditAnswerHandler,
    CreditRefusedForOrder,
    CreditReservedForOrder,
)

LIMIT_EXCEEDED = "credit limit exceeded"
"""The rejection reason an order gets when the customer's credit does not cover it."""
UNKNOWN_CUSTOMER = "unknown customer"
"""The rejection reason an order gets when the customer service does not know its customer."""
OTHER_CURRENCY = "credit in another currency"
"""The rejection reason an order gets when the customer's credit is in another currency."""


class CreditReservedV1(BaseModel):
    """Credit is set aside for the order: the customer can pay for it."""

    model_config = READER_CONFIG

    order_id: UUID = Field(description="The id of the order the credit is for.")
    customer_id: UUID = Field(description="The customer's id.")
    amount: MoneyV1 = Field(description="The credit set aside: the order's total.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was reserved: an RFC 3339 timestamp with its offset."
    )


class CreditLimitExceededV1(BaseModel):
    """The order asked for more credit than the customer had left; nothing was reserved."""

    model_config = READER_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer's id.")
    requested: MoneyV1 = Field(description="The credit the order asked for: its total.")
    available: MoneyV1 = Field(description="The credit the customer had left.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was refused: an RFC 3339 timestamp with its offset."
    )


class CreditRefusedForUnknownCustomerV1(BaseModel):
    """The order names a customer the customer service does not know; nothing was reserved."""

    model_config = READER_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer id the order named.")
    occurred_at: AwareDatetime = Field(
        description="When the credit was refused: an RFC 3339 timestamp with its offset."
    )


class CreditRefusedForCurrencyV1(BaseModel):
    """The order asked for credit in another currency than the customer's credit limit's;
    nothing was reserved."""

    model_config = READER_CONFIG

    order_id: UUID = Field(description="The id of the order the credit was for.")
    customer_id: UUID = Field(description="The customer's id.")
    requested: MoneyV1 = Field(description="The credit the order asked for: its total.")
    credit_currency: str = Field(
        pattern=CURRENCY_CODE, description="The currency of the customer's credit limit."
    )
    occurred_at: AwareDatetime = Field(
        description="When the credit was refused: an RFC 3339 timestamp with its offset."
    )


CONSUMED: dict[str, type[BaseModel]] = {
    "customers.credit_reserved.v1": CreditReservedV1,
    "customers.credit_limit_exceeded.v1": CreditLimitExceededV1,
    "customers.credit_refused_for_unknown_customer.v1": CreditRefusedForUnknownCustomerV1,
    "customers.credit_refused_for_currency.v1": CreditRefusedForCurrencyV1,
}
"""Every message this service reads, by `<type>.v<version>`."""


class CustomerAnswersConsumer:
    """Turns the customer service's answers about credit into approvals and rejections.

    Reserved credit approves the order; an exceeded limit, an unknown customer or credit in
    another currency rejects it, with `LIMIT_EXCEEDED`, `UNKNOWN_CUSTOMER` or
    `OTHER_CURRENCY` as the reason. Redelivered and late
    answers are safe: `CreditAnswerHandler` settles each order once.
    """

    def __init__(self, answers: CreditAnswerHandler) -> None:
        self._answers = answers

    @property
    def message_types(self) -> frozenset[str]:
        return read_types(CONSUMED)

    async def handle(self, event_type: str, version: int, payload: Mapping[str, Any]) -> bool:
        """Act on one message; False, having done nothing, for one this service does not read.

        Raises `MalformedMessageError` when the payload does not match the schema, and lets
        the application's errors through (an answer for an order this service does not have
        is no error: the event handler logs and drops it).
        """
        message = read_message(CONSUMED, event_type, version, payload)
        if message is None:
            return False
        match message:
            case CreditReservedV1():
                await self._answers.on_credit_reserved(CreditReservedForOrder(message.order_id))
            case CreditLimitExceededV1():
                answer = CreditRefusedForOrder(message.order_id, reason=LIMIT_EXCEEDED)
                await self._answers.on_credit_refused(answer)
            case CreditRefusedForUnknownCustomerV1():
                answer = CreditRefusedForOrder(message.order_id, reason=UNKNOWN_CUSTOMER)
                await self._answers.on_credit_refused(answer)
            case CreditRefusedForCurrencyV1():
                answer = CreditRefusedForOrder(message.order_id, reason=OTHER_CURRENCY)
                await self._answers.on_credit_refused(answer)
        return True
