"""What every published message model shares: its config, money, and its envelope.

The models of this service's own messages (`order_events.py` or `customer_events.py`)
build on these, so each message type differs from the others only in its fields.
"""

from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from {{cookiecutter.package_name}}.application.messaging.message import IntegrationEvent
from {{cookiecutter.package_name}}.domain.shared.money import Money


def _open_to_new_fields(schema: JsonDict) -> None:
    # `extra="forbid"` catches our own mistakes when a payload is built. The contract,
    # though, lets a version gain fields, and readers ignore the ones they do not know.
    schema.pop("additionalProperties", None)


PUBLISHED_CONFIG = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_open_to_new_fields)


CURRENCY_CODE = r"^[A-Z]{3}$"
"""An ISO 4217 currency code, as every message writes one: three upper-case letters."""


class MoneyV1(BaseModel):
    """An exact amount of money in one currency."""

    model_config = PUBLISHED_CONFIG

    amount: str = Field(
        pattern=r"^[0-9]+(\.[0-9]{1,2})?$",
        description=(
            'A decimal string, never negative, with at most two decimal places, such as "12.50". '
            "A string, so that no floating-point number ever rounds it."
        ),
    )
    currency: str = Field(
        pattern=CURRENCY_CODE, description='The ISO 4217 currency code, such as "EUR".'
    )


class PublishedEvent(BaseModel):
    """One message type at one version; subclasses name both and declare the fields."""

    EVENT_TYPE: ClassVar[str]
    VERSION: ClassVar[int]


def money_v1(money: Money) -> MoneyV1:
    # `f` format: plain digits, never an exponent (`Decimal("1E+2")` is "100").
    return MoneyV1(amount=f"{money.amount:f}", currency=money.currency)


def integration_event(message: PublishedEvent, *, key: UUID) -> IntegrationEvent:
    """`message` in its envelope, keyed by the id of the aggregate it is about."""
    return IntegrationEvent(
        type=message.EVENT_TYPE,
        version=message.VERSION,
        key=str(key),
        payload=message.model_dump(mode="json"),
    )
